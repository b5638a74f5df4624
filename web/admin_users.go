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

type usersPage struct {
	Users   []account.User
	Locked  map[int64]time.Time // locked-out logins, until when
	Roles   []account.Role
	Created *createdUser
	Form    account.NewUser // what a refused form held
	// Choices are the organisers the administrator may give a new
	// account: their own and those under them. With one, there is
	// nothing to choose.
	Choices []string
}

// createdUser is a one-time password to show once: a new account's, or
// a reset's.
type createdUser struct {
	Login, Password string
	Reset           bool
}

func (s *Site) adminUsers(c *gin.Context) { s.usersPage(c, http.StatusOK, nil) }

func (s *Site) usersPage(c *gin.Context, status int, created *createdUser) {
	users, err := s.Accounts.List(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	locked, err := s.Accounts.Lockouts(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	me, _ := httpx.CurrentUser(c)
	p := usersPage{Users: users, Locked: locked, Roles: account.Roles, Created: created, Choices: me.Covers}
	if created == nil {
		p.Form = newUserForm(c)
	}
	s.Render(c, status, "admin_users", i18n.T(httpx.Lang(c), "Accounts"), p)
}

func newUserForm(c *gin.Context) account.NewUser {
	return account.NewUser{Login: c.PostForm("login"), DisplayName: c.PostForm("display_name"),
		Role: account.Role(c.PostForm("role")), UnitCode: c.PostForm("unit_code"), Organizers: c.PostFormArray("organizers")}
}

// adminCreateUser shows the one-time password on the page it answers with
// (not after a redirect), so it is never stored anywhere to be shown again.
func (s *Site) adminCreateUser(c *gin.Context) {
	u, password, err := s.Accounts.Create(c, newUserForm(c), httpx.Who(c))
	if err != nil {
		s.FailOnPage(c, err, func(status int) { s.usersPage(c, status, nil) })
		return
	}
	httpx.NoStore(c)
	s.usersPage(c, http.StatusCreated, &createdUser{Login: u.Login, Password: password})
}

// adminDisableUser is the accounts page's button; api/users.go has the
// JSON twin.
func (s *Site) adminDisableUser(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if err == nil && !confirmed(c, "/admin/users/"+httpx.Itoa(id)+"/disable/confirm") {
		return
	}
	if err == nil {
		err = s.Accounts.Disable(c, id, httpx.Who(c))
	}
	if err != nil {
		s.Fail(c, err)
		return
	}
	s.RedirectWithNotice(c, "/admin/users", i18n.M("The account is disabled."))
}

// adminUsersAccounts is what admin_users.go needs of accounts.
type adminUsersAccounts interface {
	Create(ctx context.Context, in account.NewUser, actor audit.Actor) (account.User, string, error)
	Disable(ctx context.Context, id int64, actor audit.Actor) error
	List(ctx context.Context) ([]account.User, error)
}
