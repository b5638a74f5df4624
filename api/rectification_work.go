package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/rectification"
	"pingyi/review"
)

// Proposals, the liaison's side and the public list, as JSON.

type proposalJSON struct {
	ID        int64      `json:"id"`
	Version   int        `json:"version"`
	Unit      string     `json:"unit"`
	Problem   string     `json:"problem"`
	Source    sourceJSON `json:"source"`
	State     string     `json:"state"`
	DecidedBy string     `json:"decided_by,omitempty"`
	Reason    string     `json:"reason,omitempty"`
	Task      *int64     `json:"task"`
}

type proposalsJSON struct {
	Proposals []proposalJSON `json:"proposals"`
}

func proposalsOf(list []rectification.Proposal) proposalsJSON {
	out := proposalsJSON{Proposals: make([]proposalJSON, len(list))}
	for i, p := range list {
		out.Proposals[i] = proposalJSON{ID: p.ID, Version: p.Version, Unit: p.Unit, Problem: p.Problem,
			Source: sourceJSON{Kind: p.Source.Kind, Indicator: p.Source.Indicator, Text: p.Source.Text, Case: p.Source.Case},
			State:  p.State, DecidedBy: p.DecidedBy, Reason: p.Reason, Task: p.TaskID}
	}
	return out
}

func (s *Server) listProposalsJSON(c *gin.Context) {
	code := c.Param("code")
	version, err := strconv.Atoi(c.DefaultQuery("version", "0"))
	if err != nil || version < 0 {
		s.Fail(c, fault.Malformedf("version must be a positive whole number"))
		return
	}
	if version == 0 {
		content, err := s.Rectification.Published(c, code, 0)
		if err != nil {
			s.Fail(c, err)
			return
		}
		version = content.Version
	}
	list, err := s.Rectification.Proposals(c, code, version)
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, proposalsOf(list))
}

// proposeJSON asks for the proposals of a published version (0: the
// latest) under the committee's rules.
type proposeJSON struct {
	Version        int          `json:"version"`
	IndicatorBelow *float64     `json:"indicator_below"`
	Marked         []markedJSON `json:"marked"`
}

type markedJSON struct {
	Unit string                   `json:"unit"`
	Kind rectification.SourceKind `json:"kind"`
	Text string                   `json:"text"`
	Case string                   `json:"case"`
}

func (s *Server) proposeJSON(c *gin.Context) {
	code := c.Param("code")
	var in proposeJSON
	if err := httpx.DecodeJSON(c, &in); err != nil {
		s.Fail(c, err)
		return
	}
	if in.Version == 0 {
		content, err := s.Rectification.Published(c, code, 0)
		if err != nil {
			s.Fail(c, err)
			return
		}
		in.Version = content.Version
	}
	rules := rectification.Rules{IndicatorBelow: in.IndicatorBelow}
	for _, m := range in.Marked {
		rules.Marked = append(rules.Marked, rectification.Marked{Unit: m.Unit, Kind: m.Kind, Text: m.Text, Case: m.Case})
	}
	list, err := s.Rectification.ProposeFrom(c, httpx.Who(c), code, in.Version, rules)
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, proposalsOf(list))
}

// confirmJSON confirms a proposal with the measures and the deadline; a
// problem, when given, rewords the proposal's.
type confirmJSON struct {
	Problem  string       `json:"problem"`
	Measures string       `json:"measures"`
	Deadline deadlineJSON `json:"deadline"`
}

func (s *Server) confirmProposalJSON(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	var in confirmJSON
	if err := httpx.DecodeJSON(c, &in); err != nil {
		s.Fail(c, err)
		return
	}
	task, err := s.Rectification.Confirm(c, httpx.Who(c), id, in.Problem, in.Measures,
		rectification.Deadline{WorkingDays: in.Deadline.WorkingDays, Date: in.Deadline.Date})
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, createdJSON{ID: task})
}

func (s *Server) dropProposalJSON(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	var in textJSON
	if err := httpx.DecodeJSON(c, &in); err != nil {
		s.Fail(c, err)
		return
	}
	if err := s.Rectification.Drop(c, httpx.Who(c), id, in.Text); err != nil {
		s.Fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (s *Server) liaisonTasksJSON(c *gin.Context) {
	u, _ := httpx.CurrentUser(c)
	list, err := s.Rectification.TasksOfUnit(c, u.Unit(), u.Sees)
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, tasksOf(list))
}

// liaisonTask reads the task in the path if it is the liaison's unit's;
// another unit's task is not found.
func (s *Server) liaisonTask(c *gin.Context) (rectification.Task, string, error) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return rectification.Task{}, "", err
	}
	u, _ := httpx.CurrentUser(c)
	t, err := s.Rectification.UnitTask(c, u.Unit(), id)
	return t, u.Unit(), s.UnitTaskSeen(c, t.Campaign, id, err)
}

func (s *Server) liaisonTaskJSON(c *gin.Context) {
	t, _, err := s.liaisonTask(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, taskOf(t))
}

func (s *Server) reportJSON(c *gin.Context) {
	s.liaisonJSON(c, true, func(unit string, id int64, text string) error {
		return s.Rectification.Report(c, httpx.Who(c), unit, id, text)
	})
}

func (s *Server) requestCloseJSON(c *gin.Context) {
	s.liaisonJSON(c, true, func(unit string, id int64, text string) error {
		return s.Rectification.RequestClose(c, httpx.Who(c), unit, id, text)
	})
}

// evidenceJSON takes a multipart form: the text in "text", the files in
// "files" (or "file").
func (s *Server) evidenceJSON(c *gin.Context) {
	s.liaisonJSON(c, false, func(unit string, id int64, _ string) error {
		files, err := httpx.UploadedFiles(c, rectification.MaxFileBytes, "files", "file")
		if err != nil {
			return err
		}
		uploads := make([]rectification.Upload, len(files))
		for i, f := range files {
			uploads[i] = rectification.Upload{Name: f.Name, Content: f.Content}
		}
		return s.Rectification.AddEvidence(c, httpx.Who(c), unit, id, c.PostForm("text"), uploads)
	})
}

func (s *Server) liaisonJSON(c *gin.Context, body bool, act func(unit string, id int64, text string) error) {
	t, unit, err := s.liaisonTask(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	var in textJSON
	if body {
		if err := httpx.DecodeJSON(c, &in); err != nil {
			s.Fail(c, err)
			return
		}
	}
	if err := act(unit, t.ID, in.Text); err != nil {
		s.Fail(c, err)
		return
	}
	if t, err = s.Rectification.UnitTask(c, unit, t.ID); err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, taskOf(t))
}

// publicListJSON is /p/CODE/rectification as JSON: nothing personal.
type publicListJSON struct {
	Campaign string           `json:"campaign"`
	AsOf     time.Time        `json:"as_of"`
	Units    []publicUnitJSON `json:"units"`
}

type publicUnitJSON struct {
	Unit  string           `json:"unit"`
	Tasks []publicTaskJSON `json:"tasks"`
	Rates ratesJSON        `json:"rates"`
}

// ratesJSON are a unit's rates with the counts behind them; a rate is
// null when its denominator is 0.
type ratesJSON struct {
	Opened     int      `json:"opened"`
	Closed     int      `json:"closed"`
	ClosedRate *float64 `json:"closed_rate"`
	Due        int      `json:"due"`
	OnTime     int      `json:"on_time"`
	OnTimeRate *float64 `json:"on_time_rate"`
	Overdue    int      `json:"overdue"`
}

type publicTaskJSON struct {
	ID          int64                    `json:"id"`
	Problem     string                   `json:"problem"`
	Source      rectification.SourceKind `json:"source"`
	Due         time.Time                `json:"due"`
	Provisional bool                     `json:"provisional"`
	Status      rectification.Status     `json:"status"`
	ClosedAt    *time.Time               `json:"closed_at"`
	OnTime      bool                     `json:"on_time"`
	Overdue     bool                     `json:"overdue"`
}

func (s *Server) publicTasksJSON(c *gin.Context) {
	code := c.Param("code")
	now := time.Now().UTC()
	units, err := s.Rectification.Public(c, code, now)
	if err != nil {
		s.Fail(c, err)
		return
	}
	out := publicListJSON{Campaign: code, AsOf: now, Units: []publicUnitJSON{}}
	for _, u := range units {
		r := u.Rates
		pu := publicUnitJSON{Unit: u.Unit, Rates: ratesJSON{Opened: r.Opened, Closed: r.Closed, ClosedRate: r.ClosedRate,
			Due: r.Due, OnTime: r.OnTime, OnTimeRate: r.OnTimeRate, Overdue: r.Overdue}}
		for _, t := range u.Tasks {
			pu.Tasks = append(pu.Tasks, publicTaskJSON{ID: t.ID, Problem: t.Problem, Source: t.Source, Due: t.Due, Provisional: t.Provisional,
				Status: t.Status, ClosedAt: t.ClosedAt, OnTime: t.OnTime, Overdue: t.Overdue})
		}
		out.Units = append(out.Units, pu)
	}
	c.JSON(http.StatusOK, out)
}

// rectificationWorkRectification is what rectification_work.go needs of
// the rectification desk.
type rectificationWorkRectification interface {
	AddEvidence(ctx context.Context, actor audit.Actor, unit string, taskID int64, text string, files []rectification.Upload) error
	Confirm(ctx context.Context, actor audit.Actor, proposalID int64, problem, measures string, deadline rectification.Deadline) (int64, error)
	Drop(ctx context.Context, actor audit.Actor, proposalID int64, reason string) error
	ProposeFrom(ctx context.Context, actor audit.Actor, code string, version int, rules rectification.Rules) ([]rectification.Proposal, error)
	Proposals(ctx context.Context, campaign string, version int) ([]rectification.Proposal, error)
	Public(ctx context.Context, campaign string, asOf time.Time) ([]rectification.PublicUnit, error)
	Published(ctx context.Context, code string, version int) (*review.Content, error)
	Report(ctx context.Context, actor audit.Actor, unit string, taskID int64, text string) error
	RequestClose(ctx context.Context, actor audit.Actor, unit string, taskID int64, note string) error
	TasksOfUnit(ctx context.Context, unit string, sees func(organizer string) bool) ([]rectification.Task, error)
	UnitTask(ctx context.Context, unit string, id int64) (rectification.Task, error)
}
