package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pingyi/app"
	"pingyi/app/apptest"
	"pingyi/appeals"
	"pingyi/cputime"
	"pingyi/demo"
	"pingyi/storage/storagetest"
)

// BenchmarkCaseLookupPage is issue 16's /q row through the real handler
// stack, as the person meets it: POST /q with a case's number and password
// on the demo's ledger and register, the guess counted and given back, the
// page rendered. Sixteen people at once, each at their own case from their
// own address, with the collector set as serve sets it. appeals'
// BenchmarkLookup measures the ledger's part alone.
//
//	go test ./web -run '^$' -bench CaseLookupPage -benchtime 2000x
func BenchmarkCaseLookupPage(b *testing.B) {
	defer debug.SetGCPercent(debug.SetGCPercent(app.Default().GCPercent))
	for _, d := range storagetest.Backends() {
		b.Run(string(d), func(b *testing.B) {
			h := apptest.New(b, d)
			ctx := context.Background()
			if _, err := demo.Load(ctx, h.App); err != nil {
				b.Fatal(err)
			}
			numbers := repliedCases(b, h, 64)
			var n atomic.Int64
			var mu sync.Mutex
			var all []time.Duration
			b.SetParallelism(8) // 16 people on 2 cores
			cpu := cputime.Start()
			start := time.Now()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				var mine []time.Duration
				for pb.Next() {
					i := n.Add(1)
					form := url.Values{"number": {numbers[i%int64(len(numbers))]}, "password": {"pass-1234"}, "csrf_token": {h.CSRF()}}
					req := h.Browser(apptest.Stranger, qRequest(form))
					req.RemoteAddr = fmt.Sprintf("10.%d.%d.%d:40000", i>>16&255, i>>8&255, i&255)
					t := time.Now()
					rec := h.Do(req)
					mine = append(mine, time.Since(t))
					if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "已修复路灯") {
						b.Errorf("POST /q: %d", rec.Code)
						return
					}
				}
				mu.Lock()
				all = append(all, mine...)
				mu.Unlock()
			})
			elapsed := time.Since(start)
			b.StopTimer()
			cpu.Report(b)
			slices.Sort(all)
			if len(all) > 0 {
				b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
			}
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "lookups/s")
		})
	}
}

// repliedCases files n cases on the public form's path, each with the
// password pass-1234, sends them to a unit of the register and replies.
func repliedCases(b *testing.B, h *apptest.Harness, n int) []string {
	ctx := context.Background()
	a := h.App.Appeals
	numbers := make([]string, n)
	for i := range numbers {
		r, err := a.ReceiveOnline(ctx, appeals.Online{Kind: "求助", Content: "路灯坏了", Password: "pass-1234", Confirm: "pass-1234",
			Consent: true, Key: fmt.Sprintf("bench-lookup-key-%05d", i), AddrHash: fmt.Sprint("filer-", i)})
		if err != nil {
			b.Fatal(err)
		}
		for _, step := range []error{
			a.Assign(ctx, r.ID, "U001", dispatcherA),
			a.Accept(ctx, r.ID, "U001", liaisonA),
			a.Reply(ctx, r.ID, "U001", "已修复路灯", true, liaisonA),
		} {
			if step != nil {
				b.Fatal(step)
			}
		}
		numbers[i] = r.Number
	}
	return numbers
}

func qRequest(form url.Values) *http.Request {
	req, _ := http.NewRequest("POST", "/q", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}
