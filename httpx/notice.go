package httpx

import (
	"net/url"

	"github.com/gin-gonic/gin"

	"pingyi/i18n"
)

// cookieNotice carries a success message across the redirect that answers
// a form, so the page the browser lands on can say what was done.
const cookieNotice = "pingyi_notice"

// RedirectWithNotice answers a form with the page to go to and a message
// that page shows once ("已发布为第 2 版"). The message is rendered in the
// person's language now and kept in a short-lived cookie; it is never a
// secret, since anything in it the person has just done.
func (s *Server) RedirectWithNotice(c *gin.Context, to string, m i18n.Msg) {
	s.SetCookie(c, cookieNotice, url.QueryEscape(m.In(Lang(c))), 120)
	Redirect(c, to)
}

// takeNotice returns the waiting success message, once.
func (s *Server) takeNotice(c *gin.Context) string {
	v, err := c.Cookie(cookieNotice)
	if err != nil || v == "" {
		return ""
	}
	s.SetCookie(c, cookieNotice, "", -1)
	text, err := url.QueryUnescape(v)
	if err != nil {
		return ""
	}
	return text
}
