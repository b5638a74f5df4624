package api

import (
	"context"
	"net/http"
	"sort"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/httpx"
)

// accountRoutes are the JSON twins of web/admin_accounts.go: an
// administrator sees which logins are locked out, lifts a lock-out and
// resets a password. Each calls the same account method as the page.
func (s *Server) accountRoutes(v1 *gin.RouterGroup) {
	s.On(v1, "GET", "/users/lockouts", httpx.AdminOnly, s.listLockouts)
	s.On(v1, "POST", "/users/:id/unlock", httpx.AdminOnly, s.unlockUser)
	s.On(v1, "POST", "/users/:id/password", httpx.AdminOnly, s.resetPassword)
}

// lockoutJSON is one locked-out login: never the addresses the wrong
// passwords came from.
type lockoutJSON struct {
	UserID      int64     `json:"user_id"`
	Login       string    `json:"login"`
	LockedUntil time.Time `json:"locked_until"`
}

type lockoutsJSON struct {
	Lockouts []lockoutJSON `json:"lockouts"`
}

func (s *Server) listLockouts(c *gin.Context) {
	locks, err := s.Accounts.Lockouts(c)
	var users []account.User
	if err == nil {
		users, err = s.Accounts.List(c)
	}
	if err != nil {
		s.Fail(c, err)
		return
	}
	out := lockoutsJSON{Lockouts: []lockoutJSON{}}
	for _, u := range users {
		if until, ok := locks[u.ID]; ok {
			out.Lockouts = append(out.Lockouts, lockoutJSON{UserID: u.ID, Login: u.Login, LockedUntil: until.UTC()})
		}
	}
	sort.Slice(out.Lockouts, func(i, j int) bool { return out.Lockouts[i].UserID < out.Lockouts[j].UserID })
	c.JSON(http.StatusOK, out)
}

// unlockUser answers 204, or 409 when the login is not locked out.
func (s *Server) unlockUser(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if err == nil {
		err = s.Accounts.Unlock(c, id, httpx.Who(c))
	}
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// resetPassword answers with the new one-time password, this once.
func (s *Server) resetPassword(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	var u account.User
	var password string
	if err == nil {
		u, password, err = s.Accounts.ResetPassword(c, id, httpx.Who(c))
	}
	if err != nil {
		s.Fail(c, err)
		return
	}
	httpx.NoStore(c)
	c.JSON(http.StatusOK, createdUserJSON{User: toUserJSON(u), OneTimePassword: password})
}

// userAccountsAccounts is what user_accounts.go needs of accounts.
type userAccountsAccounts interface {
	List(ctx context.Context) ([]account.User, error)
	Lockouts(ctx context.Context) (map[int64]time.Time, error)
	ResetPassword(ctx context.Context, id int64, actor audit.Actor) (account.User, string, error)
	Unlock(ctx context.Context, id int64, actor audit.Actor) error
}
