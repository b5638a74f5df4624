package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"testing"

	"pingyi/app"
	"pingyi/app/apptest"
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
			if _, err := demo.Load(context.Background(), h.App); err != nil {
				b.Fatal(err)
			}
			numbers := make([]string, 64)
			for i := range numbers {
				_, numbers[i] = fileAndReplyAt(b, h, fmt.Sprintf("bench-lookup-key-%05d", i), "U001")
			}
			runTimed(b, 8, "lookups/s", func(i int64) error { // 16 people on 2 cores
				form := url.Values{"number": {numbers[i%int64(len(numbers))]}, "password": {"pass-1234"}, "csrf_token": {h.CSRF()}}
				req, _ := http.NewRequest("POST", "/q", strings.NewReader(form.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.RemoteAddr = fmt.Sprintf("10.%d.%d.%d:40000", i>>16&255, i>>8&255, i&255)
				if rec := h.Do(h.Browser(apptest.Stranger, req)); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "已修复路灯") {
					return fmt.Errorf("POST /q: %d", rec.Code)
				}
				return nil
			})
		})
	}
}
