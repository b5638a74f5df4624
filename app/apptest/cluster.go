package apptest

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"pingyi/account"
	"pingyi/app"
	"pingyi/httpx"
	"pingyi/responses"
)

// Through returns a second serve process of h's Pingyi on dsn, another
// node of the same cluster: the same accounts, tokens and key, its own
// database connections and router. It does not migrate.
func (h *Harness) Through(t testing.TB, dsn string) *Harness {
	t.Helper()
	cfg := h.App.Config
	cfg.DB = dsn
	a, srv := start(t, cfg, h.App.Log, false)
	other := *h
	other.App, other.Handler = a, srv.Handler()
	return &other
}

// start opens Pingyi with cfg, closed when t ends, and builds its server.
func start(t testing.TB, cfg app.Config, log *slog.Logger, migrate bool) (*app.App, *httpx.Server) {
	t.Helper()
	a, err := app.Open(context.Background(), cfg, log, migrate)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	srv, err := a.Server()
	if err != nil {
		t.Fatal(err)
	}
	return a, srv
}

// Through is the member calling the serve process h instead.
func (m *Member) Through(h *Harness) *Member {
	other := *m
	other.h = h
	return &other
}

// ReviewCampaign creates SPEC's example campaign "2026-annual" with n paper
// responses and takes it through closed to under review, ready for score
// runs and approvals. It reads ../survey/testdata/spec-example.json, so it
// serves tests of packages one folder below the module's root (api, app, web).
func (h *Harness) ReviewCampaign(n int) {
	t := h.T
	t.Helper()
	def, err := os.ReadFile("../survey/testdata/spec-example.json")
	if err != nil {
		t.Fatal(err)
	}
	expect(t, h.API(account.Admin, "POST", "/api/v1/campaigns", def), http.StatusCreated)
	expect(t, h.API(account.Admin, "POST", "/api/v1/campaigns/2026-annual/status", map[string]string{"status": "open"}), http.StatusOK)
	ctx := context.Background()
	st, err := h.App.Survey.Structure(ctx, "2026-annual")
	if err != nil {
		t.Fatal(err)
	}
	rs := make([]responses.NewResponse, 0, n)
	for i := range n {
		r := responses.NewResponse{Ref: fmt.Sprintf("R%02d", i), Group: i % 3, Weight: 1, Channel: responses.Paper, SubmittedAt: time.Now()}
		for ind := range 3 {
			r.Ratings = append(r.Ratings, responses.Rating{Unit: 0, Indicator: ind, Option: i % 4}, responses.Rating{Unit: 2, Indicator: ind, Option: (i + 1) % 4})
		}
		rs = append(rs, r)
	}
	if err := h.App.Responses.InsertResponses(ctx, st, rs); err != nil {
		t.Fatal(err)
	}
	for _, to := range []string{"closed", "review"} {
		expect(t, h.API(account.Admin, "POST", "/api/v1/campaigns/2026-annual/status", map[string]string{"status": to}), http.StatusOK)
	}
}

func expect(t testing.TB, rec *httptest.ResponseRecorder, status int) {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status %d, want %d: %.400s", rec.Code, status, rec.Body)
	}
}
