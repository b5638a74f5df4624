package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/audit"
	"pingyi/httpx"
	"pingyi/survey"
)

// campaignJSON is a campaign as the API shows it: its state, and the
// definition document it can be re-created from.
type campaignJSON struct {
	Status           survey.Status     `json:"status"`
	StructureVersion int               `json:"structure_version"`
	CreatedAt        time.Time         `json:"created_at"`
	UpdatedAt        time.Time         `json:"updated_at"`
	OpenedAt         *time.Time        `json:"opened_at"`
	ClosedAt         *time.Time        `json:"closed_at"`
	Weights          weightsJSON       `json:"effective_weights"`
	Definition       survey.Definition `json:"definition"`
}

// weightsJSON shows the normalised weights actually used in scoring.
type weightsJSON struct {
	Indicators map[string]float64 `json:"indicators"`
	Groups     map[string]float64 `json:"groups"`
	AHPCR      *float64           `json:"ahp_cr,omitempty"`
}

func toCampaignJSON(st *survey.Structure) campaignJSON {
	c := st.Campaign
	return campaignJSON{Status: c.Status, StructureVersion: c.StructureVersion, CreatedAt: c.CreatedAt,
		UpdatedAt: c.UpdatedAt, OpenedAt: c.OpenedAt, ClosedAt: c.ClosedAt, Weights: effectiveWeights(st), Definition: st.Definition()}
}

// effectiveWeights normalises the main indicators' and the groups'
// weights to shares of 1, as scoring uses them.
func effectiveWeights(st *survey.Structure) weightsJSON {
	out := weightsJSON{}
	out.Indicators, out.Groups = st.Shares()
	if st.Campaign.AHP != nil {
		out.AHPCR = &st.AHPCR
	}
	return out
}

// campaignSummary is a campaign in a list.
type campaignSummary struct {
	Code   string        `json:"code"`
	Name   string        `json:"name"`
	Year   int           `json:"year"`
	Period string        `json:"period"`
	Status survey.Status `json:"status"`
}

func (s *Server) listCampaigns(c *gin.Context) {
	list, err := s.Campaigns.Campaigns(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	list = httpx.Theirs(c, list)
	out := make([]campaignSummary, len(list))
	for i, x := range list {
		out[i] = campaignSummary{Code: x.Code, Name: x.Name, Year: x.Year, Period: x.Period, Status: x.Status}
	}
	c.JSON(http.StatusOK, campaignsJSON{Campaigns: out})
}

func (s *Server) createCampaign(c *gin.Context) {
	var d survey.Definition
	if err := httpx.DecodeJSON(c, &d); err != nil {
		s.Fail(c, err)
		return
	}
	err := httpx.OwnOrganizer(c, &d)
	var st *survey.Structure
	if err == nil {
		st, err = s.Campaigns.Create(c, d, httpx.Who(c))
	}
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.Header("Location", "/api/v1/campaigns/"+st.Campaign.Code)
	c.JSON(http.StatusCreated, toCampaignJSON(st))
}

func (s *Server) getCampaign(c *gin.Context) {
	st, err := s.Campaigns.Structure(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toCampaignJSON(st))
}

func (s *Server) replaceCampaign(c *gin.Context) {
	var d survey.Definition
	if err := httpx.DecodeJSON(c, &d); err != nil {
		s.Fail(c, err)
		return
	}
	s.update(c, "campaign.replace", func(old *survey.Definition) error {
		*old = d
		return nil
	})
}

// campaignPatch holds the campaign-level fields PATCH may change; lists
// have their own endpoints.
type campaignPatch struct {
	Name        *string              `json:"name"`
	Organizer   *survey.OrganizerDef `json:"organizer"`
	Description *string              `json:"description"`
	Year        *int                 `json:"year"`
	Period      *string              `json:"period"`
	Scoring     *survey.ScoringDef   `json:"scoring"`
	AHP         *[][]float64         `json:"ahp"`
}

func (s *Server) patchCampaign(c *gin.Context) {
	var p campaignPatch
	if err := httpx.DecodeJSON(c, &p); err != nil {
		s.Fail(c, err)
		return
	}
	s.update(c, "campaign.update", func(d *survey.Definition) error {
		setIf(&d.Name, p.Name)
		setIf(&d.Organizer, p.Organizer)
		setIf(&d.Description, p.Description)
		setIf(&d.Year, p.Year)
		setIf(&d.Period, p.Period)
		if p.Scoring != nil {
			setPtr(&d.Scoring.MinSample, p.Scoring.MinSample)
			setPtr(&d.Scoring.Bootstrap, p.Scoring.Bootstrap)
			setPtr(&d.Scoring.Seed, p.Scoring.Seed)
			setPtr(&d.Scoring.TieDecimals, p.Scoring.TieDecimals)
		}
		if p.AHP != nil {
			d.AHP = *p.AHP
		}
		return nil
	})
}

func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

func setPtr[T any](dst **T, v *T) {
	if v != nil {
		*dst = v
	}
}

func (s *Server) update(c *gin.Context, action string, change func(*survey.Definition) error) {
	st, err := s.Campaigns.Update(c, c.Param("code"), httpx.Who(c), action, func(d *survey.Definition) error {
		if err := change(d); err != nil {
			return err
		}
		return httpx.OwnOrganizer(c, d) // moving a campaign to an organiser not one's own
	})
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toCampaignJSON(st))
}

type statusRequest struct {
	Status survey.Status `json:"status"`
}

func (s *Server) setCampaignStatus(c *gin.Context) {
	var req statusRequest
	if err := httpx.DecodeJSON(c, &req); err != nil {
		s.Fail(c, err)
		return
	}
	camp, err := s.Campaigns.SetStatus(c, c.Param("code"), req.Status, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, campaignSummary{Code: camp.Code, Name: camp.Name, Year: camp.Year, Period: camp.Period, Status: camp.Status})
}

type campaignsJSON struct {
	Campaigns []campaignSummary `json:"campaigns"`
}

// campaignsCampaigns is what campaigns.go needs of campaigns.
type campaignsCampaigns interface {
	Campaigns(ctx context.Context, statuses ...survey.Status) ([]survey.Campaign, error)
	Create(ctx context.Context, d survey.Definition, actor audit.Actor) (*survey.Structure, error)
	SetStatus(ctx context.Context, code string, to survey.Status, actor audit.Actor) (survey.Campaign, error)
	Structure(ctx context.Context, code string) (*survey.Structure, error)
	Update(ctx context.Context, code string, actor audit.Actor, action string, change func(*survey.Definition) error) (*survey.Structure, error)
}
