package web

import (
	"context"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"pingyi/httpx"
	"pingyi/review"
	"pingyi/scoring"
	"pingyi/survey"
)

// unitDetail is one unit's full result: what the committee drills down to
// and, once published, what the unit's liaison sees.
type unitDetail struct {
	Campaign     survey.Campaign
	Unit         survey.Unit
	Category     string
	Result       scoring.UnitResult
	Groups       []groupDetail
	Indicators   []indicatorDetail
	Scale        []survey.Option
	Distribution []distributionRow
	Comments     []string
	Flags        []string
	Tier         string
	Previous     *review.PreviousUnit
	Compared     *review.Comparison
	// Where the numbers come from: RunID on the console, the published
	// Version for the liaison; Back leads to the ranking they are from.
	RunID    int64
	Version  int
	Back     string
	ChartURL string // the answers chart
	// Work holds the forms that turn a comment into work, for committee
	// members on the console; nil elsewhere.
	Work *commentWork
	// HotlineRates are the appeal rates behind the hotline score, in
	// SPEC's order, when the index has a hotline component
	// (Result.Components).
	HotlineRates []hotlineRateRow
	// Stations lists the units directly below this one and names the unit
	// above it; nil for a department without stations.
	Stations *unitStations
}

// hotlineRateRow is one appeal rate of a unit with its counts.
type hotlineRateRow struct {
	Code string
	scoring.HotlineRate
}

type groupDetail struct {
	Code, Name string
	Weight     float64
	Result     *scoring.GroupResult // nil: no response of the group counts for the unit
}

type indicatorDetail struct {
	Code, Name string
	Auxiliary  bool
	Score      *float64
}

type distributionRow struct {
	Indicator string
	Counts    []int
	Total     int
}

// unitDetailOf lays out a unit's view: its groups with their weights,
// its indicators, and the distribution of answers.
func unitDetailOf(v *review.UnitView) *unitDetail {
	st := v.Structure
	unit := st.Units[v.Unit]
	d := &unitDetail{Campaign: st.Campaign, Unit: unit, Category: st.CategoryOf(unit).Name, Scale: st.Scale,
		Result: v.Result, Comments: v.Answers.Comments, Flags: v.Flags, Tier: v.Tier, Previous: v.Previous, Compared: v.Compared}
	_, shares := st.Shares()
	for _, g := range st.Groups {
		gd := groupDetail{Code: g.Code, Name: g.Name, Weight: shares[g.Code]}
		if r, ok := d.Result.Groups[g.Code]; ok {
			gd.Result = &r
		}
		d.Groups = append(d.Groups, gd)
	}
	for i, ind := range st.Indicators {
		d.Indicators = append(d.Indicators, indicatorDetail{Code: ind.Code, Name: ind.Name, Auxiliary: ind.Auxiliary, Score: d.Result.Indicators[ind.Code]})
		row := distributionRow{Indicator: ind.Name, Counts: v.Answers.Counts[i]}
		for _, n := range row.Counts {
			row.Total += n
		}
		d.Distribution = append(d.Distribution, row)
	}
	if c := d.Result.Components; c != nil {
		for _, code := range scoring.RateCodes {
			d.HotlineRates = append(d.HotlineRates, hotlineRateRow{Code: code, HotlineRate: c.Hotline.Rates[code]})
		}
	}
	return d
}

// reviewUnit is the committee's drill-down into one unit of a run.
func (s *Site) reviewUnit(c *gin.Context) {
	code := c.Param("code")
	id, err := httpx.QueryID(c, "run")
	if err != nil {
		s.Fail(c, err)
		return
	}
	v, err := s.Review.Unit(c, code, c.Param("unit"), id)
	if err != nil {
		s.Fail(c, err)
		return
	}
	d := unitDetailOf(v)
	d.RunID, d.Back = v.Run.ID, "/review/"+code+"?run="+httpx.Itoa(v.Run.ID)
	d.ChartURL = "/review/" + url.PathEscape(code) + "/units/" + url.PathEscape(d.Unit.Code) + "/answers.svg?run=" + httpx.Itoa(v.Run.ID)
	d.Work = commentWorkOf(c, s.CSRFToken(c), code, d.Unit.Code, v.Run.ID)
	d.Stations = stationsOf(v, consoleUnitLink(code, v.Run.ID))
	s.Render(c, http.StatusOK, "review_unit", d.Unit.Name, d)
}

// liaisonUnit shows a liaison its own unit's published result in full:
// the numbers of the published run, the distribution of answers and the
// comments. Nothing is shown before publication.
func (s *Site) liaisonUnit(c *gin.Context) {
	code := c.Param("code")
	u, _ := httpx.CurrentUser(c)
	v, err := s.Review.PublishedUnit(c, code, u.Unit())
	if err != nil {
		s.Fail(c, err)
		return
	}
	d := unitDetailOf(v)
	d.Version, d.Back = v.Publication.Version, "/p/"+code
	d.ChartURL = "/liaison/" + url.PathEscape(code) + "/answers.svg"
	d.Stations = stationsOf(v, noLink)
	c.Header("Cache-Control", "private, no-store")
	s.Render(c, http.StatusOK, "liaison_unit", d.Unit.Name, d)
}

// reviewUnitReview is what review_unit.go needs of review.
type reviewUnitReview interface {
	PublishedUnit(ctx context.Context, code, unit string) (*review.UnitView, error)
	Unit(ctx context.Context, code, unit string, runID int64) (*review.UnitView, error)
}
