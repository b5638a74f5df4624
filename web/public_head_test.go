package web_test

import (
	"context"
	"io"
	"net/http"
	"testing"

	"pingyi/app/apptest"
	"pingyi/demo"
	"pingyi/storage"
)

// Monitors and caches ask with HEAD: the probes, public pages and
// downloads answer it as they answer GET, without the body; guarded pages
// still refuse (a HEAD is no way around the guard).
func TestHeadAnswersLikeGetWithoutABody(t *testing.T) {
	h := apptest.New(t, storage.SQLite)
	if _, err := demo.Load(context.Background(), h.App); err != nil {
		t.Fatal(err)
	}
	base := h.Serve()
	p := "/p/" + demo.PreviousCode
	for _, path := range []string{"/healthz", "/readyz", "/", "/login", "/s/" + demo.CampaignCode, p, p + "/v/1",
		p + "/v/1/ranking.csv", p + "/v/1/ranking.xlsx", p + "/v/1/publication.json", p + "/v/1/chart.svg",
		"/api/v1/campaigns/" + demo.PreviousCode + "/publications", "/p/nope"} {
		get, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(get.Body)
		get.Body.Close()
		head, err := http.Head(base + path)
		if err != nil {
			t.Fatal(err)
		}
		headBody, _ := io.ReadAll(head.Body)
		head.Body.Close()
		if head.StatusCode != get.StatusCode || head.Header.Get("Content-Type") != get.Header.Get("Content-Type") ||
			head.Header.Get("Cache-Control") != get.Header.Get("Cache-Control") || len(headBody) != 0 || len(body) == 0 {
			t.Errorf("%s: HEAD %d %q %d bytes, GET %d %q %d bytes", path, head.StatusCode, head.Header.Get("Content-Type"), len(headBody),
				get.StatusCode, get.Header.Get("Content-Type"), len(body))
		}
		if get.StatusCode == http.StatusOK && head.ContentLength != int64(len(body)) && head.ContentLength != -1 {
			t.Errorf("%s: HEAD says %d bytes, GET sent %d", path, head.ContentLength, len(body))
		}
	}
	if head, err := http.Head(base + "/admin"); err != nil || head.StatusCode == http.StatusOK {
		t.Errorf("HEAD on a guarded page: %v %v", head.StatusCode, err)
	}
}
