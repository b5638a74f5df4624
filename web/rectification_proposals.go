package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/rectification"
	"pingyi/survey"
)

// The proposals of a published version: every unit in the lowest tier,
// every main indicator below the threshold the committee sets, and every
// comment or appeal case it marks, for a member to confirm or drop.

type rectProposalsPage struct {
	Campaign  survey.Campaign
	Version   int
	Units     []survey.Unit
	Proposals []proposalView
	Pending   int
	Member    bool
	Form      url.Values
}

type proposalView struct {
	rectification.Proposal
	UnitName string
	Task     int64
}

func (s *Site) rectificationProposals(c *gin.Context) { s.renderProposals(c, http.StatusOK) }

func (s *Site) renderProposals(c *gin.Context, status int) {
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
	list, err := s.Rectification.Proposals(c, code, content.Version)
	if err != nil {
		s.Fail(c, err)
		return
	}
	u, _ := httpx.CurrentUser(c)
	p := rectProposalsPage{Campaign: st.Campaign, Version: content.Version, Units: st.Units, Member: httpx.Admits(httpx.CommitteeOnly, u.Role), Form: url.Values{}}
	if c.Request.Method == http.MethodPost {
		p.Form = c.Request.PostForm
	}
	names := map[string]string{}
	for _, u := range st.Units {
		names[u.Code] = u.Name
	}
	for _, pr := range list {
		pv := proposalView{Proposal: pr, UnitName: names[pr.Unit]}
		if pr.TaskID != nil {
			pv.Task = *pr.TaskID
		}
		p.Proposals = append(p.Proposals, pv)
		if pr.State == "proposed" {
			p.Pending++
		}
	}
	httpx.NoStore(c)
	s.Render(c, status, "rectification_proposals", st.Campaign.Name, p)
}

// rulesOf reads the committee's rules: the threshold and an appeal case
// it marks.
func rulesOf(c *gin.Context) (rectification.Rules, error) {
	var r rectification.Rules
	if v := strings.TrimSpace(c.PostForm("indicator_below")); v != "" {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return r, fault.Invalidf("the threshold must be a number, such as 75")
		}
		r.IndicatorBelow = &x
	}
	if unit, caseNo := c.PostForm("marked_unit"), strings.TrimSpace(c.PostForm("marked_case")); caseNo != "" {
		r.Marked = append(r.Marked, rectification.Marked{Unit: unit, Kind: rectification.FromAppeal, Case: caseNo, Text: c.PostForm("marked_text")})
	}
	return r, nil
}

func (s *Site) proposePage(c *gin.Context) {
	code := c.Param("code")
	rules, err := rulesOf(c)
	if err == nil {
		var version int
		if version, err = strconv.Atoi(c.PostForm("version")); err != nil {
			err = fault.Malformedf("version must be a positive whole number")
		} else if _, err = s.Rectification.ProposeFrom(c, httpx.Who(c), code, version, rules); err == nil {
			httpx.Redirect(c, "/review/"+url.PathEscape(code)+"/rectification/proposals")
			return
		}
	}
	s.FailOnPage(c, err, func(status int) { s.renderProposals(c, status) })
}

func (s *Site) confirmProposalPage(c *gin.Context) {
	s.decideProposal(c, func(id int64) (string, error) {
		d, err := deadlineOf(c)
		if err != nil {
			return "", err
		}
		task, err := s.Rectification.Confirm(c, httpx.Who(c), id, c.PostForm("problem"), c.PostForm("measures"), d)
		return "/rectification/tasks/" + httpx.Itoa(task), err
	})
}

func (s *Site) dropProposalPage(c *gin.Context) {
	s.decideProposal(c, func(id int64) (string, error) {
		return "/rectification/proposals", s.Rectification.Drop(c, httpx.Who(c), id, c.PostForm("reason"))
	})
}

func (s *Site) decideProposal(c *gin.Context, act func(id int64) (string, error)) {
	code := c.Param("code")
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	next, err := act(id)
	if err != nil {
		s.FailOnPage(c, err, func(status int) { s.renderProposals(c, status) })
		return
	}
	httpx.Redirect(c, "/review/"+url.PathEscape(code)+next)
}

// rectificationProposalsRectification is what rectification_proposals.go
// needs of the rectification desk.
type rectificationProposalsRectification interface {
	Confirm(ctx context.Context, actor audit.Actor, proposalID int64, problem, measures string, deadline rectification.Deadline) (int64, error)
	Drop(ctx context.Context, actor audit.Actor, proposalID int64, reason string) error
	ProposeFrom(ctx context.Context, actor audit.Actor, code string, version int, rules rectification.Rules) ([]rectification.Proposal, error)
	Proposals(ctx context.Context, campaign string, version int) ([]rectification.Proposal, error)
}
