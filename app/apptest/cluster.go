package apptest

import (
	"context"
	"testing"

	"pingyi/app"
)

// Through returns a second serve process of h's Pingyi on dsn, another
// node of the same cluster: the same accounts, tokens and key, its own
// database connections and router. It does not migrate.
func (h *Harness) Through(t testing.TB, dsn string) *Harness {
	t.Helper()
	cfg := h.App.Config
	cfg.DB = dsn
	a, err := app.Open(context.Background(), cfg, h.App.Log, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	srv, err := a.Server()
	if err != nil {
		t.Fatal(err)
	}
	other := *h
	other.App, other.Handler = a, srv.Handler()
	return &other
}

// Through is the member calling the serve process h instead.
func (m *Member) Through(h *Harness) *Member {
	other := *m
	other.h = h
	return &other
}
