package web

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/survey"
)

type homeCampaign struct {
	Name, Organizer    string
	Units              int
	FormURL, ResultURL string
	Draw               *homeDraw // its phone draw's commitment, once planned
}

func (s *Site) homePage(c *gin.Context) {
	list, err := s.Campaigns.Campaigns(c, survey.Open, survey.Published)
	if err != nil {
		s.Fail(c, err)
		return
	}
	var open, published []homeCampaign
	for _, camp := range list {
		draw, err := s.drawOf(c, camp.Code)
		if err != nil {
			s.Fail(c, err)
			return
		}
		if camp.Status == survey.Published {
			published = append(published, homeCampaign{Name: camp.Name, ResultURL: "/p/" + camp.Code, Draw: draw})
			continue
		}
		st, err := s.Campaigns.Structure(c, camp.Code)
		if err != nil {
			s.Fail(c, err)
			return
		}
		h := homeCampaign{Name: camp.Name, Organizer: camp.Organizer, Units: len(st.Units), Draw: draw}
		if _, ok := st.OpenGroup(); ok {
			h.FormURL = "/s/" + camp.Code
		}
		open = append(open, h)
	}
	s.Render(c, http.StatusOK, "home", "", gin.H{"Open": open, "Published": published})
}

// switchLang remembers a language choice and returns to the page it was
// made on.
func (s *Site) switchLang(c *gin.Context) {
	lang := i18n.Parse(c.Param("lang"))
	s.RememberLang(c, lang)
	httpx.Redirect(c, httpx.SafeNext(c.Query("next")))
}

// publicHomeCampaigns is what public_home.go needs of campaigns.
type publicHomeCampaigns interface {
	Campaigns(ctx context.Context, statuses ...survey.Status) ([]survey.Campaign, error)
	Structure(ctx context.Context, code string) (*survey.Structure, error)
}
