package app_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
)

func metricsFrom(t *testing.T, h http.Handler, remote string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("GET", "/metrics", nil)
	req.RemoteAddr = remote
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// /metrics answers loopback with every series the operations guide names,
// labels requests by route pattern (never the raw path), and is not there
// for anyone else: another address, or loopback through a proxy.
func TestMetricsServedToLoopbackOnly(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.API(account.Admin, "GET", "/api/v1/campaigns/secret-code-123", nil)
		h.API(apptest.Stranger, "GET", "/healthz", nil)
		h.OpenCampaigns()
		apptest.Expect(t, h.API(apptest.Stranger, "POST", "/api/v1/campaigns/2026-annual/responses",
			map[string]any{"answers": apptest.AnswersJSON("A")}), http.StatusCreated)

		rec := metricsFrom(t, h.Handler, "127.0.0.1:40000", nil)
		if rec.Code != 200 {
			t.Fatalf("loopback: %d %s", rec.Code, rec.Body)
		}
		body := rec.Body.String()
		for _, want := range []string{
			`pingyi_http_requests_total{method="GET",route="/api/v1/campaigns/:code",status="404"} 1`,
			`pingyi_http_request_duration_seconds_bucket{method="GET",route="/healthz",le="+Inf"} 1`,
			`pingyi_submissions_total{route="/api/v1/campaigns/:code/responses"} 1`, `pingyi_submissions_total{route="/s/:code/submit"} 0`,
			"pingyi_score_run_duration_seconds_count 0",
			"pingyi_phone_queue_due 0", "pingyi_phone_queue_leased 0",
			`pingyi_appeals_backlog{state="unassigned"} 0`, "pingyi_appeals_overdue 0",
			"pingyi_db_retried_conflicts_total", `go_sql_open_connections{db_name="pingyi"}`, `go_sql_in_use_connections{db_name="pingyi"}`, `go_sql_wait_count_total{db_name="pingyi"}`,
			`pingyi_metrics_scrape_failed{source="phone"} 0`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("metrics lack %q", want)
			}
		}
		if strings.Contains(body, "secret-code-123") {
			t.Error("a raw path reached the metrics")
		}
		if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
			t.Errorf("content type %q, want the text format", ct)
		}
		if rec := metricsFrom(t, h.Handler, "[::1]:40000", nil); rec.Code != 200 {
			t.Errorf("IPv6 loopback: %d", rec.Code)
		}
		for name, c := range map[string]struct {
			remote string
			header http.Header
		}{
			"another address":    {"192.0.2.7:1234", nil},
			"a private network":  {"10.1.2.3:1234", nil},
			"through a proxy":    {"127.0.0.1:1234", http.Header{"X-Forwarded-For": {"203.0.113.9"}}},
			"a wrong token":      {"192.0.2.7:1234", http.Header{"Authorization": {"Bearer nope"}}},
			"a stranger's query": {"192.0.2.7:1234", http.Header{"Cookie": {"x=y"}}},
		} {
			if rec := metricsFrom(t, h.Handler, c.remote, c.header); rec.Code != 404 || strings.Contains(rec.Body.String(), "pingyi_") {
				t.Errorf("%s: %d, want 404 and no metrics", name, rec.Code)
			}
		}
	})
}

// PINGYI_METRICS_ALLOW and PINGYI_METRICS_TOKEN admit more: the networks
// named, and a bearer of the token from anywhere.
func TestMetricsAllowAndToken(t *testing.T) {
	h := apptest.New(t, "sqlite")
	h.App.Config.MetricsAllow = []string{"10.0.0.0/8", "192.0.2.44"}
	h.App.Config.MetricsToken = "0123456789abcdef0123"
	srv, err := h.App.Server()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		remote, token string
		want          int
	}{
		{"10.9.8.7:1", "", 200},
		{"192.0.2.44:1", "", 200},
		{"192.0.2.45:1", "", 404},
		{"127.0.0.1:1", "", 404}, // the list replaces loopback
		{"198.51.100.1:1", "0123456789abcdef0123", 200},
		{"198.51.100.1:1", "0123456789abcdef012", 404},
	} {
		hdr := http.Header{}
		if c.token != "" {
			hdr.Set("Authorization", "Bearer "+c.token)
		}
		if rec := metricsFrom(t, srv.Handler(), c.remote, hdr); rec.Code != c.want {
			t.Errorf("%s with token %q: %d, want %d", c.remote, c.token, rec.Code, c.want)
		}
	}
	h.App.Config.MetricsAllow = []string{"10.0.0.0/33"}
	if _, err := h.App.Server(); err == nil {
		t.Error("a bad network was accepted")
	}
}
