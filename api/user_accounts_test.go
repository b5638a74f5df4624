package api_test

import (
	"net/http"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
)

// The JSON twins of the accounts page: a lock-out is listed and lifted, a
// password reset answers the new one-time password once, and both refuse
// in words what cannot work.
func TestAdministratorsUnlockAndResetThroughTheAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		const password = "correct horse battery"
		created := apptest.Decode[struct{ User struct{ ID int64 } }](t,
			h.API(account.Admin, "POST", "/api/v1/users", `{"login":"wu","display_name":"吴敏","role":"operator","password":"`+password+`"}`))
		id := itoa(created.User.ID)
		for range 6 {
			h.App.Accounts.SignIn(t.Context(), "wu", "wrong password", "somewhere")
		}
		locks := apptest.Decode[struct {
			Lockouts []struct {
				UserID      int64  `json:"user_id"`
				Login       string `json:"login"`
				LockedUntil string `json:"locked_until"`
			}
		}](t, apptest.Expect(t, h.API(account.Admin, "GET", "/api/v1/users/lockouts", nil), http.StatusOK))
		if len(locks.Lockouts) != 1 || locks.Lockouts[0].UserID != created.User.ID || locks.Lockouts[0].Login != "wu" || locks.Lockouts[0].LockedUntil == "" {
			t.Fatalf("lock-outs: %+v", locks)
		}
		if _, _, err := h.App.Accounts.SignIn(t.Context(), "wu", password, "office"); err == nil {
			t.Fatal("a locked-out login signed in")
		}
		apptest.Expect(t, h.API(account.Admin, "POST", "/api/v1/users/"+id+"/unlock", nil), http.StatusNoContent)
		if _, _, err := h.App.Accounts.SignIn(t.Context(), "wu", password, "office"); err != nil {
			t.Fatalf("after the lock-out is lifted: %v", err)
		}
		other := apptest.Decode[struct{ User struct{ ID int64 } }](t,
			h.API(account.Admin, "POST", "/api/v1/users", `{"login":"zhou","role":"operator"}`))
		notLocked := apptest.Expect(t, h.API(account.Admin, "POST", "/api/v1/users/"+itoa(other.User.ID)+"/unlock", nil), http.StatusConflict)
		if !strings.Contains(notLocked.Body.String(), "zhou") {
			t.Fatalf("unlocking a login that is not locked out: %s", notLocked.Body)
		}
		if body := h.API(account.Admin, "GET", "/api/v1/users/lockouts", nil).Body.String(); strings.Contains(body, `"wu"`) {
			t.Fatalf("a lifted lock-out is still listed: %s", body)
		}

		rec := apptest.Expect(t, h.API(account.Admin, "POST", "/api/v1/users/"+id+"/password", nil), http.StatusOK)
		reset := apptest.Decode[struct {
			User            struct{ Login string }
			OneTimePassword string `json:"one_time_password"`
		}](t, rec)
		if reset.User.Login != "wu" || len(reset.OneTimePassword) != 12 || rec.Header().Get("Cache-Control") != "no-store" {
			t.Fatalf("reset: %s (Cache-Control %q)", rec.Body, rec.Header().Get("Cache-Control"))
		}
		if _, _, err := h.App.Accounts.SignIn(t.Context(), "wu", password, "office"); err == nil {
			t.Fatal("the old password still signs in")
		}
		if u, _, err := h.App.Accounts.SignIn(t.Context(), "wu", reset.OneTimePassword, "office"); err != nil || !u.MustChangePassword {
			t.Fatalf("the one-time password: %v, must change %v", err, u.MustChangePassword)
		}
		apptest.Expect(t, h.API(account.Admin, "POST", "/api/v1/users/9999/password", nil), http.StatusNotFound)
	})
}
