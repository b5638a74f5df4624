package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/review"
	"pingyi/survey"
)

// settingsPage shows a campaign's review settings; administrators edit
// them.
type settingsPage struct {
	Campaign survey.Campaign
	Settings review.Settings
	Tiers    []review.Tier // the settings' tiers and blank rows to add more
	CanEdit  bool
}

func (s *Site) reviewSettings(c *gin.Context) {
	set, err := s.Review.Settings(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return
	}
	s.renderSettings(c, http.StatusOK, set)
}

func (s *Site) renderSettings(c *gin.Context, status int, set review.Settings) {
	camp, err := s.Campaigns.Structure(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return
	}
	u, _ := httpx.CurrentUser(c)
	p := settingsPage{Campaign: camp.Campaign, Settings: set, CanEdit: httpx.Admits(httpx.AdminOnly, u.Role), Tiers: set.Tiers}
	for len(p.Tiers) < maxTierRows {
		p.Tiers = append(p.Tiers, review.Tier{Min: -1})
	}
	s.Render(c, status, "review_settings", camp.Campaign.Name, p)
}

// maxTierRows is how many tier rows the settings form offers.
const maxTierRows = 6

func (s *Site) saveSettingsPage(c *gin.Context) {
	set, err := settingsForm(c)
	if err == nil {
		err = s.Review.SaveSettings(c, c.Param("code"), set, httpx.Who(c))
	}
	if err != nil {
		s.FailOnPage(c, err, func(status int) { s.renderSettings(c, status, set) })
		return
	}
	httpx.Redirect(c, "/review/"+c.Param("code")+"/settings")
}

// settingsForm reads the settings form; a number that does not parse is
// a problem at its field.
func settingsForm(c *gin.Context) (review.Settings, error) {
	var set review.Settings
	var problems []fault.Problem
	num := func(field string) float64 {
		x, err := strconv.ParseFloat(strings.TrimSpace(c.PostForm(field)), 64)
		if err != nil {
			problems = append(problems, fault.P(field, "must be a number"))
		}
		return x
	}
	whole := func(field string) int { return int(num(field)) }
	set.Quorum = whole("quorum")
	for i := range maxTierRows {
		name, min := strings.TrimSpace(c.PostForm("tier_name_"+strconv.Itoa(i))), strings.TrimSpace(c.PostForm("tier_min_"+strconv.Itoa(i)))
		if name == "" && min == "" {
			continue
		}
		set.Tiers = append(set.Tiers, review.Tier{Name: name, Min: num("tier_min_" + strconv.Itoa(i))})
	}
	f := &set.Flags
	f.WideInterval, f.BurstGap, f.BurstT = num("wide_interval"), num("burst_gap"), num("burst_t")
	f.BurstSize, f.BurstMinutes, f.WindowSize = whole("burst_size"), whole("burst_minutes"), whole("window_size")
	f.IdenticalCopies, f.IdenticalCells = whole("identical_copies"), whole("identical_cells")
	f.StraightUnits, f.FastSeconds = whole("straight_units"), whole("fast_seconds")
	if len(problems) > 0 {
		return set, fault.WithProblems(problems, "the review settings have %d problems", len(problems))
	}
	return set, nil
}

// reviewSettingsCampaigns is what review_settings.go needs of campaigns.
type reviewSettingsCampaigns interface {
	Structure(ctx context.Context, code string) (*survey.Structure, error)
}

// reviewSettingsReview is what review_settings.go needs of review.
type reviewSettingsReview interface {
	SaveSettings(ctx context.Context, code string, in review.Settings, actor audit.Actor) error
	Settings(ctx context.Context, code string) (review.Settings, error)
}
