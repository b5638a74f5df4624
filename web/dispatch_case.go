package web

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/appeals"
	"pingyi/audit"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/rectification"
	"pingyi/survey"
)

// appealCasePage is one case as staff see it, with the actions their role
// may take on it.
type appealCasePage struct {
	Case      appeals.Case
	History   []historyRow
	Units     []survey.RegisteredUnit
	UnitNames map[string]string
	// Contact is the whole contact, only on the answer to an explicit
	// request to reveal it; otherwise the page shows Case.Contact, masked.
	Contact   string
	Done      string // the stage just recorded, for the notice
	Action    string // where the page's forms post: /dispatch/cases/ID or /liaison/appeals/ID
	Back      string
	Callbacks []string
	Dispatch  bool
	// FollowUps are the rectification tasks that came from the case, each
	// with its follow-up once closed; FollowUpAnswers what the
	// dispatcher's callback may record.
	FollowUps       []rectification.Task
	FollowUpAnswers []rectification.Satisfaction
}

var callbackResults = []string{appeals.Satisfied, appeals.Basic, appeals.Dissatisfied, appeals.Unreached}

func (s *Site) dispatchCase(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	s.renderDispatchCase(c, http.StatusOK, id, "")
}

func (s *Site) renderDispatchCase(c *gin.Context, status int, id int64, contact string) {
	k, err := s.Appeals.Get(c, id)
	if err != nil {
		s.Fail(c, err)
		return
	}
	history, err := s.Appeals.History(c, id)
	if err != nil {
		s.Fail(c, err)
		return
	}
	units, err := s.Campaigns.RegisterUnits(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	followUps, err := s.caseFollowUps(c, k)
	if err != nil {
		s.Fail(c, err)
		return
	}
	httpx.NoStore(c)
	s.Render(c, status, "dispatch_case", i18n.M("Appeal case %s", caseRef(k)).In(httpx.Lang(c)), appealCasePage{
		Case: k, History: historyRows(history), Units: units, UnitNames: unitNames(units), Contact: contact,
		Done: doneStage(c), Action: "/dispatch/cases/" + httpx.Itoa(id), Back: "/dispatch",
		Callbacks: callbackResults, Dispatch: true, FollowUps: followUps, FollowUpAnswers: followUpAnswers})
}

// historyRow is a stage of a case's history with its value as a text
// key: an extension's decision, a callback's result, a review's level.
type historyRow struct {
	appeals.Event
	ValueKey string
}

func historyRows(events []appeals.Event) []historyRow {
	out := make([]historyRow, len(events))
	for i, e := range events {
		out[i] = historyRow{Event: e}
		switch {
		case e.Value == "":
		case e.Stage == "extension":
			out[i].ValueKey = "appeal_extension:" + e.Value
		case e.Stage == "callback":
			out[i].ValueKey = "appeal_callback:" + e.Value
		case e.Stage == "review":
			out[i].ValueKey = "appeal_stage:" + e.Value
		case e.Stage == "reply" && e.Value == "yes":
			out[i].ValueKey = "resolved"
		case e.Stage == "reply":
			out[i].ValueKey = "not resolved"
		default:
			out[i].ValueKey = e.Value // yes or no
		}
	}
	return out
}

// caseRef names a case: its public number, or an imported case's platform
// and number.
func caseRef(k appeals.Case) string {
	if k.Number != "" {
		return k.Number
	}
	return k.Source + "/" + k.SourceNo
}

// doneStage is the stage a redirect after an action says was recorded;
// only known stages are shown.
func doneStage(c *gin.Context) string {
	switch d := c.Query("done"); d {
	case "receive", "assign", "accept", "return", "extension", "reply", "callback", "review", "publish", "followup":
		return d
	}
	return ""
}

// caseAction runs one workflow step on the case of the path and goes back
// to the case page, or shows the case page again with the refusal.
func (s *Site) caseAction(c *gin.Context, stage string, act func(id int64) error) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	if err := act(id); err != nil {
		s.FailOnPage(c, err, func(status int) { s.renderDispatchCase(c, status, id, "") })
		return
	}
	httpx.Redirect(c, "/dispatch/cases/"+httpx.Itoa(id)+"?done="+stage)
}

func (s *Site) dispatchAssign(c *gin.Context) {
	s.caseAction(c, "assign", func(id int64) error {
		return s.Appeals.Assign(c, id, c.PostForm("unit"), httpx.Who(c))
	})
}

func (s *Site) dispatchExtension(c *gin.Context) {
	s.caseAction(c, "extension", func(id int64) error {
		return s.Appeals.DecideExtension(c, id, c.PostForm("decision") == "approve", httpx.Who(c))
	})
}

func (s *Site) dispatchCallback(c *gin.Context) {
	s.caseAction(c, "callback", func(id int64) error {
		return s.Appeals.Callback(c, id, c.PostForm("result"), httpx.Who(c))
	})
}

func (s *Site) dispatchReview(c *gin.Context) {
	s.caseAction(c, "review", func(id int64) error { return s.Appeals.Review(c, id, httpx.Who(c)) })
}

func (s *Site) dispatchPublic(c *gin.Context) {
	s.caseAction(c, "publish", func(id int64) error {
		return s.Appeals.SetPublic(c, id, c.PostForm("public") == "yes", httpx.Who(c))
	})
}

// dispatchContact shows the whole contact, to call the person back: only
// on this explicit request, audited, never cached and never logged.
func (s *Site) dispatchContact(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	contact, err := s.Appeals.Contact(c, id, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	if contact == "" {
		contact = "—"
	}
	s.renderDispatchCase(c, http.StatusOK, id, contact)
}

// dispatchCaseAppeals is what the dispatcher's case page needs of the ledger.
type dispatchCaseAppeals interface {
	Get(ctx context.Context, id int64) (appeals.Case, error)
	History(ctx context.Context, id int64) ([]appeals.Event, error)
	Assign(ctx context.Context, id int64, unit string, actor audit.Actor) error
	DecideExtension(ctx context.Context, id int64, approve bool, actor audit.Actor) error
	Callback(ctx context.Context, id int64, result string, actor audit.Actor) error
	Review(ctx context.Context, id int64, actor audit.Actor) error
	SetPublic(ctx context.Context, id int64, public bool, actor audit.Actor) error
	Contact(ctx context.Context, id int64, actor audit.Actor) (string, error)
}
