package httpx

import (
	"context"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/fault"
	"pingyi/survey"
)

// CampaignOwners says which organiser a campaign belongs to; survey.Store
// is the one.
type CampaignOwners interface {
	OrganizerOf(ctx context.Context, campaignCode string) (string, error)
}

// campaignInScope refuses, as not found, a campaign in the path that is
// not the caller's organisers'.
func (s *Server) campaignInScope(c *gin.Context, u account.User) error {
	return s.campaignSeen(c, u, c.Param("code"))
}

// UnitTaskSeen is a liaison's read of a task of their unit, refused as
// not found when the task's campaign is another organiser's: unit codes
// repeat across organisers, and a task's id alone names no campaign.
func (s *Server) UnitTaskSeen(c *gin.Context, campaignCode string, id int64, err error) error {
	if err != nil {
		if fault.Is(err, fault.Forbidden) {
			return fault.NotFoundf("there is no rectification task %d", id)
		}
		return err
	}
	u, _ := CurrentUser(c)
	if err := s.campaignSeen(c, u, campaignCode); err != nil {
		if fault.Is(err, fault.NotFound) {
			return fault.NotFoundf("there is no rectification task %d", id)
		}
		return err
	}
	return nil
}

func (s *Server) campaignSeen(c *gin.Context, u account.User, code string) error {
	if code == "" || s.Owners == nil {
		return nil
	}
	org, err := s.Owners.OrganizerOf(c, code)
	if fault.Is(err, fault.NotFound) {
		return nil // the handler says so, after its own checks (a form's token first)
	}
	if err != nil {
		return err
	}
	if !u.Sees(org) {
		return fault.NotFoundf("no campaign %q", code)
	}
	return nil
}

// Theirs keeps, of a list of campaigns, those the signed-in account sees:
// its organisers' and those under them. Every staff list of campaigns
// passes through it.
func Theirs(c *gin.Context, list []survey.Campaign) []survey.Campaign {
	u, _ := CurrentUser(c)
	out := make([]survey.Campaign, 0, len(list))
	for _, camp := range list {
		if u.Sees(camp.OrganizerCode) {
			out = append(out, camp)
		}
	}
	return out
}

// OwnOrganizer refuses a definition whose organiser the signed-in account
// does not cover: an administrator creates campaigns for its organisers
// only (the command line, for any).
func OwnOrganizer(c *gin.Context, d *survey.Definition) error {
	u, _ := CurrentUser(c)
	if code := d.Organizer.CodeOr(); !u.Sees(code) {
		return fault.WithProblems([]fault.Problem{fault.P("organizer.code", "organiser %q is not one of yours: your account covers %s", code, strings.Join(u.Covers, ", "))},
			"the campaign definition has %d problems", 1)
	}
	return nil
}
