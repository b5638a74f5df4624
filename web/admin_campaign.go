package web

import (
	"context"
	"io"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/survey"
	"pingyi/validation"
)

func (s *Site) adminHome(c *gin.Context) {
	list, err := s.Campaigns.Campaigns(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	list = httpx.Theirs(c, list)
	s.Render(c, http.StatusOK, "admin_home", i18n.T(httpx.Lang(c), "Campaigns"), gin.H{"Campaigns": list})
}

type newCampaignData struct {
	Text     string
	Problems []fault.Problem
}

func (s *Site) newCampaignForm(c *gin.Context) {
	s.Render(c, http.StatusOK, "admin_campaign_new", i18n.T(httpx.Lang(c), "New campaign"), newCampaignData{})
}

// newCampaign takes the definition pasted into the form or uploaded as a
// file, and shows every problem next to the text so it can be fixed there.
func (s *Site) newCampaign(c *gin.Context) {
	text := c.PostForm("definition")
	if fh, err := c.FormFile("file"); err == nil {
		f, err := fh.Open()
		if err != nil {
			s.Fail(c, err)
			return
		}
		b, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			s.Fail(c, err)
			return
		}
		text = string(b)
	}
	var d survey.Definition
	err := validation.DecodeStrict([]byte(text), &d)
	if err == nil {
		err = httpx.OwnOrganizer(c, &d)
	}
	if err == nil {
		var st *survey.Structure
		if st, err = s.Campaigns.Create(c, d, httpx.Who(c)); err == nil {
			httpx.Redirect(c, "/admin/campaigns/"+st.Campaign.Code)
			return
		}
	}
	s.FailOnForm(c, err, func(status int, problems []fault.Problem) {
		s.Render(c, status, "admin_campaign_new", i18n.T(httpx.Lang(c), "New campaign"), newCampaignData{Text: text, Problems: problems})
	})
}

type shareRow struct {
	Code, Name string
	Share      float64
	Auxiliary  bool
	OpenLink   bool
	MinSample  int
}

type treeCategory struct {
	Category survey.Category
	Units    []survey.Unit
}

type campaignPage struct {
	Campaign    survey.Campaign
	Transitions []transition
	Indicators  []shareRow
	Groups      []shareRow
	Scale       []survey.Option
	Units       []survey.Unit
	Tree        []treeCategory
	AHP         bool
	AHPCR       float64
	Collection  *collectionView
	Open        *openLink
}

func (s *Site) adminCampaign(c *gin.Context) { s.renderCampaign(c, http.StatusOK) }

func (s *Site) renderCampaign(c *gin.Context, status int) {
	st, err := s.Campaigns.Structure(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return
	}
	indicatorShares, groupShares := st.Shares()
	p := campaignPage{Campaign: st.Campaign, Scale: st.Scale,
		Units: st.Units, AHP: st.Campaign.AHP != nil, AHPCR: st.AHPCR}
	for _, ind := range st.Indicators {
		p.Indicators = append(p.Indicators, shareRow{Code: ind.Code, Name: ind.Name, Share: indicatorShares[ind.Code], Auxiliary: ind.Auxiliary})
	}
	for _, g := range st.Groups {
		p.Groups = append(p.Groups, shareRow{Code: g.Code, Name: g.Name, Share: groupShares[g.Code], OpenLink: g.OpenLink, MinSample: st.MinSampleOf(g)})
	}
	for i, units := range st.UnitsByCategory() {
		p.Tree = append(p.Tree, treeCategory{Category: st.Categories[i], Units: units})
	}
	if p.Collection, err = s.collectionOf(c, st); err != nil {
		s.Fail(c, err)
		return
	}
	if p.Open, err = s.openLinkOf(st); err != nil {
		s.Fail(c, err)
		return
	}
	p.Transitions = transitions(c, st.Campaign.Status, p.Collection.Progress.Responses)
	s.Render(c, status, "admin_campaign", st.Campaign.Name, p)
}

// transition is a status change the campaign page offers: a button when
// it can work, the reason when it cannot.
type transition struct {
	To       survey.Status
	Possible bool
	Why      string
}

func transitions(c *gin.Context, from survey.Status, responses int) []transition {
	var out []transition
	for _, to := range survey.NextStatuses(from) {
		t := transition{To: to, Possible: true}
		if err := statusBlocked(from, to, responses); err != nil {
			t.Possible = false
			if e, ok := fault.As(err); ok {
				t.Why = e.Message.In(httpx.Lang(c))
			}
		}
		out = append(out, t)
	}
	return out
}

// adminCampaignStatus changes the status from the confirmation page the
// campaign page's buttons lead to.
func (s *Site) adminCampaignStatus(c *gin.Context) {
	code, to := c.Param("code"), c.PostForm("status")
	if !confirmed(c, "/admin/campaigns/"+url.PathEscape(code)+"/status/confirm?status="+url.QueryEscape(to)) {
		return
	}
	camp, err := s.Campaigns.SetStatus(c, code, survey.Status(to), httpx.Who(c))
	if err != nil {
		s.FailOnPage(c, err, func(status int) { s.renderCampaign(c, status) })
		return
	}
	s.RedirectWithNotice(c, "/admin/campaigns/"+code, i18n.M("The campaign is now %s.", i18n.M("status:"+string(camp.Status))))
}

// adminCampaignCampaigns is what admin_campaign.go needs of campaigns.
type adminCampaignCampaigns interface {
	Campaigns(ctx context.Context, statuses ...survey.Status) ([]survey.Campaign, error)
	Create(ctx context.Context, d survey.Definition, actor audit.Actor) (*survey.Structure, error)
	SetStatus(ctx context.Context, code string, to survey.Status, actor audit.Actor) (survey.Campaign, error)
	Structure(ctx context.Context, code string) (*survey.Structure, error)
}
