package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/rectification"
)

// Rectification (整改) for scripts: the committee's tasks and proposals,
// the liaison's own unit's tasks, and the public list. The same domain
// calls as the pages.

// rectificationRoutes registers the rectification endpoints.
func (s *Server) rectificationRoutes(v1 *gin.RouterGroup) {
	r := "/campaigns/:code/rectification"
	s.On(v1, "GET", r, httpx.Public, s.publicTasksJSON)
	s.On(v1, "GET", r+"/tasks", httpx.Overseers, s.listTasksJSON)
	s.On(v1, "POST", r+"/tasks", httpx.CommitteeOnly, s.openTaskJSON)
	s.On(v1, "GET", r+"/tasks/:id", httpx.Overseers, s.getTaskJSON)
	s.On(v1, "POST", r+"/tasks/:id/accept", httpx.CommitteeOnly, s.acceptTaskJSON)
	s.On(v1, "POST", r+"/tasks/:id/return", httpx.CommitteeOnly, s.returnTaskJSON)
	s.On(v1, "GET", r+"/proposals", httpx.Overseers, s.listProposalsJSON)
	s.On(v1, "POST", r+"/proposals", httpx.CommitteeOnly, s.proposeJSON)
	s.On(v1, "POST", r+"/proposals/:id/confirm", httpx.CommitteeOnly, s.confirmProposalJSON)
	s.On(v1, "POST", r+"/proposals/:id/drop", httpx.CommitteeOnly, s.dropProposalJSON)
	l := "/liaison/tasks"
	s.On(v1, "GET", l, httpx.Liaisons, s.liaisonTasksJSON)
	s.On(v1, "GET", l+"/:id", httpx.Liaisons, s.liaisonTaskJSON)
	s.On(v1, "POST", l+"/:id/report", httpx.Liaisons, s.reportJSON)
	s.OnUpload(v1, "POST", l+"/:id/evidence", httpx.Liaisons, httpx.EvidenceLimit, s.evidenceJSON)
	s.On(v1, "POST", l+"/:id/close", httpx.Liaisons, s.requestCloseJSON)
}

// taskJSON is a task as staff read it.
type taskJSON struct {
	ID          int64                `json:"id"`
	Campaign    string               `json:"campaign"`
	Version     int                  `json:"version"`
	Unit        string               `json:"unit"`
	Problem     string               `json:"problem"`
	Source      sourceJSON           `json:"source"`
	Measures    string               `json:"measures"`
	Deadline    deadlineJSON         `json:"deadline"`
	Due         time.Time            `json:"due"`
	Provisional bool                 `json:"provisional"`
	Status      rectification.Status `json:"status"`
	Overdue     bool                 `json:"overdue"`
	OpenedAt    time.Time            `json:"opened_at"`
	OpenedBy    string               `json:"opened_by"`
	ClosedAt    *time.Time           `json:"closed_at"`
	ClosedBy    string               `json:"closed_by,omitempty"`
	FollowUp    *followUpJSON        `json:"follow_up,omitempty"`
	Steps       []stepJSON           `json:"steps,omitempty"`
}

// followUpJSON is the follow-up of a task from an appeal case.
type followUpJSON struct {
	AskedAt    time.Time                  `json:"asked_at"`
	Answer     rectification.Satisfaction `json:"answer,omitempty"`
	AnsweredAt *time.Time                 `json:"answered_at"`
}

type sourceJSON struct {
	Kind      rectification.SourceKind `json:"kind"`
	Indicator string                   `json:"indicator,omitempty"`
	Text      string                   `json:"text,omitempty"`
	Case      string                   `json:"case,omitempty"`
}

type deadlineJSON struct {
	WorkingDays int    `json:"working_days,omitempty"`
	Date        string `json:"date,omitempty"`
}

type stepJSON struct {
	At     time.Time            `json:"at"`
	Actor  string               `json:"actor"`
	Kind   string               `json:"kind"`
	Status rectification.Status `json:"status"`
	Text   string               `json:"text"`
	Files  []fileJSON           `json:"files,omitempty"`
}

type fileJSON struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	MediaType string `json:"media_type"`
	Size      int64  `json:"size"`
	SHA256    string `json:"sha256"`
}

type tasksJSON struct {
	Tasks []taskJSON `json:"tasks"`
}

func taskOf(t rectification.Task) taskJSON {
	out := taskJSON{ID: t.ID, Campaign: t.Campaign, Version: t.Version, Unit: t.Unit, Problem: t.Problem,
		Source:   sourceJSON{Kind: t.Source.Kind, Indicator: t.Source.Indicator, Text: t.Source.Text, Case: t.Source.Case},
		Measures: t.Measures, Deadline: deadlineJSON{WorkingDays: t.Asked.WorkingDays, Date: t.Asked.Date},
		Due: t.Due, Provisional: t.Provisional, Status: t.Status, Overdue: t.Overdue, OpenedAt: t.OpenedAt, OpenedBy: t.OpenedBy,
		ClosedAt: t.ClosedAt, ClosedBy: t.ClosedBy}
	if f := t.FollowUp; f != nil {
		out.FollowUp = &followUpJSON{AskedAt: f.AskedAt, Answer: f.Answer, AnsweredAt: f.AnsweredAt}
	}
	for _, st := range t.Steps {
		sj := stepJSON{At: st.At, Actor: st.Actor, Kind: st.Kind, Status: st.Status, Text: st.Text}
		for _, f := range st.Files {
			sj.Files = append(sj.Files, fileJSON{ID: f.ID, Name: f.Name, MediaType: f.MediaType, Size: f.Size, SHA256: f.SHA256})
		}
		out.Steps = append(out.Steps, sj)
	}
	return out
}

func tasksOf(list []rectification.Task) tasksJSON {
	out := tasksJSON{Tasks: make([]taskJSON, len(list))}
	for i, t := range list {
		out.Tasks[i] = taskOf(t)
	}
	return out
}

func (s *Server) listTasksJSON(c *gin.Context) {
	list, err := s.Rectification.Tasks(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, tasksOf(list))
}

// campaignTask reads the task in the path, which must be of the campaign
// in the path.
func (s *Server) campaignTask(c *gin.Context) (rectification.Task, error) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return rectification.Task{}, err
	}
	t, err := s.Rectification.Task(c, id)
	if err == nil && t.Campaign != c.Param("code") {
		err = fault.NotFoundf("there is no rectification task %d", id)
	}
	return t, err
}

func (s *Server) getTaskJSON(c *gin.Context) {
	t, err := s.campaignTask(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, taskOf(t))
}

// newTaskJSON opens a task by hand.
type newTaskJSON struct {
	Version  int          `json:"version"`
	Unit     string       `json:"unit"`
	Problem  string       `json:"problem"`
	Source   sourceJSON   `json:"source"`
	Measures string       `json:"measures"`
	Deadline deadlineJSON `json:"deadline"`
}

type createdJSON struct {
	ID int64 `json:"id"`
}

func (s *Server) openTaskJSON(c *gin.Context) {
	var in newTaskJSON
	if err := httpx.DecodeJSON(c, &in); err != nil {
		s.Fail(c, err)
		return
	}
	id, err := s.Rectification.OpenTask(c, httpx.Who(c), rectification.NewTask{Campaign: c.Param("code"), Version: in.Version, Unit: in.Unit,
		Problem: in.Problem, Source: rectification.Source{Kind: in.Source.Kind, Indicator: in.Source.Indicator, Text: in.Source.Text, Case: in.Source.Case},
		Measures: in.Measures, Deadline: rectification.Deadline{WorkingDays: in.Deadline.WorkingDays, Date: in.Deadline.Date}})
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, createdJSON{ID: id})
}

// textJSON is the text of a report, a note or a reason.
type textJSON struct {
	Text string `json:"text"`
}

func (s *Server) acceptTaskJSON(c *gin.Context) {
	s.committeeJSON(c, func(id int64, text string) error { return s.Rectification.Accept(c, httpx.Who(c), id, text) })
}

func (s *Server) returnTaskJSON(c *gin.Context) {
	s.committeeJSON(c, func(id int64, text string) error { return s.Rectification.Return(c, httpx.Who(c), id, text) })
}

func (s *Server) committeeJSON(c *gin.Context, act func(id int64, text string) error) {
	t, err := s.campaignTask(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	var in textJSON
	if err := httpx.DecodeJSON(c, &in); err != nil {
		s.Fail(c, err)
		return
	}
	if err := act(t.ID, in.Text); err != nil {
		s.Fail(c, err)
		return
	}
	if t, err = s.Rectification.Task(c, t.ID); err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, taskOf(t))
}

// rectificationRectification is what rectification.go needs of the
// rectification desk.
type rectificationRectification interface {
	Accept(ctx context.Context, actor audit.Actor, taskID int64, note string) error
	OpenTask(ctx context.Context, actor audit.Actor, n rectification.NewTask) (int64, error)
	Return(ctx context.Context, actor audit.Actor, taskID int64, reason string) error
	Task(ctx context.Context, id int64) (rectification.Task, error)
	Tasks(ctx context.Context, campaign string) ([]rectification.Task, error)
}
