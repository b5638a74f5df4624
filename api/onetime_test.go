package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/audit"
)

// A member still on the one-time password an administrator handed out is
// refused by the API, by token or by session, until they choose their own:
// no export and no permanent token on a password someone else knows.
func TestTheAPIRefusesAOneTimePassword(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		ctx := context.Background()
		u, otp, err := h.App.Accounts.Create(ctx, account.NewUser{Login: "sun", Role: account.Committee}, audit.Actor{Login: "test"})
		if err != nil || !u.MustChangePassword {
			t.Fatalf("create: %v %+v", err, u)
		}
		m := h.SignIn("sun", otp)
		export := "/api/v1/campaigns/2026-annual/responses/export"
		for _, call := range []struct{ method, path, body string }{
			{"GET", export, ""},
			{"POST", "/api/v1/me/tokens", `{"name":"forever"}`},
			{"GET", "/api/v1/me", ""},
		} {
			var body any
			if call.body != "" {
				body = call.body
			}
			rec := m.API(call.method, call.path, body)
			if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "/password") {
				t.Errorf("%s %s by token: %d %s", call.method, call.path, rec.Code, rec.Body)
			}
		}
		req := httptest.NewRequest("GET", export, nil)
		for _, c := range m.Cookies() {
			req.AddCookie(c)
		}
		if rec := h.Do(req); rec.Code != http.StatusForbidden {
			t.Errorf("export by session: %d", rec.Code)
		}
		if err := h.App.Accounts.ChangePassword(ctx, u.ID, otp, "sun-chose-this-one", ""); err != nil {
			t.Fatal(err)
		}
		if rec := m.API("GET", export, nil); rec.Code != http.StatusOK {
			t.Errorf("export after the change: %d %s", rec.Code, rec.Body)
		}
	})
}
