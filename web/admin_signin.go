package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
)

// Staff sign in, out, and change their password here; the sign-in form
// itself is httpx.LoginPage, since any page may answer with it.

func (s *Site) loginForm(c *gin.Context) {
	if _, ok := httpx.CurrentUser(c); ok {
		httpx.Redirect(c, "/admin")
		return
	}
	s.LoginPage(c, http.StatusOK, "")
}

func (s *Site) login(c *gin.Context) {
	u, token, err := s.Accounts.SignIn(c, strings.TrimSpace(c.PostForm("login")), c.PostForm("password"), s.IPHash(c))
	if err != nil {
		if e, ok := fault.As(err); ok && (e.Kind == fault.Unauthorized || e.Kind == fault.Forbidden || e.Kind == fault.RateLimited) {
			httpx.SetPageError(c, e.Message.In(httpx.Lang(c)))
			s.Render(c, httpx.StatusOf(e.Kind), "login", i18n.T(httpx.Lang(c), "Staff sign-in"), httpx.LoginData{Login: c.PostForm("login"), Next: c.PostForm("next")})
			return
		}
		s.Fail(c, err)
		return
	}
	s.StartSession(c, token)
	next := httpx.SafeNext(c.PostForm("next"))
	if u.MustChangePassword {
		next = "/password"
	} else if next == "/" {
		next = "/admin"
	}
	httpx.Redirect(c, next)
}

func (s *Site) logout(c *gin.Context) {
	if token := httpx.SessionToken(c); token != "" {
		if err := s.Accounts.SignOut(c, token); err != nil {
			s.Fail(c, err)
			return
		}
	}
	s.EndSession(c)
	httpx.Redirect(c, "/")
}

type passwordData struct {
	Forced    bool
	MinLength int
}

func (s *Site) passwordForm(c *gin.Context) { s.passwordPage(c, http.StatusOK) }

func (s *Site) passwordPage(c *gin.Context, status int) {
	u, _ := httpx.CurrentUser(c)
	s.Render(c, status, "password", i18n.T(httpx.Lang(c), "Change your password"), passwordData{Forced: u.MustChangePassword, MinLength: account.MinPasswordLength})
}

func (s *Site) changePassword(c *gin.Context) {
	u, _ := httpx.CurrentUser(c)
	err := s.Accounts.ChangePassword(c, u.ID, c.PostForm("current"), c.PostForm("next"), httpx.SessionToken(c))
	if err != nil {
		s.FailOnPage(c, err, func(status int) { s.passwordPage(c, status) })
		return
	}
	httpx.Redirect(c, "/admin")
}

// adminSigninAccounts is what admin_signin.go needs of accounts.
type adminSigninAccounts interface {
	ChangePassword(ctx context.Context, userID int64, current, next, keepToken string) error
	SignIn(ctx context.Context, login, password, addressHash string) (account.User, string, error)
	SignOut(ctx context.Context, token string) error
}
