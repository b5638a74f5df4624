package app_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pingyi/app/apptest"
	"pingyi/storage/galeratest"
)

// TestMeasureOnAGaleraCluster measures form submissions through one node
// and through three (the same client load: 24 kiosks submitting without
// pause), then kills one node with SIGKILL in the middle of the load and
// restarts it: every acknowledged form must be stored, none twice. The
// figures go to the README; run it by hand with
// PINGYI_TEST_GALERA=1 PINGYI_TEST_GALERA_MEASURE=1.
func TestMeasureOnAGaleraCluster(t *testing.T) {
	if os.Getenv("PINGYI_TEST_GALERA_MEASURE") != "1" {
		t.Skip("set PINGYI_TEST_GALERA_MEASURE=1 (with PINGYI_TEST_GALERA=1) to measure")
	}
	c := galeratest.Start(t)
	dsns := c.DSNs(t)
	h1 := apptest.NewOn(t, dsns[0])
	hs := []*apptest.Harness{h1, h1.Through(t, dsns[1]), h1.Through(t, dsns[2])}
	h1.OpenCampaigns()

	for _, spread := range []int{1, 3} {
		t.Logf("phone queue, %d node(s): %s", spread, phoneLoad(t, c, spread))
	}

	one := load(t, hs[:1], "one", 24, 15*time.Second, nil)
	t.Logf("one node:    %s", one)
	three := load(t, hs, "three", 24, 15*time.Second, nil)
	t.Logf("three nodes: %s", three)

	// Node 3 dies 5 s into the load and is started again 10 s later.
	killed := load(t, hs, "kill", 24, 30*time.Second, func(elapsed time.Duration) {
		switch {
		case elapsed > 5*time.Second && c.Nodes[2].Running() && !c.Nodes[2].Restarted:
			t.Logf("SIGKILL node 3 at %s", elapsed.Round(time.Millisecond))
			c.Nodes[2].Kill()
		case elapsed > 15*time.Second && !c.Nodes[2].Running() && !c.Nodes[2].Restarted:
			t.Logf("restarting node 3 at %s", elapsed.Round(time.Millisecond))
			go func() {
				start := time.Now()
				c.Nodes[2].Restart(t)
				t.Logf("node 3 rejoined, synced, in %s", time.Since(start).Round(time.Millisecond))
			}()
		}
	})
	t.Logf("kill -9:     %s", killed)
	var stored, distinct int64
	db := hs[0].App.DB.Gorm
	db.Raw("SELECT COUNT(*), COUNT(DISTINCT idempotency_key) FROM responses WHERE idempotency_key LIKE 'kill-%'").Row().Scan(&stored, &distinct)
	var present int64
	refs := killed.acked
	for chunk := range slices.Chunk(refs, 500) {
		var n int64
		db.Table("responses").Where("ref IN ?", chunk).Count(&n)
		present += n
	}
	t.Logf("kill -9: %d acknowledged, %d of them stored; %d forms stored under %d keys", len(refs), present, stored, distinct)
	if present != int64(len(refs)) {
		t.Errorf("%d acknowledged forms are missing", int64(len(refs))-present)
	}
	if stored != distinct {
		t.Errorf("%d forms stored twice", stored-distinct)
	}
}

type loadResult struct {
	acked           []string
	seconds         float64
	p50, p99        time.Duration
	failed, retried int64
}

func (r loadResult) String() string {
	return fmt.Sprintf("%d forms in %.1f s = %.0f/s, p50 %s, p99 %s, %d requests failed (retried through another node)",
		len(r.acked), r.seconds, float64(len(r.acked))/r.seconds, r.p50, r.p99, r.failed)
}

// load runs kiosks submitting forms through the nodes in turn for d; a
// kiosk whose request fails retries the same form (same idempotency key)
// through the next node, as a kiosk behind a load balancer would.
func load(t *testing.T, hs []*apptest.Harness, prefix string, kiosks int, d time.Duration, tick func(time.Duration)) loadResult {
	var mu sync.Mutex
	var res loadResult
	var lat []time.Duration
	var failed atomic.Int64
	start := time.Now()
	stop := make(chan struct{})
	if tick != nil {
		go func() {
			for {
				select {
				case <-stop:
					return
				case <-time.After(100 * time.Millisecond):
					tick(time.Since(start))
				}
			}
		}()
	}
	var wg sync.WaitGroup
	for k := range kiosks {
		wg.Go(func() {
			for n := 0; time.Since(start) < d; n++ {
				key := fmt.Sprintf("%s-%d-%d", prefix, k, n)
				body := fmt.Sprintf(`{"answers": [{"unit": "U001", "indicator": "efficiency", "option": "A"}, {"unit": "U002", "indicator": "quality", "option": "比较满意"}], "idempotency_key": %q}`, key)
				for try := 0; ; try++ {
					h := hs[(k+n+try)%len(hs)]
					req := httptest.NewRequest("POST", "/api/v1/campaigns/2026-annual/responses", strings.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					// A crowd: each form from its own address, under the hourly cap.
					req.RemoteAddr = fmt.Sprintf("10.%d.%d.%d:1234", k, n/250%250, n%250)
					began := time.Now()
					rec := h.Do(req)
					took := time.Since(began)
					if rec.Code == http.StatusCreated || rec.Code == http.StatusOK {
						var r struct {
							Ref string `json:"ref"`
						}
						json.Unmarshal(rec.Body.Bytes(), &r)
						mu.Lock()
						res.acked = append(res.acked, r.Ref)
						lat = append(lat, took)
						mu.Unlock()
						break
					}
					failed.Add(1)
					if try > 50 {
						t.Errorf("form %s refused 50 times: %d %.200s", key, rec.Code, rec.Body)
						return
					}
					time.Sleep(50 * time.Millisecond)
				}
			}
		})
	}
	wg.Wait()
	close(stop)
	res.seconds = time.Since(start).Seconds()
	slices.Sort(lat)
	if len(lat) > 0 {
		res.p50, res.p99 = lat[len(lat)/2].Round(time.Millisecond), lat[len(lat)*99/100].Round(time.Millisecond)
	}
	res.failed = failed.Load()
	return res
}

// phoneLoad has 8 operators take and record (nobody answers) phone cases
// without pause through spread nodes, on a database of its own, until the
// sample's cases have had all their attempts; it reports the latency of
// taking a case and of recording its outcome.
func phoneLoad(t *testing.T, c *galeratest.Cluster, spread int) string {
	dsns := c.DSNs(t)
	h1 := apptest.NewOn(t, dsns[0])
	nodes := []*apptest.Harness{h1, h1.Through(t, dsns[1]), h1.Through(t, dsns[2])}[:spread]
	base, ops := phoneQueueReady(t, h1, []*apptest.Harness{h1, h1.Through(t, dsns[1])}[min(spread, 2)-1], 8)
	var mu sync.Mutex
	var next, record []time.Duration
	start := time.Now()
	var wg sync.WaitGroup
	for i, op := range ops {
		wg.Go(func() {
			for n := 0; time.Since(start) < 60*time.Second; n++ {
				m := op.Through(nodes[(i+n)%len(nodes)])
				began := time.Now()
				rec := m.API("POST", base+"/next", nil)
				took := time.Since(began)
				var held struct {
					ID int64 `json:"id"`
				}
				json.Unmarshal(rec.Body.Bytes(), &held)
				if rec.Code != http.StatusOK || held.ID == 0 {
					return // the queue is empty (or refused: the count below shows it)
				}
				began = time.Now()
				out := m.API("POST", fmt.Sprintf("%s/cases/%d/outcome", base, held.ID), map[string]string{"disposition": "3.13"})
				mu.Lock()
				next, record = append(next, took), append(record, time.Since(began))
				mu.Unlock()
				if out.Code != http.StatusOK {
					t.Errorf("outcome: %d %.200s", out.Code, out.Body)
					return
				}
			}
		})
	}
	wg.Wait()
	secs := time.Since(start).Seconds()
	q := func(d []time.Duration, p int) time.Duration {
		slices.Sort(d)
		if len(d) == 0 {
			return 0
		}
		return d[len(d)*p/100].Round(time.Millisecond)
	}
	return fmt.Sprintf("%d calls recorded in %.1f s (%.0f/s); taking a case p50 %s p99 %s; recording p50 %s p99 %s",
		len(next), secs, float64(len(next))/secs, q(next, 50), q(next, 99), q(record, 50), q(record, 99))
}
