package httpx

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/i18n"
)

// LoginData is what the sign-in form shows again: the login typed and
// where to go after signing in.
type LoginData struct {
	Login, Next string
}

// LoginPage shows the sign-in form, also in answer to a page that needs a
// signed-in user (with 401), returning there after sign-in. It reads no
// form: a stranger's refused upload must not be read to draw it.
func (s *Server) LoginPage(c *gin.Context, status int, message string) {
	next := c.Query("next")
	if status == http.StatusUnauthorized && c.Request.Method == http.MethodGet {
		next = c.Request.URL.RequestURI()
	}
	if message != "" {
		SetPageError(c, message)
	}
	s.Render(c, status, "login", i18n.T(Lang(c), "Staff sign-in"), LoginData{Next: next})
}

// StartSession hands the browser its session after sign-in.
func (s *Server) StartSession(c *gin.Context, token string) {
	s.SetCookie(c, cookieSession, token, int(account.SessionTTL.Seconds()))
}

// EndSession forgets the browser's session.
func (s *Server) EndSession(c *gin.Context) { s.SetCookie(c, cookieSession, "", -1) }

// SessionToken is the session the request came with; empty for bearer
// tokens and strangers.
func SessionToken(c *gin.Context) string { return c.GetString(ctxSession) }

// RememberLang keeps a language choice for a long while.
func (s *Server) RememberLang(c *gin.Context, lang i18n.Lang) {
	s.SetCookie(c, cookieLang, string(lang), 400*24*3600)
}

// SafeNext keeps redirects on this site: a next parameter pointing
// elsewhere would make Pingyi an open redirector for phishing.
func SafeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" {
		return "/"
	}
	return next
}
