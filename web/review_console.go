package web

import (
	"context"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/results"
	"pingyi/review"
	"pingyi/scoring"
	"pingyi/survey"
)

// consolePage is the committee's view of a campaign's latest (or chosen)
// score run.
type consolePage struct {
	Campaign   survey.Campaign
	Groups     []survey.Group
	Runs       []results.Run
	Run        *results.Run
	Status     *review.RunStatus
	Tables     []rankTable
	Headers    map[string]sortHeader
	Previous   *review.Comparison
	Versions   []review.Publication
	FlagCount  int
	CanRun     bool // committee and administrators run scores
	Member     bool // committee members approve and publish
	Approved   bool // the signed-in member approved this run
	Publishing bool // the campaign can be published now: under review, or published (a correction)
	ChangeNote string
	LastYear   consoleLastYear
}

func (s *Site) reviewConsole(c *gin.Context) {
	id, err := httpx.QueryID(c, "run")
	if err != nil {
		s.Fail(c, err)
		return
	}
	s.renderConsole(c, http.StatusOK, id)
}

// renderConsole draws the console for run id (0: the latest run).
func (s *Site) renderConsole(c *gin.Context, status int, id int64) {
	code := c.Param("code")
	v, err := s.Review.Console(c, code, id)
	if err != nil {
		s.Fail(c, err)
		return
	}
	st := v.Structure
	u, _ := httpx.CurrentUser(c)
	p := consolePage{Campaign: st.Campaign, Groups: st.Groups, Runs: v.Runs, Versions: v.Versions, Previous: v.Compared,
		Run: v.Run, Status: v.Status,
		CanRun: httpx.Admits(httpx.Committee, u.Role), Member: httpx.Admits(httpx.CommitteeOnly, u.Role),
		Publishing: st.Campaign.Status == survey.Review || st.Campaign.Status == survey.Published, ChangeNote: c.PostForm("change_note")}
	if v.Run != nil {
		s.fillConsole(c, v, &p, u)
	}
	if p.LastYear, err = s.consoleLastYearOf(c, code); err != nil {
		s.Fail(c, err)
		return
	}
	s.Render(c, status, "review_console", st.Campaign.Name, p)
}

// fillConsole lays out the chosen run: its ranking tables, sortable.
func (s *Site) fillConsole(c *gin.Context, v *review.Console, p *consolePage, u account.User) {
	code := v.Structure.Campaign.Code
	for _, a := range v.Status.Approvers {
		p.Approved = p.Approved || a.Login == u.Login
	}
	report := v.Flags
	p.FlagCount = len(report.Bursts) + len(report.Identical) + len(report.Straight) + len(report.Fast)
	runQuery := "?run=" + httpx.Itoa(v.Run.ID)
	p.Tables = consoleTables(v.Structure, v.Units, v.Changes, report.Units, func(unit string) string {
		return "/review/" + code + "/units/" + url.PathEscape(unit) + runQuery
	})
	key, desc := c.DefaultQuery("sort", "rank"), c.Query("dir") == "desc"
	sortTables(p.Tables, key, desc)
	lang := httpx.Lang(c)
	p.Headers = sortHeaders(url.Values{"run": {httpx.Itoa(v.Run.ID)}}, "/review/"+code, key, desc, [][2]string{
		{"rank", i18n.T(lang, "Rank")}, {"unit", i18n.T(lang, "Unit")}, {"index", i18n.T(lang, "Index")},
		{"ci", i18n.T(lang, "label:ci95")}, {"n", i18n.T(lang, "Responses")}, {"rate", i18n.T(lang, "Satisfaction rate")},
		{"change", i18n.T(lang, "Change")}})
}

func (s *Site) createRunPage(c *gin.Context) {
	code := c.Param("code")
	run, _, err := s.Runs.Create(c, code, httpx.Who(c))
	if err != nil {
		s.FailOnPage(c, err, func(status int) { s.renderConsole(c, status, 0) })
		return
	}
	httpx.Redirect(c, "/review/"+code+"?run="+httpx.Itoa(run.ID))
}

// approveRun and withdrawApproval answer the console's buttons; approving
// comes from its confirmation page.
func (s *Site) approveRun(c *gin.Context) {
	if !confirmed(c, "/review/"+url.PathEscape(c.Param("code"))+"/runs/"+url.PathEscape(c.Param("run"))+"/approve/confirm") {
		return
	}
	s.approval(c, s.Review.Approve, "Your approval of score run %d is recorded.")
}

func (s *Site) withdrawApproval(c *gin.Context) {
	s.approval(c, s.Review.Withdraw, "Your approval of score run %d is withdrawn.")
}

// approvalAction is approving or withdrawing an approval.
type approvalAction func(ctx context.Context, code string, run int64, by audit.Actor) error

func (s *Site) approval(c *gin.Context, act approvalAction, done string) {
	id, err := httpx.PathID(c, "run")
	if err != nil {
		s.Fail(c, err)
		return
	}
	code := c.Param("code")
	if err := act(c, code, id, httpx.Who(c)); err != nil {
		s.FailOnPage(c, err, func(status int) { s.renderConsole(c, status, id) })
		return
	}
	s.RedirectWithNotice(c, "/review/"+code+"?run="+httpx.Itoa(id), i18n.M(done, id))
}

// publishPage publishes from the confirmation page; the console's button
// leads there.
func (s *Site) publishPage(c *gin.Context) {
	code := c.Param("code")
	id, err := httpx.FormID(c, "run")
	if err != nil {
		s.Fail(c, err)
		return
	}
	if !confirmed(c, "/review/"+url.PathEscape(code)+"/publish/confirm?run="+httpx.Itoa(id)) {
		return
	}
	pub, err := s.Review.Publish(c, code, review.PublishRequest{Run: id, ChangeNote: c.PostForm("change_note")}, httpx.Who(c))
	if err != nil {
		s.FailOnPage(c, err, func(status int) { s.renderConsole(c, status, id) })
		return
	}
	s.RedirectWithNotice(c, "/review/"+code+"?run="+httpx.Itoa(id),
		i18n.M("Score run %d is published as version %d: %s", id, pub.Version, "/p/"+code+"/v/"+httpx.Itoa(int64(pub.Version))))
}

// reviewConsoleReview is what review_console.go needs of review.
type reviewConsoleReview interface {
	Approve(ctx context.Context, code string, runID int64, by audit.Actor) error
	Console(ctx context.Context, code string, runID int64) (*review.Console, error)
	Publish(ctx context.Context, code string, in review.PublishRequest, by audit.Actor) (*review.Publication, error)
	Withdraw(ctx context.Context, code string, runID int64, by audit.Actor) error
}

// reviewConsoleRuns is what review_console.go needs of runs.
type reviewConsoleRuns interface {
	Create(ctx context.Context, code string, actor audit.Actor) (*results.Run, *scoring.Result, error)
}
