package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"pingyi/app/apptest"
	"pingyi/demo"
	"pingyi/storage/storagetest"
	"pingyi/web"
)

// BenchmarkPublicPage is issue 13's publication-day row through the real
// handler stack (router, middleware, handlers, cache), without sockets: 64
// readers at once ask for the demo's published ranking page and its
// publication.json, with and without gzip, with the cache and without it
// (as the site was before it), one after the other in one run. It reports
// requests/s and the 99th percentile latency besides the CPU time per
// request and the load. wrk against `pingyi serve --demo` measures the
// same with sockets (README, Speed).
//
//	go test ./web -run '^$' -bench PublicPage
func BenchmarkPublicPage(b *testing.B) {
	for _, d := range storagetest.Backends() {
		h := apptest.New(b, d)
		if _, err := demo.Load(context.Background(), h.App); err != nil {
			b.Fatal(err)
		}
		for _, path := range []string{"/p/" + demo.PreviousCode, "/p/" + demo.PreviousCode + "/v/1/publication.json"} {
			for _, v := range []struct{ cache, encoding string }{{"none", ""}, {"answers", ""}, {"all", ""}, {"all", "gzip"}} {
				name := fmt.Sprintf("%s%s/cache=%s/encoding=%s", d, path, v.cache, v.encoding)
				b.Run(name, func(b *testing.B) { benchmarkPublic(b, h, path, v.encoding, v.cache) })
			}
		}
	}
}

// benchmarkPublic measures path with cache "none" (the site before the
// cache), "answers" (rendered answers kept, the version looked up in the
// database for every request) or "all" (the lookup kept for a second too).
func benchmarkPublic(b *testing.B, h *apptest.Harness, path, encoding, cache string) {
	ttl, size := *web.PublicCacheKnobs.HeadTTL, *web.PublicCacheKnobs.Bytes
	switch cache {
	case "none":
		*web.PublicCacheKnobs.HeadTTL, *web.PublicCacheKnobs.Bytes = 0, 0
	case "answers":
		*web.PublicCacheKnobs.HeadTTL = 0
	}
	defer func() { *web.PublicCacheKnobs.HeadTTL, *web.PublicCacheKnobs.Bytes = ttl, size }()
	get := func() int {
		req := httptest.NewRequest("GET", path, nil)
		if encoding != "" {
			req.Header.Set("Accept-Encoding", encoding)
		}
		rec := httptest.NewRecorder()
		h.Handler.ServeHTTP(rec, req)
		return rec.Code
	}
	if code := get(); code != http.StatusOK { // and fills the cache
		b.Fatalf("GET %s: %d", path, code)
	}
	// 64 readers on 2 cores.
	runTimed(b, 32, "req/s", func(int64) error {
		if code := get(); code != http.StatusOK {
			return fmt.Errorf("GET %s: %d", path, code)
		}
		return nil
	})
}
