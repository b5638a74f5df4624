package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/i18n"
	"pingyi/results"
	"pingyi/review"
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
}

func (s *Server) reviewConsole(c *gin.Context) {
	id, err := queryID(c, "run")
	if err != nil {
		s.fail(c, err)
		return
	}
	s.renderConsole(c, http.StatusOK, id)
}

// renderConsole draws the console for run id (0: the latest run).
func (s *Server) renderConsole(c *gin.Context, status int, id int64) {
	code := c.Param("code")
	st, err := s.Campaigns.Structure(c, code)
	if err != nil {
		s.fail(c, err)
		return
	}
	runs, err := s.Runs.List(c, code)
	if err != nil {
		s.fail(c, err)
		return
	}
	versions, err := s.Review.Versions(c, code)
	if err != nil {
		s.fail(c, err)
		return
	}
	_, prevPub, prevContent, err := s.Review.Previous(c, st.Campaign)
	if err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	p := consolePage{Campaign: st.Campaign, Groups: st.Groups, Runs: runs, Versions: versions,
		CanRun: admits(committee, u.Role), Member: admits(committeeOnly, u.Role),
		Publishing: st.Campaign.Status == survey.Review || st.Campaign.Status == survey.Published, ChangeNote: c.PostForm("change_note")}
	if prevPub != nil {
		p.Previous = &review.Comparison{Campaign: prevContent.Campaign.Code, Name: prevContent.Campaign.Name,
			Year: prevContent.Campaign.Year, Version: prevPub.Version, Digest: prevPub.Digest}
	}
	if id == 0 && len(runs) > 0 {
		id = runs[0].ID // the latest: the runs are listed already, runOrLatest would list them again
	}
	if id != 0 {
		if p.Run, err = s.Runs.Get(c, code, id); err != nil {
			s.fail(c, err)
			return
		}
		if err := s.fillConsole(c, st, &p, prevContent, u); err != nil {
			s.fail(c, err)
			return
		}
	}
	s.page(c, status, "review_console", st.Campaign.Name, p)
}

func (s *Server) fillConsole(c *gin.Context, st *survey.Structure, p *consolePage, prev *review.Content, u account.User) error {
	code := st.Campaign.Code
	var err error
	if p.Status, err = s.Review.Status(c, code, p.Run); err != nil {
		return err
	}
	for _, a := range p.Status.Approvers {
		p.Approved = p.Approved || a.Login == u.Login
	}
	report, err := s.Review.Flags(c, code, p.Run)
	if err != nil {
		return err
	}
	p.FlagCount = len(report.Bursts) + len(report.Identical) + len(report.Straight) + len(report.Fast)
	units, err := unitsOf(p.Run)
	if err != nil {
		return err
	}
	runQuery := "?run=" + itoa(p.Run.ID)
	p.Tables = consoleTables(st, units, prev, report.Units, func(unit string) string {
		return "/review/" + code + "/units/" + url.PathEscape(unit) + runQuery
	})
	key, desc := c.DefaultQuery("sort", "rank"), c.Query("dir") == "desc"
	sortTables(p.Tables, key, desc)
	lang := langOf(c)
	p.Headers = sortHeaders(url.Values{"run": {itoa(p.Run.ID)}}, "/review/"+code, key, desc, [][2]string{
		{"rank", i18n.T(lang, "Rank")}, {"unit", i18n.T(lang, "Unit")}, {"index", i18n.T(lang, "Index")},
		{"ci", i18n.T(lang, "label:ci95")}, {"n", i18n.T(lang, "Responses")}, {"rate", i18n.T(lang, "Satisfaction rate")},
		{"change", i18n.T(lang, "Change")}})
	return nil
}

func (s *Server) createRunPage(c *gin.Context) {
	code := c.Param("code")
	run, _, err := s.Runs.Create(c, code, actor(c))
	if err != nil {
		s.failOnPage(c, err, func(status int) { s.renderConsole(c, status, 0) })
		return
	}
	redirect(c, "/review/"+code+"?run="+itoa(run.ID))
}

// approveRun and withdrawApproval answer the console's buttons.
func (s *Server) approveRun(c *gin.Context) { s.approval(c, s.Review.Approve) }

func (s *Server) withdrawApproval(c *gin.Context) { s.approval(c, s.Review.Withdraw) }

// approvalAction is approving or withdrawing an approval.
type approvalAction func(ctx context.Context, code string, run int64, by account.User) error

func (s *Server) approval(c *gin.Context, act approvalAction) {
	id, err := pathID(c, "run")
	if err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	code := c.Param("code")
	if err := act(c, code, id, u); err != nil {
		s.failOnPage(c, err, func(status int) { s.renderConsole(c, status, id) })
		return
	}
	redirect(c, "/review/"+code+"?run="+itoa(id))
}

func (s *Server) publishPage(c *gin.Context) {
	code := c.Param("code")
	id, err := formID(c, "run")
	if err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	pub, err := s.Review.Publish(c, code, review.PublishRequest{Run: id, ChangeNote: c.PostForm("change_note")}, u)
	if err != nil {
		s.failOnPage(c, err, func(status int) { s.renderConsole(c, status, id) })
		return
	}
	redirect(c, "/p/"+code+"/v/"+itoa(int64(pub.Version)))
}

// formID reads a numeric form field.
func formID(c *gin.Context, name string) (int64, error) {
	return positiveID(name, strings.TrimSpace(c.PostForm(name)))
}
