package demo_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"pingyi/app"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// openApp is Pingyi on a fresh, migrated database of back end d, without
// the demo; it closes with the test.
func openApp(t *testing.T, d storage.Dialect) *app.App {
	t.Helper()
	cfg := app.Default()
	cfg.DB = storagetest.DSN(t, d)
	cfg.SecretKey = strings.Repeat("12", 32)
	a, err := app.Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}
