package api

import (
	"context"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/appeals"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/tabular"
)

// The appeals ledger's staff side for scripts and other systems, as JSON;
// web/dispatch_*.go and web/liaison_appeals.go are the same for people.
// Dispatchers work every case; a liaison only its unit's, and never a
// report about its unit (those are not found).

// appealsStaffRoutes registers the ledger's staff endpoints.
func (s *Server) appealsStaffRoutes(v1 *gin.RouterGroup) {
	s.On(v1, "GET", "/appeals/queues", httpx.Dispatchers, s.appealQueues)
	s.On(v1, "GET", "/appeals/cases", httpx.Dispatchers, s.appealQueue)
	s.On(v1, "POST", "/appeals/cases", httpx.Dispatchers, s.receiveAppeal)
	s.On(v1, "GET", "/appeals/cases/:id", httpx.Dispatchers, s.getAppeal)
	s.On(v1, "POST", "/appeals/cases/:id/assign", httpx.Dispatchers, s.assignAppeal)
	s.On(v1, "POST", "/appeals/cases/:id/extension/decision", httpx.Dispatchers, s.decideAppealExtension)
	s.On(v1, "POST", "/appeals/cases/:id/callback", httpx.Dispatchers, s.appealCallback)
	s.On(v1, "POST", "/appeals/cases/:id/review", httpx.Dispatchers, s.reviewAppeal)
	s.On(v1, "POST", "/appeals/cases/:id/public", httpx.Dispatchers, s.publishAppeal)
	s.On(v1, "POST", "/appeals/cases/:id/contact", httpx.Dispatchers, s.appealContact)
	s.OnUpload(v1, "POST", "/appeals/import", httpx.AdminOnly, httpx.ImportLimit, s.importAppeals)

	s.On(v1, "GET", "/liaison/appeals", httpx.Liaisons, s.liaisonAppealQueue)
	s.On(v1, "GET", "/liaison/appeals/:id", httpx.Liaisons, s.liaisonGetAppeal)
	s.On(v1, "POST", "/liaison/appeals/:id/accept", httpx.Liaisons, s.liaisonAcceptAppeal)
	s.On(v1, "POST", "/liaison/appeals/:id/return", httpx.Liaisons, s.liaisonReturnAppeal)
	s.On(v1, "POST", "/liaison/appeals/:id/extension", httpx.Liaisons, s.liaisonAppealExtension)
	s.On(v1, "POST", "/liaison/appeals/:id/reply", httpx.Liaisons, s.liaisonReplyAppeal)

	s.calendarRoutes(v1)
}

// appealCaseJSON is a case as staff see it. The contact is masked, and
// absent for a liaison.
type appealCaseJSON struct {
	ID                  int64             `json:"id"`
	Number              string            `json:"number,omitempty"`
	Source              string            `json:"source,omitempty"`
	SourceNo            string            `json:"source_no"`
	Channel             string            `json:"channel"`
	Kind                string            `json:"type"`
	Complexity          string            `json:"complexity"`
	Content             string            `json:"content"`
	Contact             string            `json:"contact,omitempty"`
	ConcernsUnit        string            `json:"concerns_unit,omitempty"`
	HasPassword         bool              `json:"has_password"`
	Public              bool              `json:"public"`
	Status              string            `json:"status"`
	ReceivedAt          time.Time         `json:"received_at"`
	Unit                string            `json:"unit,omitempty"`
	AssignedAt          *time.Time        `json:"assigned_at"`
	AcceptBy            *time.Time        `json:"accept_by"`
	AcceptedAt          *time.Time        `json:"accepted_at"`
	Deadline            *time.Time        `json:"deadline"`
	DeadlineProvisional bool              `json:"deadline_provisional"`
	Extension           string            `json:"extension,omitempty"`
	ExtensionTo         *time.Time        `json:"extension_to"`
	RepliedAt           *time.Time        `json:"replied_at"`
	Resolved            *bool             `json:"resolved"`
	Reply               string            `json:"reply,omitempty"`
	ReviewUntil         *time.Time        `json:"review_until"`
	Callback            string            `json:"callback,omitempty"`
	ReviewLevel         int               `json:"review_level"`
	Overdue             bool              `json:"overdue"`
	Settled             bool              `json:"settled"`
	History             []appealEventJSON `json:"history"`
}

// appealEventJSON is one stage of a case's history.
type appealEventJSON struct {
	At    time.Time `json:"at"`
	Stage string    `json:"stage"`
	Actor string    `json:"actor"`
	Unit  string    `json:"unit,omitempty"`
	Value string    `json:"value,omitempty"`
	Note  string    `json:"note,omitempty"`
}

func toAppealJSON(k appeals.Case, history []appeals.Event) appealCaseJSON {
	out := appealCaseJSON{ID: k.ID, Number: k.Number, Source: k.Source, SourceNo: k.SourceNo, Channel: k.Channel,
		Kind: k.Kind, Complexity: k.Complexity, Content: k.Content, Contact: k.Contact, ConcernsUnit: k.ConcernsUnit,
		HasPassword: k.HasPassword, Public: k.Public, Status: k.Status, ReceivedAt: k.ReceivedAt, Unit: k.Unit,
		AssignedAt: k.AssignedAt, AcceptBy: k.AcceptBy, AcceptedAt: k.AcceptedAt, Deadline: k.Deadline,
		DeadlineProvisional: k.DeadlineProvisional, Extension: k.Extension, ExtensionTo: k.ExtensionTo,
		RepliedAt: k.RepliedAt, Resolved: k.Resolved, Reply: k.Reply, ReviewUntil: k.ReviewUntil,
		Callback: k.Callback, ReviewLevel: k.ReviewLevel, Overdue: k.Overdue, Settled: k.Settled,
		History: make([]appealEventJSON, len(history))}
	for i, e := range history {
		out.History[i] = appealEventJSON{At: e.At, Stage: e.Stage, Actor: e.Actor, Unit: e.Unit, Value: e.Value, Note: e.Note}
	}
	return out
}

// appealQueueJSON is one work list: its first items, soonest due first,
// and how many there are.
type appealQueueJSON struct {
	Total int64                 `json:"total"`
	Items []appealQueueItemJSON `json:"items"`
}

type appealQueueItemJSON struct {
	ID                 int64      `json:"id"`
	Number             string     `json:"number,omitempty"`
	Source             string     `json:"source,omitempty"`
	SourceNo           string     `json:"source_no"`
	Kind               string     `json:"type"`
	Status             string     `json:"status"`
	Unit               string     `json:"unit,omitempty"`
	ReceivedAt         time.Time  `json:"received_at"`
	Due                *time.Time `json:"due"`
	DueProvisional     bool       `json:"due_provisional"`
	Overdue            bool       `json:"overdue"`
	ExtensionRequested bool       `json:"extension_requested"`
}

func toQueueJSON(q appeals.Queue) appealQueueJSON {
	out := appealQueueJSON{Total: q.Total, Items: make([]appealQueueItemJSON, len(q.Items))}
	for i, x := range q.Items {
		out.Items[i] = appealQueueItemJSON{ID: x.ID, Number: x.Number, Source: x.Source, SourceNo: x.SourceNo,
			Kind: x.Kind, Status: x.Status, Unit: x.Unit, ReceivedAt: x.ReceivedAt, Due: x.Due,
			DueProvisional: x.DueProvisional, Overdue: x.Overdue, ExtensionRequested: x.ExtensionRequested}
	}
	return out
}

// dispatcherQueuesJSON are the dispatcher's work lists.
type dispatcherQueuesJSON struct {
	Unassigned       appealQueueJSON `json:"unassigned"`
	Overdue          appealQueueJSON `json:"overdue"`
	DueSoon          appealQueueJSON `json:"due_soon"`
	AwaitingCallback appealQueueJSON `json:"awaiting_callback"`
	Extensions       appealQueueJSON `json:"extensions"`
}

func (s *Server) appealQueues(c *gin.Context) {
	q, err := s.Appeals.DispatcherQueues(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	httpx.NoStore(c)
	c.JSON(http.StatusOK, dispatcherQueuesJSON{Unassigned: toQueueJSON(q.Unassigned), Overdue: toQueueJSON(q.Overdue),
		DueSoon: toQueueJSON(q.DueSoon), AwaitingCallback: toQueueJSON(q.AwaitingCallback), Extensions: toQueueJSON(q.Extensions)})
}

// appealQueue is one of the dispatcher's work lists, chosen by ?queue=.
func (s *Server) appealQueue(c *gin.Context) {
	q, err := s.Appeals.DispatcherQueues(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	queues := map[string]appeals.Queue{"unassigned": q.Unassigned, "overdue": q.Overdue, "due_soon": q.DueSoon,
		"awaiting_callback": q.AwaitingCallback, "extensions": q.Extensions}
	one, ok := queues[c.Query("queue")]
	if !ok {
		s.Fail(c, fault.Malformedf("queue must be one of unassigned, overdue, due_soon, awaiting_callback, extensions"))
		return
	}
	httpx.NoStore(c)
	c.JSON(http.StatusOK, toQueueJSON(one))
}

// appealIntakeJSON is a case a dispatcher took by phone, at a window or
// from a letter.
type appealIntakeJSON struct {
	Channel      string `json:"channel"`
	Kind         string `json:"type"`
	Content      string `json:"content"`
	Contact      string `json:"contact"`
	Complexity   string `json:"complexity"`
	ConcernsUnit string `json:"concerns_unit"`
	Password     string `json:"password"`
	Public       bool   `json:"public"`
}

// appealReceivedJSON is the new case's id and the number to give the person.
type appealReceivedJSON struct {
	ID     int64  `json:"id"`
	Number string `json:"number"`
}

func (s *Server) receiveAppeal(c *gin.Context) {
	var in appealIntakeJSON
	if err := httpx.DecodeJSON(c, &in); err != nil {
		s.Fail(c, err)
		return
	}
	got, err := s.Appeals.Receive(c, appeals.Intake{Channel: in.Channel, Kind: in.Kind, Content: in.Content,
		Contact: strings.TrimSpace(in.Contact), Complexity: in.Complexity, ConcernsUnit: in.ConcernsUnit,
		Password: in.Password, Public: in.Public}, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, appealReceivedJSON{ID: got.ID, Number: got.Number})
}

func (s *Server) getAppeal(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	s.answerAppeal(c, id, "")
}

// answerAppeal answers with a case as the caller sees it: the dispatcher
// any case, a liaison (unit != "") its unit's.
func (s *Server) answerAppeal(c *gin.Context, id int64, unit string) {
	var k appeals.Case
	var err error
	if unit == "" {
		k, err = s.Appeals.Get(c, id)
	} else {
		k, err = s.Appeals.GetForUnit(c, id, unit)
		k.Contact = ""
	}
	if err != nil {
		s.Fail(c, err)
		return
	}
	history, err := s.Appeals.History(c, id)
	if err != nil {
		s.Fail(c, err)
		return
	}
	httpx.NoStore(c)
	c.JSON(http.StatusOK, toAppealJSON(k, history))
}

// appealStep decodes a step's body into in (nil: no body) and runs it.
func (s *Server) appealStep(c *gin.Context, in any, act func(id int64) error) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	if in != nil {
		if err := httpx.DecodeJSON(c, in); err != nil {
			s.Fail(c, err)
			return
		}
	}
	if err := act(id); err != nil {
		s.Fail(c, err)
		return
	}
	s.answerAppeal(c, id, "")
}

// appealAssignJSON names the unit a case goes to, by code or exact name.
type appealAssignJSON struct {
	Unit string `json:"unit"`
}

func (s *Server) assignAppeal(c *gin.Context) {
	var in appealAssignJSON
	s.appealStep(c, &in, func(id int64) error { return s.Appeals.Assign(c, id, in.Unit, httpx.Who(c)) })
}

// appealDecisionJSON approves or refuses an extension request.
type appealDecisionJSON struct {
	Approve *bool `json:"approve"`
}

func (s *Server) decideAppealExtension(c *gin.Context) {
	var in appealDecisionJSON
	s.appealStep(c, &in, func(id int64) error {
		if in.Approve == nil {
			return fault.WithProblems([]fault.Problem{fault.P("approve", "say true to approve or false to refuse")}, "the decision is missing")
		}
		return s.Appeals.DecideExtension(c, id, *in.Approve, httpx.Who(c))
	})
}

// appealCallbackJSON is how the person judged the reply: 满意, 基本满意,
// 不满意, 未联系上 (or satisfied, basic, dissatisfied, unreached).
type appealCallbackJSON struct {
	Result string `json:"result"`
}

func (s *Server) appealCallback(c *gin.Context) {
	var in appealCallbackJSON
	s.appealStep(c, &in, func(id int64) error { return s.Appeals.Callback(c, id, in.Result, httpx.Who(c)) })
}

func (s *Server) reviewAppeal(c *gin.Context) {
	s.appealStep(c, nil, func(id int64) error { return s.Appeals.Review(c, id, httpx.Who(c)) })
}

// appealPublicJSON lists a case in the Open311 read API, or withdraws it.
type appealPublicJSON struct {
	Public bool `json:"public"`
}

func (s *Server) publishAppeal(c *gin.Context) {
	var in appealPublicJSON
	s.appealStep(c, &in, func(id int64) error { return s.Appeals.SetPublic(c, id, in.Public, httpx.Who(c)) })
}

// appealContactJSON is a case's whole contact, for the callback.
type appealContactJSON struct {
	Contact string `json:"contact"`
}

// appealContact reveals the whole contact: audited, never cached.
func (s *Server) appealContact(c *gin.Context) {
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
	httpx.NoStore(c)
	c.JSON(http.StatusOK, appealContactJSON{Contact: contact})
}

// appealImportJSON is what an import of a hotline export did.
type appealImportJSON struct {
	Rows    int `json:"rows"`
	Created int `json:"created"`
	Updated int `json:"updated"`
}

// importAppeals takes a hotline platform's export as the multipart field
// "file", with the fields "source" (the platform) and optionally
// "mapping" (a JSON object from the file's headers to the columns), each
// also accepted in the query.
func (s *Server) importAppeals(c *gin.Context) {
	up, err := httpx.Uploaded(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	defer up.Close()
	field := func(name string) string { return c.DefaultPostForm(name, c.Query(name)) }
	mapping, err := appeals.ParseMapping([]byte(field("mapping")))
	if err != nil {
		s.Fail(c, err)
		return
	}
	res, err := s.Appeals.Import(c, up, up.Format, field("source"), mapping, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, appealImportJSON{Rows: res.Rows, Created: res.Created, Updated: res.Updated})
}

// The liaison's side: every call first finds the case among its unit's,
// so another unit's case is not found.

func liaisonUnit(c *gin.Context) string {
	u, _ := httpx.CurrentUser(c)
	return u.Unit()
}

func (s *Server) liaisonAppealQueue(c *gin.Context) {
	q, err := s.Appeals.LiaisonQueue(c, liaisonUnit(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	httpx.NoStore(c)
	c.JSON(http.StatusOK, toQueueJSON(q))
}

func (s *Server) liaisonGetAppeal(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	s.answerAppeal(c, id, liaisonUnit(c))
}

// liaisonStep decodes a unit's step into in (nil: no body) and runs it
// on a case of the liaison's unit; it reports whether the step was taken
// (else the error is answered).
func (s *Server) liaisonStep(c *gin.Context, in any, act func(id int64, unit string) error) (int64, bool) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return 0, false
	}
	unit := liaisonUnit(c)
	if _, err := s.Appeals.GetForUnit(c, id, unit); err != nil {
		s.Fail(c, err)
		return 0, false
	}
	if in != nil {
		if err := httpx.DecodeJSON(c, in); err != nil {
			s.Fail(c, err)
			return 0, false
		}
	}
	if err := act(id, unit); err != nil {
		s.Fail(c, err)
		return 0, false
	}
	return id, true
}

// liaisonStepAnswered is liaisonStep answering with the case as it now is.
func (s *Server) liaisonStepAnswered(c *gin.Context, in any, act func(id int64, unit string) error) {
	if id, ok := s.liaisonStep(c, in, act); ok {
		s.answerAppeal(c, id, liaisonUnit(c))
	}
}

func (s *Server) liaisonAcceptAppeal(c *gin.Context) {
	s.liaisonStepAnswered(c, nil, func(id int64, unit string) error { return s.Appeals.Accept(c, id, unit, httpx.Who(c)) })
}

// appealReasonJSON is why a unit returns a case.
type appealReasonJSON struct {
	Reason string `json:"reason"`
}

// liaisonReturnAppeal hands the case back; it is no longer the unit's, so
// the answer has no body.
func (s *Server) liaisonReturnAppeal(c *gin.Context) {
	var in appealReasonJSON
	if _, ok := s.liaisonStep(c, &in, func(id int64, unit string) error {
		return s.Appeals.Return(c, id, unit, in.Reason, httpx.Who(c))
	}); ok {
		c.Status(http.StatusNoContent)
	}
}

// appealExtensionJSON asks for a new deadline: a working day (YYYY-MM-DD,
// China time), with the reason.
type appealExtensionJSON struct {
	To     string `json:"to"`
	Reason string `json:"reason"`
}

func (s *Server) liaisonAppealExtension(c *gin.Context) {
	var in appealExtensionJSON
	s.liaisonStepAnswered(c, &in, func(id int64, unit string) error {
		to, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(in.To), i18n.China)
		if err != nil {
			return fault.WithProblems([]fault.Problem{fault.P("to", "give the new deadline as a date such as 2026-10-09")}, "the extension request cannot be made")
		}
		return s.Appeals.RequestExtension(c, id, unit, to, in.Reason, httpx.Who(c))
	})
}

// appealReplyJSON is the unit's reply and whether the problem was resolved.
type appealReplyJSON struct {
	Text     string `json:"text"`
	Resolved *bool  `json:"resolved"`
}

func (s *Server) liaisonReplyAppeal(c *gin.Context) {
	var in appealReplyJSON
	s.liaisonStepAnswered(c, &in, func(id int64, unit string) error {
		if in.Resolved == nil {
			return fault.WithProblems([]fault.Problem{fault.P("resolved", "say whether the problem was resolved")}, "the reply cannot be sent")
		}
		return s.Appeals.Reply(c, id, unit, in.Text, *in.Resolved, httpx.Who(c))
	})
}

// appealsAppeals is what appeals.go needs of the ledger.
type appealsAppeals interface {
	DispatcherQueues(ctx context.Context) (appeals.DispatcherQueues, error)
	LiaisonQueue(ctx context.Context, unit string) (appeals.Queue, error)
	Receive(ctx context.Context, in appeals.Intake, actor audit.Actor) (appeals.Received, error)
	Get(ctx context.Context, id int64) (appeals.Case, error)
	GetForUnit(ctx context.Context, id int64, unit string) (appeals.Case, error)
	History(ctx context.Context, id int64) ([]appeals.Event, error)
	Assign(ctx context.Context, id int64, unit string, actor audit.Actor) error
	Accept(ctx context.Context, id int64, unit string, actor audit.Actor) error
	Return(ctx context.Context, id int64, unit, reason string, actor audit.Actor) error
	RequestExtension(ctx context.Context, id int64, unit string, to time.Time, reason string, actor audit.Actor) error
	DecideExtension(ctx context.Context, id int64, approve bool, actor audit.Actor) error
	Reply(ctx context.Context, id int64, unit, text string, resolved bool, actor audit.Actor) error
	Callback(ctx context.Context, id int64, result string, actor audit.Actor) error
	Review(ctx context.Context, id int64, actor audit.Actor) error
	SetPublic(ctx context.Context, id int64, public bool, actor audit.Actor) error
	Contact(ctx context.Context, id int64, actor audit.Actor) (string, error)
	Import(ctx context.Context, src io.ReadSeeker, format tabular.Format, source string, mapping map[string]string, actor audit.Actor) (appeals.ImportResult, error)
}
