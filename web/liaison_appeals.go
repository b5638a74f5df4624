package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/appeals"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
)

// liaisonAppealsPage is a unit's queue of open cases.
type liaisonAppealsPage struct {
	Unit    string
	Section queueSection
	Done    string
}

// liaisonUnitOf is the unit on the signed-in liaison's account.
func liaisonUnitOf(c *gin.Context) string {
	u, _ := httpx.CurrentUser(c)
	return u.Unit()
}

func (s *Site) liaisonAppeals(c *gin.Context) {
	unit := liaisonUnitOf(c)
	q, err := s.Appeals.LiaisonQueue(c, unit)
	if err != nil {
		s.Fail(c, err)
		return
	}
	httpx.NoStore(c)
	s.Render(c, http.StatusOK, "liaison_appeals", i18n.T(httpx.Lang(c), "My unit's appeal cases"),
		liaisonAppealsPage{Unit: unit, Done: doneStage(c),
			Section: queueSection{Key: "unit", Title: "Open cases", Queue: q, Base: "/liaison/appeals/"}})
}

func (s *Site) liaisonAppeal(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	s.renderLiaisonAppeal(c, http.StatusOK, id)
}

func (s *Site) renderLiaisonAppeal(c *gin.Context, status int, id int64) {
	k, err := s.Appeals.GetForUnit(c, id, liaisonUnitOf(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	history, err := s.Appeals.History(c, id)
	if err != nil {
		s.Fail(c, err)
		return
	}
	// The liaison works the case; the contact is the dispatcher's.
	k.Contact = ""
	httpx.NoStore(c)
	s.Render(c, status, "liaison_appeal", i18n.M("Appeal case %s", caseRef(k)).In(httpx.Lang(c)), appealCasePage{
		Case: k, History: historyRows(history), Done: doneStage(c), Action: "/liaison/appeals/" + httpx.Itoa(id), Back: "/liaison/appeals"})
}

// liaisonAction runs one of the unit's steps on a case of its own: a case
// of another unit, or a report about this one, is not found.
func (s *Site) liaisonAction(c *gin.Context, stage string, act func(id int64, unit string) error) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	unit := liaisonUnitOf(c)
	if _, err := s.Appeals.GetForUnit(c, id, unit); err != nil {
		s.Fail(c, err)
		return
	}
	if err := act(id, unit); err != nil {
		s.FailOnPage(c, err, func(status int) { s.renderLiaisonAppeal(c, status, id) })
		return
	}
	to := "/liaison/appeals/" + httpx.Itoa(id) + "?done=" + stage
	if stage == "return" {
		to = "/liaison/appeals?done=return" // the case is no longer the unit's
	}
	httpx.Redirect(c, to)
}

func (s *Site) liaisonAccept(c *gin.Context) {
	s.liaisonAction(c, "accept", func(id int64, unit string) error {
		return s.Appeals.Accept(c, id, unit, httpx.Who(c))
	})
}

func (s *Site) liaisonReturn(c *gin.Context) {
	s.liaisonAction(c, "return", func(id int64, unit string) error {
		return s.Appeals.Return(c, id, unit, c.PostForm("reason"), httpx.Who(c))
	})
}

func (s *Site) liaisonExtension(c *gin.Context) {
	s.liaisonAction(c, "extension", func(id int64, unit string) error {
		to, err := parseDay(c.PostForm("to"))
		if err != nil {
			return err
		}
		return s.Appeals.RequestExtension(c, id, unit, to, c.PostForm("reason"), httpx.Who(c))
	})
}

func (s *Site) liaisonReply(c *gin.Context) {
	s.liaisonAction(c, "reply", func(id int64, unit string) error {
		resolved, err := parseResolved(c.PostForm("resolved"))
		if err != nil {
			return err
		}
		return s.Appeals.Reply(c, id, unit, c.PostForm("text"), resolved, httpx.Who(c))
	})
}

// parseDay reads a date (YYYY-MM-DD) as a day in China time.
func parseDay(v string) (time.Time, error) {
	t, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(v), i18n.China)
	if err != nil {
		return time.Time{}, fault.Invalidf("give the new deadline as a date such as 2026-10-09")
	}
	return t, nil
}

// parseResolved reads the reply's yes/no, refusing one not made.
func parseResolved(v string) (bool, error) {
	switch v {
	case "yes":
		return true, nil
	case "no":
		return false, nil
	}
	return false, fault.Invalidf("say whether the problem was resolved")
}

// liaisonAppealsAppeals is what the liaison's pages need of the ledger.
type liaisonAppealsAppeals interface {
	LiaisonQueue(ctx context.Context, unit string) (appeals.Queue, error)
	GetForUnit(ctx context.Context, id int64, unit string) (appeals.Case, error)
	History(ctx context.Context, id int64) ([]appeals.Event, error)
	Accept(ctx context.Context, id int64, unit string, actor audit.Actor) error
	Return(ctx context.Context, id int64, unit, reason string, actor audit.Actor) error
	RequestExtension(ctx context.Context, id int64, unit string, to time.Time, reason string, actor audit.Actor) error
	Reply(ctx context.Context, id int64, unit, text string, resolved bool, actor audit.Actor) error
}
