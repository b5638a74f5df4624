package httpx_test

import (
	"net/http"
	"strings"
	"testing"

	"pingyi/app/apptest"
)

func TestSecurityHeaders(t *testing.T) {
	h := apptest.New(t, "sqlite")
	rec := h.Page(apptest.Stranger, "GET", "/", nil)
	for header, want := range map[string]string{"X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"} {
		if got := rec.Header().Get(header); got != want {
			t.Errorf("%s = %q, want %q", header, got, want)
		}
	}
	if !strings.Contains(rec.Header().Get("Content-Security-Policy"), "script-src 'none'") {
		t.Error("pages allow scripts")
	}
}

// The stylesheet and the probes are served before anyone is looked up:
// they hand out no device cookie, yet keep the security headers.
func TestAssetsAndProbesSetNoCookie(t *testing.T) {
	h := apptest.New(t, "sqlite")
	for _, path := range []string{"/static/pingyi.css", "/healthz", "/readyz"} {
		rec := h.Do(apptest.Request("GET", path))
		if rec.Code != http.StatusOK || rec.Header().Get("Set-Cookie") != "" || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: %d, Set-Cookie %q, X-Content-Type-Options %q", path, rec.Code,
				rec.Header().Get("Set-Cookie"), rec.Header().Get("X-Content-Type-Options"))
		}
	}
	if rec := h.Do(apptest.Request("GET", "/static/nowhere.css")); rec.Code != http.StatusNotFound {
		t.Errorf("a missing asset: %d", rec.Code)
	}
	if rec := h.Do(apptest.Request("GET", "/")); rec.Header().Get("Set-Cookie") == "" {
		t.Error("a page hands out no device cookie")
	}
}
