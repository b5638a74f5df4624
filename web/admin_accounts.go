package web

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/httpx"
	"pingyi/i18n"
)

// accountRoutes are what an administrator does for someone who cannot
// sign in: lift a lock-out, reset a password (after a confirmation).
func (s *Site) accountRoutes(admin *gin.RouterGroup) {
	s.On(admin, "POST", "/users/:id/unlock", httpx.AdminOnly, s.adminUnlockUser)
	s.On(admin, "GET", "/users/:id/password/confirm", httpx.AdminOnly, s.confirmResetPassword)
	s.On(admin, "POST", "/users/:id/password", httpx.AdminOnly, s.adminResetPassword)
}

func (s *Site) adminUnlockUser(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if err == nil {
		err = s.Accounts.Unlock(c, id, httpx.Who(c))
	}
	if err != nil {
		s.FailOnPage(c, err, func(status int) { s.usersPage(c, status, nil) })
		return
	}
	s.RedirectWithNotice(c, "/admin/users", i18n.M("The lock-out is lifted: the account can sign in again."))
}

func (s *Site) confirmResetPassword(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	var u account.User
	if err == nil {
		u, err = s.Accounts.Get(c, id)
	}
	if err != nil {
		s.Fail(c, err)
		return
	}
	lang := httpx.Lang(c)
	s.renderConfirm(c, confirmPage{
		Heading: i18n.M("Reset the password of %s?", u.DisplayName).In(lang),
		Facts: []confirmFact{fact(lang, i18n.M("Sign-in name"), u.Login), fact(lang, i18n.M("Full name"), u.DisplayName),
			fact(lang, i18n.M("Role"), i18n.T(lang, "role:"+string(u.Role)))},
		Effects: []string{
			i18n.M("A new one-time password is shown once, on the next page: hand it over in person.").In(lang),
			i18n.M("The old password stops working, %s is signed out everywhere, and any lock-out is lifted.", u.DisplayName).In(lang),
			i18n.M("At the next sign-in %s must choose a new password.", u.DisplayName).In(lang),
		},
		Action: "/admin/users/" + httpx.Itoa(id) + "/password",
		Button: i18n.M("Reset the password").In(lang),
		Back:   "/admin/users",
	})
}

// adminResetPassword shows the new one-time password on the page it
// answers with, never after a redirect, as creating an account does.
func (s *Site) adminResetPassword(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if err == nil && !confirmed(c, "/admin/users/"+httpx.Itoa(id)+"/password/confirm") {
		return
	}
	var u account.User
	var password string
	if err == nil {
		u, password, err = s.Accounts.ResetPassword(c, id, httpx.Who(c))
	}
	if err != nil {
		s.FailOnPage(c, err, func(status int) { s.usersPage(c, status, nil) })
		return
	}
	httpx.NoStore(c)
	s.usersPage(c, http.StatusOK, &createdUser{Login: u.Login, Password: password, Reset: true})
}

// adminAccountsAccounts is what admin_accounts.go needs of accounts.
type adminAccountsAccounts interface {
	Get(ctx context.Context, id int64) (account.User, error)
	Lockouts(ctx context.Context) (map[int64]time.Time, error)
	ResetPassword(ctx context.Context, id int64, actor audit.Actor) (account.User, string, error)
	Unlock(ctx context.Context, id int64, actor audit.Actor) error
}
