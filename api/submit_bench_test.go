package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/demo"
	"pingyi/responses"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
)

// BenchmarkSubmissions measures durable submissions of whole 82 × 4 forms
// through the HTTP API: the real server on a loopback port, concurrent
// clients with keep-alive connections, an operator's API token (as kiosks
// and the phone channel use), a fresh idempotency key per form.
//
//	max:     as fast as 64 clients go; reports subs/s, p50_ms, p99_ms
//	rate500, rate1000: 500 or 1,000 forms a second, each sent at its
//	         scheduled moment whatever the others are doing; latency counts
//	         from that moment, so a stalled server is not hidden
//
// Run (see README, Speed):
//
//	PINGYI_TEST_MYSQL_DSN='root@tcp(127.0.0.1:3306)/test' go test ./api/ -run '^$' -bench Submissions -benchtime 10000x
func BenchmarkSubmissions(b *testing.B) {
	for _, d := range storagetest.Backends() {
		b.Run(string(d), func(b *testing.B) {
			s := startBench(b, d)
			b.Run("max", func(b *testing.B) { s.closedLoop(b, 64) })
			b.Run("rate500", func(b *testing.B) { s.openLoop(b, 500) })
			b.Run("rate1000", func(b *testing.B) { s.openLoop(b, 1000) })
		})
	}
}

type bench struct {
	db         *storage.DB
	url, token string
	bodies     [][]byte
	client     *http.Client
	seq        atomic.Int64
}

func startBench(b *testing.B, d storage.Dialect) *bench {
	h := apptest.New(b, d)
	ctx := context.Background()
	storagetest.RequireDurable(b, h.App.DB)
	if _, err := h.App.Survey.Create(ctx, demo.Definition(), audit.Actor{Login: "bench"}); err != nil {
		b.Fatal(err)
	}
	if _, err := h.App.Survey.SetStatus(ctx, demo.CampaignCode, survey.Open, audit.Actor{Login: "bench"}); err != nil {
		b.Fatal(err)
	}
	st, _ := h.App.Survey.Structure(ctx, demo.CampaignCode)
	u, _, err := h.App.Accounts.Create(ctx, account.NewUser{Login: "kiosk", Role: account.Operator, Password: apptest.Password}, audit.Actor{Login: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	_, token, err := h.App.Accounts.CreateToken(ctx, u.ID, "bench", audit.Actor{Login: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	s := &bench{db: h.App.DB, url: h.Serve() + "/api/v1/campaigns/" + demo.CampaignCode + "/responses", token: token,
		client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256, MaxIdleConns: 256}, Timeout: time.Minute}}
	for v := range 16 {
		var answers []responses.Answer
		for ui, unit := range st.Units {
			for ii, ind := range st.Indicators {
				answers = append(answers, responses.Answer{Unit: unit.Code, Indicator: ind.Code, Option: st.Scale[(ui+ii+v)%len(st.Scale)].Code})
			}
		}
		body, _ := json.Marshal(map[string]any{"group": "public", "answers": answers,
			"comments": map[string]string{st.Units[v].Code: "窗口工作人员态度很好，但排队时间较长。"}})
		s.bodies = append(s.bodies, body)
	}
	b.Logf("%s: %d-byte forms of %d ratings", d, len(s.bodies[0]), len(st.Units)*len(st.Indicators))
	return s
}

// post sends one form and returns how long it took.
func (s *bench) post(b *testing.B) {
	n := s.seq.Add(1)
	req, _ := http.NewRequest("POST", s.url, bytes.NewReader(s.bodies[n%int64(len(s.bodies))]))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+s.token)
	req.Header.Set("Idempotency-Key", "bench-"+strconv.FormatInt(n, 10))
	res, err := s.client.Do(req)
	if err != nil {
		b.Error(err)
		return
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		b.Errorf("%d %s", res.StatusCode, body)
	}
}

func (s *bench) closedLoop(b *testing.B, clients int) {
	lat := make([]time.Duration, b.N)
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	cpu := startCPU(s.db)
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				t := time.Now()
				s.post(b)
				lat[i] = time.Since(t)
			}
		}()
	}
	wg.Wait()
	report(b, lat, time.Since(start), cpu)
}

func (s *bench) openLoop(b *testing.B, perSecond int) {
	lat := make([]time.Duration, b.N)
	interval := time.Second / time.Duration(perSecond)
	var wg sync.WaitGroup
	b.ResetTimer()
	cpu := startCPU(s.db)
	start := time.Now()
	for i := range b.N {
		due := start.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(due))
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.post(b)
			lat[i] = time.Since(due)
		}()
	}
	wg.Wait()
	report(b, lat, time.Since(start), cpu)
}

func report(b *testing.B, lat []time.Duration, elapsed time.Duration, cpu cpuMeters) {
	b.StopTimer()
	cpu.report(b, len(lat))
	slices.Sort(lat)
	ms := func(q float64) float64 {
		return float64(lat[min(len(lat)-1, int(q*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "subs/s")
	b.ReportMetric(ms(0.50), "p50_ms")
	b.ReportMetric(ms(0.99), "p99_ms")
	if testing.Verbose() {
		fmt.Printf("    %s: %d forms in %s\n", b.Name(), len(lat), elapsed.Round(time.Millisecond))
	}
}
