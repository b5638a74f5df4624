package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/results"
	"pingyi/review"
	"pingyi/scoring"
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

func (s *Server) reviewFlags(c *gin.Context) {
	code := c.Param("code")
	st, err := s.Campaigns.Structure(c, code)
	if err != nil {
		s.fail(c, err)
		return
	}
	p := flagsPage{Campaign: st.Campaign, Names: map[string]string{}, Labels: map[string]string{}}
	if p.Run, err = s.runOrLatest(c, code, 0); err != nil {
		s.fail(c, err)
		return
	}
	if p.Report, err = s.Review.Flags(c, code, p.Run); err != nil {
		s.fail(c, err)
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
			s.fail(c, err)
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
	u, _ := currentUser(c)
	p.CanExclude = admits(committeeOnly, u.Role)
	s.page(c, http.StatusOK, "review_flags", st.Campaign.Name, p)
}

// fillRunFlags lists the run's wide intervals and units without an index.
func (p *flagsPage) fillRunFlags() error {
	units, err := unitsOf(p.Run)
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
	Form       responses.ExclusionRequest
	RefsText   string
}

type exclusionRow struct {
	responses.ExclusionRecord
	By, RevokedBy string
}

func (s *Server) reviewExclusions(c *gin.Context) { s.renderExclusions(c, http.StatusOK) }

func (s *Server) renderExclusions(c *gin.Context, status int) {
	code := c.Param("code")
	camp, err := s.Campaigns.Structure(c, code)
	if err != nil {
		s.fail(c, err)
		return
	}
	list, err := s.Responses.Exclusions(c, code)
	if err != nil {
		s.fail(c, err)
		return
	}
	names, err := s.staffBy(c, func(u account.User) string { return u.DisplayName + " (" + u.Login + ")" })
	if err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	p := exclusionsPage{Campaign: camp.Campaign, CanExclude: admits(committeeOnly, u.Role),
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
	s.page(c, status, "review_exclusions", camp.Campaign.Name, p)
}

// exclusionForm reads an exclusion from a form: refs ticked in a flag's
// list and refs typed (or pasted) into the text box, one decision.
func exclusionForm(c *gin.Context) responses.ExclusionRequest {
	refs := c.PostFormArray("refs")
	refs = append(refs, strings.Fields(c.PostForm("refs_text"))...)
	return responses.ExclusionRequest{Refs: refs, Reason: c.PostForm("reason"), Batch: c.PostForm("batch")}
}

func (s *Server) excludePage(c *gin.Context) {
	code := c.Param("code")
	if _, err := s.Responses.Exclude(c, code, exclusionForm(c), staffOf(c)); err != nil {
		s.failOnPage(c, err, func(status int) { s.renderExclusions(c, status) })
		return
	}
	redirect(c, "/review/"+code+"/exclusions")
}

func (s *Server) revokePage(c *gin.Context) {
	code := c.Param("code")
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	if err := s.Responses.RevokeExclusion(c, code, id, c.PostForm("reason"), staffOf(c)); err != nil {
		s.failOnPage(c, err, func(status int) { s.renderExclusions(c, status) })
		return
	}
	redirect(c, "/review/"+code+"/exclusions")
}

func (s *Server) revokeBatchPage(c *gin.Context) {
	code := c.Param("code")
	if _, err := s.Responses.RevokeBatch(c, code, c.PostForm("batch"), c.PostForm("reason"), staffOf(c)); err != nil {
		s.failOnPage(c, err, func(status int) { s.renderExclusions(c, status) })
		return
	}
	redirect(c, "/review/"+code+"/exclusions")
}

// settingsPage shows a campaign's review settings; administrators edit
// them.
type settingsPage struct {
	Campaign survey.Campaign
	Settings review.Settings
	Tiers    []review.Tier // the settings' tiers and blank rows to add more
	CanEdit  bool
}

func (s *Server) reviewSettings(c *gin.Context) {
	set, err := s.Review.Settings(c, c.Param("code"))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.renderSettings(c, http.StatusOK, set)
}

func (s *Server) renderSettings(c *gin.Context, status int, set review.Settings) {
	camp, err := s.Campaigns.Structure(c, c.Param("code"))
	if err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	p := settingsPage{Campaign: camp.Campaign, Settings: set, CanEdit: admits(adminOnly, u.Role), Tiers: set.Tiers}
	for len(p.Tiers) < maxTierRows {
		p.Tiers = append(p.Tiers, review.Tier{Min: -1})
	}
	s.page(c, status, "review_settings", camp.Campaign.Name, p)
}

// maxTierRows is how many tier rows the settings form offers.
const maxTierRows = 6

func (s *Server) saveSettingsPage(c *gin.Context) {
	set, err := settingsForm(c)
	if err == nil {
		err = s.Review.SaveSettings(c, c.Param("code"), set, actor(c))
	}
	if err != nil {
		s.failOnPage(c, err, func(status int) { s.renderSettings(c, status, set) })
		return
	}
	redirect(c, "/review/"+c.Param("code")+"/settings")
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

// unitsOf decodes a run's results.
func unitsOf(run *results.Run) ([]scoring.UnitResult, error) {
	var units []scoring.UnitResult
	return units, json.Unmarshal(run.Units, &units)
}
