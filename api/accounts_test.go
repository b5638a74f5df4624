package api_test

import (
	"net/http"
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

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
