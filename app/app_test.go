package app_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"pingyi/app"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

func TestFromEnv(t *testing.T) {
	env := map[string]string{"PINGYI_ADDR": ":9090", "PINGYI_DEMO": "true", "PINGYI_DB_MAX_CONNS": "12", "PINGYI_TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.1", "PINGYI_GC_PERCENT": "250"}
	c, err := app.FromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":9090" || !c.Demo || c.DBMaxConns != 12 || len(c.TrustedProxies) != 2 || c.TrustedProxies[1] != "192.168.1.1" || c.GCPercent != 250 {
		t.Fatalf("config %+v", c)
	}
	for k, v := range map[string]string{"PINGYI_DEMO": "maybe", "PINGYI_DB_MAX_CONNS": "-1", "PINGYI_GC_PERCENT": "off"} {
		if _, err := app.FromEnv(func(name string) string {
			if name == k {
				return v
			}
			return ""
		}); err == nil {
			t.Errorf("%s=%s accepted", k, v)
		}
	}
	bad := app.Default()
	bad.PublicURL = "ftp://x"
	if bad.Check() == nil {
		t.Error("ftp public URL accepted")
	}
}

// Serve stops taking requests when its context ends and lets the one in
// flight finish.
func TestServeShutsDownGracefully(t *testing.T) {
	cfg := app.Default()
	cfg.DB = storagetest.DSN(t, storage.SQLite)
	cfg.SecretKey = strings.Repeat("ef", 32)
	a, err := app.Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), true)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, ln) }()
	url := app.LocalURL(ln)
	resp, err := http.Get(url + "/readyz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("readyz: %v %v", resp, err)
	}
	resp.Body.Close()
	if os.Getenv("GOGC") == "" {
		gc := debug.SetGCPercent(100)
		debug.SetGCPercent(gc)
		if gc != cfg.GCPercent || gc != 400 {
			t.Errorf("serving with GC percent %d, want the configured %d", gc, cfg.GCPercent)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, err := http.Get(url + "/healthz"); err == nil {
		t.Fatal("still answering after shutdown")
	}
}
