package web

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/rectification"
	"pingyi/review"
	"pingyi/survey"
)

// The committee's rectification pages: the overview of a campaign's tasks,
// a task with its history, and acceptance (销号) or return.

// rectOverviewPage lists every task of a campaign, with overdue marks,
// and how last year's tasks ended.
type rectOverviewPage struct {
	Campaign survey.Campaign
	Tasks    []taskView
	Counts   map[string]int
	Overdue  int
	Member   bool
	LastYear *survey.Campaign
	Ended    []endedRow
}

// endedRow is how one unit's tasks of last year's campaign ended.
type endedRow struct {
	Unit, Name string
	Rates      rectification.Rates
}

func (s *Site) rectificationOverview(c *gin.Context) {
	code := c.Param("code")
	camp, names, err := s.Rectification.Units(c, code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	tasks, err := s.Rectification.Tasks(c, code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	u, _ := httpx.CurrentUser(c)
	p := rectOverviewPage{Campaign: camp, Counts: map[string]int{}, Member: httpx.Admits(httpx.CommitteeOnly, u.Role)}
	for _, t := range tasks {
		p.Tasks = append(p.Tasks, viewOf(t, names, nil))
		p.Counts[string(t.Status)]++
		if t.Overdue {
			p.Overdue++
		}
	}
	if p.LastYear, p.Ended, err = s.lastYear(c, code, names); err != nil {
		s.Fail(c, err)
		return
	}
	httpx.NoStore(c)
	s.Render(c, http.StatusOK, "rectification_overview", camp.Name, p)
}

// lastYear is how the tasks of the campaign this one is compared with
// ended, per unit, named as this campaign names its units.
func (s *Site) lastYear(ctx context.Context, code string, names map[string]string) (*survey.Campaign, []endedRow, error) {
	prev, ended, err := s.Rectification.LastYear(ctx, code)
	if err != nil || prev == nil {
		return nil, nil, err
	}
	var rows []endedRow
	for unit, r := range ended {
		name := names[unit]
		if name == "" {
			name = unit
		}
		rows = append(rows, endedRow{Unit: unit, Name: name, Rates: r})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Unit < rows[j].Unit })
	return prev, rows, nil
}

// rectTaskPage is one task with its history, for the committee and the
// supervisors; members accept or return it once the unit asked to close.
type rectTaskPage struct {
	Campaign survey.Campaign
	Task     taskView
	Member   bool
	Note     string
	Reason   string
}

func (s *Site) rectificationTask(c *gin.Context) { s.renderRectTask(c, http.StatusOK) }

func (s *Site) renderRectTask(c *gin.Context, status int) {
	code := c.Param("code")
	t, err := s.campaignTask(c, code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	camp, names, err := s.Rectification.Units(c, code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	u, _ := httpx.CurrentUser(c)
	p := rectTaskPage{Campaign: camp, Member: httpx.Admits(httpx.CommitteeOnly, u.Role), Note: c.PostForm("note"), Reason: c.PostForm("reason"),
		Task: viewOf(t, names, func(task, file int64) string {
			return "/review/" + url.PathEscape(code) + "/rectification/tasks/" + httpx.Itoa(task) + "/files/" + httpx.Itoa(file)
		})}
	httpx.NoStore(c)
	s.Render(c, status, "rectification_task", camp.Name, p)
}

// campaignTask reads the task in the path, which must be of the campaign
// in the path.
func (s *Site) campaignTask(c *gin.Context, code string) (rectification.Task, error) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return rectification.Task{}, err
	}
	t, err := s.Rectification.Task(c, id)
	if err == nil && t.Campaign != code {
		err = fault.NotFoundf("there is no rectification task %d", id)
	}
	return t, err
}

func (s *Site) acceptTaskPage(c *gin.Context) {
	s.committeeAct(c, func(id int64) error { return s.Rectification.Accept(c, httpx.Who(c), id, c.PostForm("note")) })
}

func (s *Site) returnTaskPage(c *gin.Context) {
	s.committeeAct(c, func(id int64) error { return s.Rectification.Return(c, httpx.Who(c), id, c.PostForm("reason")) })
}

func (s *Site) committeeAct(c *gin.Context, act func(id int64) error) {
	code := c.Param("code")
	t, err := s.campaignTask(c, code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	if err := act(t.ID); err != nil {
		s.FailOnPage(c, err, func(status int) { s.renderRectTask(c, status) })
		return
	}
	httpx.Redirect(c, "/review/"+url.PathEscape(code)+"/rectification/tasks/"+httpx.Itoa(t.ID))
}

// rectificationFile downloads evidence for the committee and supervisors.
func (s *Site) rectificationFile(c *gin.Context) {
	t, err := s.campaignTask(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return
	}
	fileID, err := httpx.PathID(c, "file")
	if err != nil {
		s.Fail(c, err)
		return
	}
	f, content, err := s.Rectification.File(c, t.ID, fileID)
	if err != nil {
		s.Fail(c, err)
		return
	}
	serveEvidence(c, f, content, "private, no-store")
}

// rectNewPage opens a task by hand: a supervisor's clue, an appeal case,
// or any problem the committee sees.
type rectNewPage struct {
	Campaign survey.Campaign
	Version  int
	Units    []survey.Unit
	Form     url.Values
	Member   bool
	Sources  []string
}

func (s *Site) newTaskForm(c *gin.Context) { s.renderNewTask(c, http.StatusOK) }

func (s *Site) renderNewTask(c *gin.Context, status int) {
	code := c.Param("code")
	content, err := s.Rectification.Published(c, code, 0)
	if err != nil {
		s.Fail(c, err)
		return
	}
	st, err := s.Rectification.Structure(c, code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	u, _ := httpx.CurrentUser(c)
	form := url.Values{}
	if c.Request.Method == http.MethodPost {
		form = c.Request.PostForm
	}
	p := rectNewPage{Campaign: st.Campaign, Version: content.Version, Units: st.Units, Form: form, Member: httpx.Admits(httpx.CommitteeOnly, u.Role),
		Sources: []string{"clue", "comment", "appeal", "indicator", "tier"}}
	httpx.NoStore(c)
	s.Render(c, status, "rectification_new", st.Campaign.Name, p)
}

func (s *Site) openTaskPage(c *gin.Context) {
	code := c.Param("code")
	n, err := newTaskOf(c, code)
	if err == nil {
		var id int64
		if id, err = s.Rectification.OpenTask(c, httpx.Who(c), n); err == nil {
			httpx.Redirect(c, "/review/"+url.PathEscape(code)+"/rectification/tasks/"+httpx.Itoa(id))
			return
		}
	}
	s.FailOnPage(c, err, func(status int) { s.renderNewTask(c, status) })
}

// newTaskOf reads the form of a task opened by hand.
func newTaskOf(c *gin.Context, code string) (rectification.NewTask, error) {
	d, err := deadlineOf(c)
	if err != nil {
		return rectification.NewTask{}, err
	}
	version, err := strconv.Atoi(c.PostForm("version"))
	if err != nil {
		return rectification.NewTask{}, fault.Malformedf("version must be a positive whole number")
	}
	src := rectification.Source{Kind: rectification.SourceKind(c.PostForm("source")), Indicator: strings.TrimSpace(c.PostForm("indicator")),
		Text: c.PostForm("source_text"), Case: c.PostForm("case")}
	return rectification.NewTask{Campaign: code, Version: version, Unit: c.PostForm("unit"), Problem: c.PostForm("problem"),
		Source: src, Measures: c.PostForm("measures"), Deadline: d}, nil
}

// rectificationCommitteeRectification is what rectification_committee.go
// needs of the rectification desk.
type rectificationCommitteeRectification interface {
	rectificationViewDesk
	Accept(ctx context.Context, actor audit.Actor, taskID int64, note string) error
	File(ctx context.Context, taskID, fileID int64) (rectification.FileInfo, []byte, error)
	LastYear(ctx context.Context, code string) (*survey.Campaign, map[string]rectification.Rates, error)
	OpenTask(ctx context.Context, actor audit.Actor, n rectification.NewTask) (int64, error)
	Published(ctx context.Context, code string, version int) (*review.Content, error)
	Return(ctx context.Context, actor audit.Actor, taskID int64, reason string) error
	Structure(ctx context.Context, code string) (*survey.Structure, error)
	Task(ctx context.Context, id int64) (rectification.Task, error)
	Tasks(ctx context.Context, campaign string) ([]rectification.Task, error)
}
