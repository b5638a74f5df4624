package api_test

import (
	"net/http"
	"testing"

	"pingyi/app/apptest"
)

func TestHealthAndReadiness(t *testing.T) {
	h := apptest.New(t, "sqlite")
	if rec := h.API(apptest.Stranger, "GET", "/healthz", nil); rec.Code != 200 {
		t.Fatalf("healthz %d", rec.Code)
	}
	if rec := h.API(apptest.Stranger, "GET", "/readyz", nil); rec.Code != 200 {
		t.Fatalf("readyz %d", rec.Code)
	}
	h.App.DB.Close()
	if rec := h.API(apptest.Stranger, "GET", "/readyz", nil); rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("readyz with the database gone: %d", rec.Code)
	}
}
