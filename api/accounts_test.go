package api_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
)

func TestAccountsThroughTheAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		rec := h.API(account.Admin, "POST", "/api/v1/users", `{"login":"zhao","role":"liaison","unit_code":"U002"}`)
		if rec.Code != http.StatusCreated {
			t.Fatalf("create: %d %s", rec.Code, rec.Body)
		}
		created := apptest.Decode[struct {
			User            struct{ ID int64 }
			OneTimePassword string `json:"one_time_password"`
		}](t, rec)
		if len(created.OneTimePassword) != 12 || strings.Contains(rec.Body.String(), "argon2") {
			t.Fatalf("create answer: %s", rec.Body)
		}
		if rec := h.API(account.Admin, "POST", "/api/v1/users", `{"login":"qian","role":"liaison"}`); rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("liaison without unit: %d", rec.Code)
		}
		me := apptest.Decode[struct{ Login, Role string }](t, h.API(account.Committee, "GET", "/api/v1/me", nil))
		if me.Login != apptest.Login(account.Committee) || me.Role != "committee" {
			t.Fatalf("me: %+v", me)
		}
		tok := apptest.Decode[struct {
			ID    int64
			Token string
		}](t, h.API(account.Committee, "POST", "/api/v1/me/tokens", `{"name":"nightly export"}`))
		if !strings.HasPrefix(tok.Token, "pgy_") {
			t.Fatalf("token: %+v", tok)
		}
		long := h.API(account.Committee, "POST", "/api/v1/me/tokens", map[string]string{"name": strings.Repeat("名", 101)})
		if long.Code != http.StatusUnprocessableEntity || !strings.Contains(long.Body.String(), `"path":"name"`) {
			t.Fatalf("a name longer than its column: %d %s", long.Code, long.Body)
		}
		req, _ := http.NewRequest("GET", "/api/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+tok.Token)
		if rec := h.Do(req); rec.Code != http.StatusOK {
			t.Fatalf("new token: %d", rec.Code)
		}
		if rec := h.API(account.Committee, "DELETE", "/api/v1/me/tokens/"+itoa(tok.ID), nil); rec.Code != http.StatusNoContent {
			t.Fatalf("revoke: %d", rec.Code)
		}
		if rec := h.Do(req); rec.Code != http.StatusUnauthorized {
			t.Fatalf("revoked token: %d", rec.Code)
		}
		if rec := h.API(account.Admin, "POST", "/api/v1/users/"+itoa(created.User.ID)+"/disable", nil); rec.Code != http.StatusNoContent {
			t.Fatalf("disable: %d %s", rec.Code, rec.Body)
		}
	})
}

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

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
