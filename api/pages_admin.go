package api

import (
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/survey"
	"pingyi/validation"
)

func (s *Server) adminHome(c *gin.Context) {
	list, err := s.Campaigns.Campaigns(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.page(c, http.StatusOK, "admin_home", i18n.T(langOf(c), "Campaigns"), gin.H{"Campaigns": list})
}

type newCampaignData struct {
	Text     string
	Problems []fault.Problem
}

func (s *Server) newCampaignForm(c *gin.Context) {
	s.page(c, http.StatusOK, "admin_campaign_new", i18n.T(langOf(c), "New campaign"), newCampaignData{})
}

// newCampaign takes the definition pasted into the form or uploaded as a
// file, and shows every problem next to the text so it can be fixed there.
func (s *Server) newCampaign(c *gin.Context) {
	text := c.PostForm("definition")
	if fh, err := c.FormFile("file"); err == nil {
		f, err := fh.Open()
		if err != nil {
			s.fail(c, err)
			return
		}
		b, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			s.fail(c, err)
			return
		}
		text = string(b)
	}
	var d survey.Definition
	err := validation.DecodeStrict([]byte(text), &d)
	if err == nil {
		var st *survey.Structure
		if st, err = s.Campaigns.Create(c, d, actor(c)); err == nil {
			redirect(c, "/admin/campaigns/"+st.Campaign.Code)
			return
		}
	}
	s.failOnForm(c, err, func(status int, problems []fault.Problem) {
		s.page(c, status, "admin_campaign_new", i18n.T(langOf(c), "New campaign"), newCampaignData{Text: text, Problems: problems})
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
	Transitions []survey.Status
	Indicators  []shareRow
	Groups      []shareRow
	Scale       []survey.Option
	Units       []survey.Unit
	Tree        []treeCategory
	AHP         bool
	AHPCR       float64
	Collection  *collectionView
}

func (s *Server) adminCampaign(c *gin.Context) { s.renderCampaign(c, http.StatusOK) }

func (s *Server) renderCampaign(c *gin.Context, status int) {
	st, err := s.Campaigns.Structure(c, c.Param("code"))
	if err != nil {
		s.fail(c, err)
		return
	}
	weights := effectiveWeights(st)
	p := campaignPage{Campaign: st.Campaign, Transitions: survey.NextStatuses(st.Campaign.Status), Scale: st.Scale,
		Units: st.Units, AHP: st.Campaign.AHP != nil, AHPCR: st.AHPCR}
	for _, ind := range st.Indicators {
		p.Indicators = append(p.Indicators, shareRow{Code: ind.Code, Name: ind.Name, Share: weights.Indicators[ind.Code], Auxiliary: ind.Auxiliary})
	}
	for _, g := range st.Groups {
		p.Groups = append(p.Groups, shareRow{Code: g.Code, Name: g.Name, Share: weights.Groups[g.Code], OpenLink: g.OpenLink, MinSample: st.MinSampleOf(g)})
	}
	for i, units := range st.UnitsByCategory() {
		p.Tree = append(p.Tree, treeCategory{Category: st.Categories[i], Units: units})
	}
	if p.Collection, err = s.collectionOf(c, st); err != nil {
		s.fail(c, err)
		return
	}
	s.page(c, status, "admin_campaign", st.Campaign.Name, p)
}

func (s *Server) adminCampaignStatus(c *gin.Context) {
	if _, err := s.Campaigns.SetStatus(c, c.Param("code"), survey.Status(c.PostForm("status")), actor(c)); err != nil {
		s.failOnPage(c, err, func(status int) { s.renderCampaign(c, status) })
		return
	}
	redirect(c, "/admin/campaigns/"+c.Param("code"))
}

type usersPage struct {
	Users   []account.User
	Roles   []account.Role
	Created *createdUser
	Form    account.NewUser // what a refused form held
}

type createdUser struct{ Login, Password string }

func (s *Server) adminUsers(c *gin.Context) { s.usersPage(c, http.StatusOK, nil) }

func (s *Server) usersPage(c *gin.Context, status int, created *createdUser) {
	users, err := s.Accounts.List(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	p := usersPage{Users: users, Roles: account.Roles, Created: created}
	if created == nil {
		p.Form = newUserForm(c)
	}
	s.page(c, status, "admin_users", i18n.T(langOf(c), "Accounts"), p)
}

func newUserForm(c *gin.Context) account.NewUser {
	return account.NewUser{Login: c.PostForm("login"), DisplayName: c.PostForm("display_name"),
		Role: account.Role(c.PostForm("role")), UnitCode: c.PostForm("unit_code")}
}

// adminCreateUser shows the one-time password on the page it answers with
// (not after a redirect), so it is never stored anywhere to be shown again.
func (s *Server) adminCreateUser(c *gin.Context) {
	u, password, err := s.Accounts.Create(c, newUserForm(c), actor(c))
	if err != nil {
		s.failOnPage(c, err, func(status int) { s.usersPage(c, status, nil) })
		return
	}
	noStore(c)
	s.usersPage(c, http.StatusCreated, &createdUser{Login: u.Login, Password: password})
}
