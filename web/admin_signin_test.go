package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
)

func TestSignInOutAndForcedPasswordChange(t *testing.T) {
	h := apptest.New(t, "sqlite")
	rec := h.API(account.Admin, "POST", "/api/v1/users", `{"login":"sun","role":"committee"}`)
	otp := apptest.Decode[struct {
		OneTimePassword string `json:"one_time_password"`
	}](t, rec).OneTimePassword

	rec = h.Page(apptest.Stranger, "POST", "/login", url.Values{"login": {"sun"}, "password": {"wrong"}})
	if rec.Code != http.StatusUnauthorized || !strings.Contains(rec.Body.String(), "登录名或密码错误") {
		t.Fatalf("wrong password: %d", rec.Code)
	}
	rec = h.Page(apptest.Stranger, "POST", "/login", url.Values{"login": {"sun"}, "password": {otp}, "csrf_token": {"forged"}})
	if rec.Code != http.StatusForbidden {
		t.Fatalf("forged anti-forgery token: %d", rec.Code)
	}
	rec = h.Page(apptest.Stranger, "POST", "/login", url.Values{"login": {"sun"}, "password": {otp}, "next": {"//evil.example"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/password" {
		t.Fatalf("sign in with a one-time password: %d → %s", rec.Code, rec.Header().Get("Location"))
	}
	cookie := sessionCookie(t, rec)
	if !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie flags: %+v", cookie)
	}
	req, _ := http.NewRequest("GET", "/admin", nil)
	req.AddCookie(cookie)
	if rec := h.Do(req); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/password" {
		t.Fatalf("workspace before the password change: %d", rec.Code)
	}
}

func TestOpenRedirectsAreRefused(t *testing.T) {
	h := apptest.New(t, "sqlite")
	for _, next := range []string{"https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)"} {
		rec := h.Page(apptest.Stranger, "GET", "/lang/en?next="+url.QueryEscape(next), nil)
		if loc := rec.Header().Get("Location"); loc != "/" {
			t.Errorf("next=%q redirected to %q", next, loc)
		}
	}
	rec := h.Page(apptest.Stranger, "GET", "/lang/en?next=%2Fadmin", nil)
	if rec.Header().Get("Location") != "/admin" || !strings.Contains(rec.Header().Get("Set-Cookie"), "pingyi_lang=en") {
		t.Fatalf("language switch: %v", rec.Header())
	}
}

func sessionCookie(t *testing.T, rec interface{ Result() *http.Response }) *http.Cookie {
	t.Helper()
	for _, c := range rec.Result().Cookies() {
		if c.Name == "pingyi_session" {
			return c
		}
	}
	t.Fatal("no session cookie")
	return nil
}
