package app_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"gorm.io/gorm/logger"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/secret"
)

// With every statement logged (gorm's Info level, the most it logs), a
// sign-in, an API token and a submission leave no hash, key or token
// value in any log line: statements go out with their placeholders.
func TestLogsHoldNoValues(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.App.DB.Gorm.Config.Logger = h.App.DB.Gorm.Config.Logger.LogMode(logger.Info)
		keys := h.App.Keys

		// A sign-in through the page, from the test request's address.
		form := url.Values{"login": {apptest.Login(account.Admin)}, "password": {apptest.Password}}
		signIn := h.Page(apptest.Stranger, "POST", "/login", form)
		var session string
		for _, c := range signIn.Result().Cookies() {
			if c.Name == "pingyi_session" {
				session = c.Value
			}
		}
		if session == "" {
			t.Fatalf("no session after sign-in: %d %s", signIn.Code, signIn.Body)
		}
		// A wrong password too: it writes the address's throttle row.
		h.Page(apptest.Stranger, "POST", "/login", url.Values{"login": {"someone"}, "password": {"a guess"}})

		tokenRec := h.API(account.Admin, "POST", "/api/v1/me/tokens", map[string]string{"name": "nightly export"})
		token := apptest.Decode[struct{ Token string }](t, tokenRec).Token
		if token == "" {
			t.Fatalf("no token: %d %s", tokenRec.Code, tokenRec.Body)
		}

		h.API(account.Admin, "POST", "/api/v1/campaigns", apptest.Definition())
		h.API(account.Admin, "POST", "/api/v1/campaigns/2026-annual/status", map[string]string{"status": "open"})
		const device, idempotencyKey = "device-for-the-log-test", "kiosk-7:20261121-0042"
		req := httptest.NewRequest("POST", "/api/v1/campaigns/2026-annual/responses",
			strings.NewReader(`{"answers": [{"unit": "U001", "indicator": "efficiency", "option": "A"}]}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", idempotencyKey)
		req.AddCookie(&http.Cookie{Name: "pingyi_device", Value: device})
		if rec := h.Do(req); rec.Code != http.StatusCreated {
			t.Fatalf("submission: %d %s", rec.Code, rec.Body)
		}

		logs := h.Logs.String()
		if !strings.Contains(logs, "sessions") || !strings.Contains(logs, "api_tokens") || !strings.Contains(logs, "responses") {
			t.Fatalf("the statements were not logged: the test would see nothing\n%s", logs)
		}
		address := strings.Split(req.RemoteAddr, ":")[0]
		for name, value := range map[string]string{
			"session":              session,
			"session digest":       secret.Digest(session),
			"API token":            token,
			"API token digest":     secret.Digest(token),
			"idempotency key":      idempotencyKey,
			"device":               device,
			"device hash":          keys.Hash(secret.Device, device),
			"address":              address,
			"address hash":         keys.Hash(secret.IP, address),
			"password hash prefix": "$argon2id$",
		} {
			if strings.Contains(logs, value) {
				t.Errorf("a log line holds the %s %q", name, value)
			}
		}
	})
}
