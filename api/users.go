package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/httpx"
)

// userJSON is an account as the API shows it: never its password hash.
type userJSON struct {
	ID                 int64        `json:"id"`
	Login              string       `json:"login"`
	DisplayName        string       `json:"display_name"`
	Role               account.Role `json:"role"`
	UnitCode           *string      `json:"unit_code"`
	MustChangePassword bool         `json:"must_change_password"`
	Active             bool         `json:"active"`
	CreatedAt          time.Time    `json:"created_at"`
}

func toUserJSON(u account.User) userJSON {
	return userJSON{ID: u.ID, Login: u.Login, DisplayName: u.DisplayName, Role: u.Role, UnitCode: u.UnitCode,
		MustChangePassword: u.MustChangePassword, Active: u.Active(), CreatedAt: u.CreatedAt}
}

func (s *Server) me(c *gin.Context) {
	u, _ := httpx.CurrentUser(c)
	c.JSON(http.StatusOK, toUserJSON(u))
}

func (s *Server) listUsers(c *gin.Context) {
	users, err := s.Accounts.List(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	out := make([]userJSON, len(users))
	for i, u := range users {
		out[i] = toUserJSON(u)
	}
	c.JSON(http.StatusOK, usersJSON{Users: out})
}

func (s *Server) createUser(c *gin.Context) {
	var in account.NewUser
	if err := httpx.DecodeJSON(c, &in); err != nil {
		s.Fail(c, err)
		return
	}
	u, password, err := s.Accounts.Create(c, in, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	out := createdUserJSON{User: toUserJSON(u)}
	if in.Password == "" {
		out.OneTimePassword = password
	}
	c.JSON(http.StatusCreated, out)
}

// disableUser answers 204; web/admin_users.go has the page's button.
func (s *Server) disableUser(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if err == nil {
		err = s.Accounts.Disable(c, id, httpx.Who(c))
	}
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

type tokenJSON struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

func (s *Server) listTokens(c *gin.Context) {
	u, _ := httpx.CurrentUser(c)
	tokens, err := s.Accounts.Tokens(c, u.ID)
	if err != nil {
		s.Fail(c, err)
		return
	}
	out := make([]tokenJSON, len(tokens))
	for i, t := range tokens {
		out[i] = tokenJSON{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt, LastUsedAt: t.LastUsedAt, RevokedAt: t.RevokedAt}
	}
	c.JSON(http.StatusOK, tokensJSON{Tokens: out})
}

type tokenRequest struct {
	Name string `json:"name"`
}

func (s *Server) createToken(c *gin.Context) {
	var req tokenRequest
	if err := httpx.DecodeJSON(c, &req); err != nil {
		s.Fail(c, err)
		return
	}
	u, _ := httpx.CurrentUser(c)
	t, secret, err := s.Accounts.CreateToken(c, u.ID, req.Name, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, newTokenJSON{ID: t.ID, Name: t.Name, Token: secret})
}

func (s *Server) revokeToken(c *gin.Context) {
	u, _ := httpx.CurrentUser(c)
	id, err := httpx.PathID(c, "id")
	if err == nil {
		err = s.Accounts.RevokeToken(c, u.ID, id, httpx.Who(c))
	}
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

type usersJSON struct {
	Users []userJSON `json:"users"`
}

// createdUserJSON is a new account, with its one-time password when
// Pingyi chose it (shown once, never stored readable).
type createdUserJSON struct {
	User            userJSON `json:"user"`
	OneTimePassword string   `json:"one_time_password,omitempty"`
}

type tokensJSON struct {
	Tokens []tokenJSON `json:"tokens"`
}

// newTokenJSON carries the token's secret, shown this once.
type newTokenJSON struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Token string `json:"token"`
}

// usersAccounts is what users.go needs of accounts.
type usersAccounts interface {
	Create(ctx context.Context, in account.NewUser, actor audit.Actor) (account.User, string, error)
	CreateToken(ctx context.Context, userID int64, name string, actor audit.Actor) (account.APIToken, string, error)
	Disable(ctx context.Context, id int64, actor audit.Actor) error
	List(ctx context.Context) ([]account.User, error)
	RevokeToken(ctx context.Context, userID, tokenID int64, actor audit.Actor) error
	Tokens(ctx context.Context, userID int64) ([]account.APIToken, error)
}
