package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/account"
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
	c.JSON(http.StatusOK, gin.H{"users": out})
}

func (s *Server) createUser(c *gin.Context) {
	var in account.NewUser
	if err := httpx.DecodeJSON(c, &in); err != nil {
		s.Fail(c, err)
		return
	}
	u, password, err := s.Accounts.Create(c, in, httpx.Actor(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	out := gin.H{"user": toUserJSON(u)}
	if in.Password == "" {
		out["one_time_password"] = password
	}
	c.JSON(http.StatusCreated, out)
}

// disableUser answers 204; web/admin_users.go has the page's button.
func (s *Server) disableUser(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if err == nil {
		err = s.Accounts.Disable(c, id, httpx.Actor(c))
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
	c.JSON(http.StatusOK, gin.H{"tokens": out})
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
	t, secret, err := s.Accounts.CreateToken(c, u.ID, req.Name, httpx.Actor(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"id": t.ID, "name": t.Name, "token": secret})
}

func (s *Server) revokeToken(c *gin.Context) {
	u, _ := httpx.CurrentUser(c)
	id, err := httpx.PathID(c, "id")
	if err == nil {
		err = s.Accounts.RevokeToken(c, u.ID, id, httpx.Actor(c))
	}
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// usersAccounts is what users.go needs of accounts.
type usersAccounts interface {
	Create(ctx context.Context, in account.NewUser, actor string) (account.User, string, error)
	CreateToken(ctx context.Context, userID int64, name, actor string) (account.APIToken, string, error)
	Disable(ctx context.Context, id int64, actor string) error
	List(ctx context.Context) ([]account.User, error)
	RevokeToken(ctx context.Context, userID, tokenID int64, actor string) error
	Tokens(ctx context.Context, userID int64) ([]account.APIToken, error)
}
