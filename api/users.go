package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/account"
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
	u, _ := currentUser(c)
	c.JSON(http.StatusOK, toUserJSON(u))
}

func (s *Server) listUsers(c *gin.Context) {
	users, err := s.Accounts.List(c)
	if err != nil {
		s.fail(c, err)
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
	if err := decodeJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	u, password, err := s.Accounts.Create(c, in, actor(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	out := gin.H{"user": toUserJSON(u)}
	if in.Password == "" {
		out["one_time_password"] = password
	}
	c.JSON(http.StatusCreated, out)
}

// disableUser answers the API with 204 and the accounts page's button by
// going back there.
func (s *Server) disableUser(c *gin.Context) {
	id, err := pathID(c, "id")
	if err == nil {
		err = s.Accounts.Disable(c, id, actor(c))
	}
	switch {
	case err != nil:
		s.fail(c, err)
	case isAPI(c):
		c.Status(http.StatusNoContent)
	default:
		redirect(c, "/admin/users")
	}
}

type tokenJSON struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

func (s *Server) listTokens(c *gin.Context) {
	u, _ := currentUser(c)
	tokens, err := s.Accounts.Tokens(c, u.ID)
	if err != nil {
		s.fail(c, err)
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
	if err := decodeJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	t, secret, err := s.Accounts.CreateToken(c, u.ID, req.Name, actor(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"id": t.ID, "name": t.Name, "token": secret})
}

func (s *Server) revokeToken(c *gin.Context) {
	u, _ := currentUser(c)
	id, err := pathID(c, "id")
	if err == nil {
		err = s.Accounts.RevokeToken(c, u.ID, id, actor(c))
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func pathID(c *gin.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	return id, nil
}
