package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/httpx"
	"pingyi/i18n"
)

// confirmPage asks before an action that cannot be taken back (publishing,
// closing collection, approving, disabling an account): it says what will
// happen, with the figures it will happen to, and posts the action with
// confirm=1. It is a plain form, so it works without script.
type confirmPage struct {
	Heading string
	Lead    string
	Facts   []confirmFact
	Effects []string // what will happen, one sentence each
	Action  string   // where the form posts
	Fields  []confirmFact
	Note    *confirmNote // a text the action needs (a correction's note)
	Button  string
	Back    string // where "cancel" goes
}

type confirmFact struct{ Label, Value string }

// confirmNote is a text the action needs, posted as Name (change_note
// when empty).
type confirmNote struct{ Name, Label, Value string }

// fact makes a line of a confirmation's preview.
func fact(lang i18n.Lang, label i18n.Msg, value string) confirmFact {
	return confirmFact{Label: label.In(lang), Value: value}
}

func (s *Site) renderConfirm(c *gin.Context, p confirmPage) {
	httpx.NoStore(c)
	s.Render(c, http.StatusOK, "confirm", p.Heading, p)
}

// confirmed says whether an irreversible action's form came from its
// confirmation page. If not (an old bookmark, a form without the page),
// the browser is sent to that page and nothing is done.
func confirmed(c *gin.Context, page string) bool {
	if c.PostForm("confirm") == "1" {
		return true
	}
	httpx.Redirect(c, page)
	return false
}
