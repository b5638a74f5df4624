package httpx

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/i18n"
)

// Page is what every template receives: the layout reads the common
// fields, the page's own template reads Data.
type Page struct {
	Title string
	Lang  i18n.Lang
	User  *User
	CSRF  string
	// Path is the current address with its query (a chosen run, a sort
	// order), for the language switch to return to.
	Path  string
	Error string
	// Notice says what the last form did, after its redirect.
	Notice string
	Data   any
}

// User is the signed-in staff member as pages show them.
type User struct {
	Login, Name, Role string
	Admin             bool
}

// Redirect answers a form or a link with the page to go to: 303, so that
// the browser fetches it with GET and a reload never sends the form again.
func Redirect(c *gin.Context, to string) { c.Redirect(http.StatusSeeOther, to) }

// NoStore keeps a page out of every cache: it holds a secret, a phone
// number or a respondent's answers.
func NoStore(c *gin.Context) { c.Header("Cache-Control", "no-store") }

// Render renders a template with the common page fields filled in.
func (s *Server) Render(c *gin.Context, status int, name, title string, data any) {
	p := Page{Title: title, Lang: Lang(c), CSRF: s.CSRFToken(c), Path: c.Request.URL.RequestURI(), Data: data}
	if u, ok := CurrentUser(c); ok {
		p.User = &User{Login: u.Login, Name: u.DisplayName, Role: string(u.Role), Admin: u.Role == account.Admin}
	}
	if msg, ok := c.Get(ctxPageError); ok {
		p.Error, _ = msg.(string)
	}
	if c.Request.Method == "GET" {
		p.Notice = s.takeNotice(c)
	}
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Status(status)
	if err := s.Pages.Render(c.Writer, p.Lang, name, p); err != nil {
		s.Log.ErrorContext(c, "render page", "page", name, "err", err)
	}
}
