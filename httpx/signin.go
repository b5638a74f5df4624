package httpx

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/i18n"
)

// LoginData is what the sign-in form shows again: the login typed and
// where to go after signing in.
type LoginData struct {
	Login, Next string
}

// LoginPage shows the sign-in form, also in answer to a page that needs a
// signed-in user (with 401), returning there after sign-in.
func (s *Server) LoginPage(c *gin.Context, status int, message string) {
	next := c.Query("next")
	if status == http.StatusUnauthorized && c.Request.Method == http.MethodGet {
		next = c.Request.URL.RequestURI()
	}
	if message != "" {
		SetPageError(c, message)
	}
	s.Render(c, status, "login", i18n.T(Lang(c), "Staff sign-in"), LoginData{Login: c.PostForm("login"), Next: next})
}
