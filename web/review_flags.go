package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/results"
	"pingyi/review"
	"pingyi/survey"
)

// flagsPage shows the quality flags with their evidence, each with a form
// to exclude its responses as one batch.
type flagsPage struct {
	Campaign      survey.Campaign
	Run           *results.Run
	Report        *review.Report
	Names         map[string]string // unit code → name
	Labels        map[string]string // option code → label
	Wide          []wideUnit
	Insufficient  []string
	FastBatch     string
	FastRefs      []string
	StraightBatch string
	StraightRefs  []string
	CanExclude    bool
}

type wideUnit struct {
	Code, Name       string
	Low, High, Width float64
}

func (s *Site) reviewFlags(c *gin.Context) {
	code := c.Param("code")
	st, err := s.Campaigns.Structure(c, code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	p := flagsPage{Campaign: st.Campaign, Names: map[string]string{}, Labels: map[string]string{}}
	if p.Run, err = s.Runs.RunOrLatest(c, code, 0); err != nil {
		s.Fail(c, err)
		return
	}
	if p.Report, err = s.Review.Flags(c, code, p.Run); err != nil {
		s.Fail(c, err)
		return
	}
	for _, u := range st.Units {
		p.Names[u.Code] = u.Name
	}
	for _, o := range st.Scale {
		p.Labels[o.Code] = o.Label
	}
	if p.Run != nil {
		if err := p.fillRunFlags(); err != nil {
			s.Fail(c, err)
			return
		}
	}
	p.FastBatch = review.ListLabel("fast", p.Report.Fast)
	p.StraightBatch = review.ListLabel("straight", p.Report.Straight)
	for _, f := range p.Report.Fast {
		p.FastRefs = append(p.FastRefs, f.Ref)
	}
	for _, f := range p.Report.Straight {
		p.StraightRefs = append(p.StraightRefs, f.Ref)
	}
	u, _ := httpx.CurrentUser(c)
	p.CanExclude = httpx.Admits(httpx.CommitteeOnly, u.Role)
	s.Render(c, http.StatusOK, "review_flags", st.Campaign.Name, p)
}

// fillRunFlags lists the run's wide intervals and units without an index.
func (p *flagsPage) fillRunFlags() error {
	units, err := p.Run.UnitResults()
	if err != nil {
		return err
	}
	for _, u := range units {
		for _, f := range review.UnitFlags(u, p.Report.Settings.Flags) {
			switch f {
			case review.FlagWideInterval:
				p.Wide = append(p.Wide, wideUnit{Code: u.UnitCode, Name: p.Names[u.UnitCode], Low: *u.CILow, High: *u.CIHigh, Width: *u.CIHigh - *u.CILow})
			case review.FlagInsufficientSample:
				p.Insufficient = append(p.Insufficient, p.Names[u.UnitCode])
			}
		}
	}
	return nil
}

// exclusionsPage lists every exclusion, active and revoked, with forms to
// exclude by ref and to revoke.
type exclusionsPage struct {
	Campaign   survey.Campaign
	Exclusions []exclusionRow
	Batches    []string // batches with active exclusions
	CanExclude bool
	Form       survey.ExclusionRequest
	RefsText   string
}

type exclusionRow struct {
	survey.ExclusionRecord
	By, RevokedBy string
}

func (s *Site) reviewExclusions(c *gin.Context) { s.renderExclusions(c, http.StatusOK) }

func (s *Site) renderExclusions(c *gin.Context, status int) {
	code := c.Param("code")
	camp, err := s.Campaigns.Structure(c, code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	list, err := s.Responses.Exclusions(c, code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	names, err := s.Accounts.Names(c, func(u account.User) string { return u.DisplayName + " (" + u.Login + ")" })
	if err != nil {
		s.Fail(c, err)
		return
	}
	u, _ := httpx.CurrentUser(c)
	p := exclusionsPage{Campaign: camp.Campaign, CanExclude: httpx.Admits(httpx.CommitteeOnly, u.Role),
		Form: exclusionForm(c), RefsText: c.PostForm("refs_text")}
	seen := map[string]bool{}
	for _, e := range list {
		row := exclusionRow{ExclusionRecord: e, By: names[e.CreatedBy]}
		if e.RevokedBy != nil {
			row.RevokedBy = names[*e.RevokedBy]
		}
		if e.Active() && e.Batch != nil && !seen[*e.Batch] {
			seen[*e.Batch] = true
			p.Batches = append(p.Batches, *e.Batch)
		}
		p.Exclusions = append(p.Exclusions, row)
	}
	s.Render(c, status, "review_exclusions", camp.Campaign.Name, p)
}

// exclusionForm reads an exclusion from a form: refs ticked in a flag's
// list and refs typed (or pasted) into the text box, one decision.
func exclusionForm(c *gin.Context) survey.ExclusionRequest {
	refs := c.PostFormArray("refs")
	refs = append(refs, strings.Fields(c.PostForm("refs_text"))...)
	return survey.ExclusionRequest{Refs: refs, Reason: c.PostForm("reason"), Batch: c.PostForm("batch")}
}

func (s *Site) excludePage(c *gin.Context) {
	code := c.Param("code")
	if _, err := s.Responses.Exclude(c, code, exclusionForm(c), httpx.StaffOf(c)); err != nil {
		s.FailOnPage(c, err, func(status int) { s.renderExclusions(c, status) })
		return
	}
	httpx.Redirect(c, "/review/"+code+"/exclusions")
}

func (s *Site) revokePage(c *gin.Context) {
	code := c.Param("code")
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	if err := s.Responses.RevokeExclusion(c, code, id, c.PostForm("reason"), httpx.StaffOf(c)); err != nil {
		s.FailOnPage(c, err, func(status int) { s.renderExclusions(c, status) })
		return
	}
	httpx.Redirect(c, "/review/"+code+"/exclusions")
}

func (s *Site) revokeBatchPage(c *gin.Context) {
	code := c.Param("code")
	if _, err := s.Responses.RevokeBatch(c, code, c.PostForm("batch"), c.PostForm("reason"), httpx.StaffOf(c)); err != nil {
		s.FailOnPage(c, err, func(status int) { s.renderExclusions(c, status) })
		return
	}
	httpx.Redirect(c, "/review/"+code+"/exclusions")
}

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
		err = s.Review.SaveSettings(c, c.Param("code"), set, httpx.Actor(c))
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

// reviewFlagsAccounts is what review_flags.go needs of accounts.
type reviewFlagsAccounts interface {
	Names(ctx context.Context, name func(account.User) string) (map[int64]string, error)
}

// reviewFlagsCampaigns is what review_flags.go needs of campaigns.
type reviewFlagsCampaigns interface {
	Structure(ctx context.Context, code string) (*survey.Structure, error)
}

// reviewFlagsResponses is what review_flags.go needs of responses.
type reviewFlagsResponses interface {
	Exclude(ctx context.Context, code string, in survey.ExclusionRequest, by survey.Staff) (survey.ExclusionResult, error)
	Exclusions(ctx context.Context, code string) ([]survey.ExclusionRecord, error)
	RevokeBatch(ctx context.Context, code, batch, reason string, by survey.Staff) (int, error)
	RevokeExclusion(ctx context.Context, code string, id int64, reason string, by survey.Staff) error
}

// reviewFlagsReview is what review_flags.go needs of review.
type reviewFlagsReview interface {
	Flags(ctx context.Context, code string, run *results.Run) (*review.Report, error)
	SaveSettings(ctx context.Context, code string, in review.Settings, actor string) error
	Settings(ctx context.Context, code string) (review.Settings, error)
}

// reviewFlagsRuns is what review_flags.go needs of runs.
type reviewFlagsRuns interface {
	RunOrLatest(ctx context.Context, code string, id int64) (*results.Run, error)
}
