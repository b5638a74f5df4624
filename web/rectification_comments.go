package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"

	"github.com/gin-gonic/gin"

	"pingyi/appeals"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/rectification"
)

// Comments become work: on a unit's page, a committee member turns a
// respondent's comment into a proposed rectification task or an appeal
// case. Only the comment's text goes on, never who wrote it; the text
// must be one of the unit's comments in the run the page showed.

// commentWork is what the unit page's comment forms need.
type commentWork struct {
	CSRF   string
	Action string
	Run    int64
	Kinds  []string
}

// commentWorkOf is the forms' data for a member; nil for anyone else.
func commentWorkOf(c *gin.Context, csrf, code, unit string, run int64) *commentWork {
	u, _ := httpx.CurrentUser(c)
	if !httpx.Admits(httpx.CommitteeOnly, u.Role) {
		return nil
	}
	return &commentWork{CSRF: csrf, Run: run, Kinds: []string{"投诉", "建议", "求助", "咨询"},
		Action: "/review/" + url.PathEscape(code) + "/units/" + url.PathEscape(unit) + "/comments"}
}

// commentReceived is the page after a comment became an appeal case.
type commentReceived struct {
	Code, Unit string
	Run        int64
	Case       appeals.Received
}

func (s *Site) commentToWork(c *gin.Context) {
	code, unit := c.Param("code"), c.Param("unit")
	run, err := httpx.FormID(c, "run")
	if err != nil {
		s.Fail(c, err)
		return
	}
	v, err := s.Review.Unit(c, code, unit, run)
	if err != nil {
		s.Fail(c, err)
		return
	}
	text := c.PostForm("comment")
	if !slices.Contains(v.Answers.Comments, text) {
		s.Fail(c, fault.NotFoundf("unit %s has no such comment in score run %d", unit, run))
		return
	}
	switch c.PostForm("action") {
	case "task":
		marked := rectification.Marked{Unit: unit, Kind: rectification.FromComment, Text: text}
		content, err := s.Rectification.Published(c, code, 0)
		if err == nil {
			_, err = s.Rectification.ProposeFrom(c, httpx.Who(c), code, content.Version, rectification.Rules{Marked: []rectification.Marked{marked}})
		}
		if err != nil {
			s.Fail(c, err)
			return
		}
		httpx.Redirect(c, "/review/"+url.PathEscape(code)+"/rectification/proposals")
	case "case":
		got, err := s.Rectification.CaseFromComment(c, httpx.Who(c), c.PostForm("kind"), text)
		if err != nil {
			s.Fail(c, err)
			return
		}
		s.Render(c, http.StatusOK, "comment_received", got.Number, commentReceived{Code: code, Unit: unit, Run: run, Case: got})
	default:
		s.Fail(c, fault.Invalidf("choose a task or an appeal case"))
	}
}

// rectificationCommentsRectification is what rectification_comments.go
// needs of the rectification desk.
type rectificationCommentsRectification interface {
	CaseFromComment(ctx context.Context, actor audit.Actor, kind, text string) (appeals.Received, error)
}
