package web

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/results"
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
	RunID   int64
	Version int
	Back    string
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

// unitDetailOf assembles a unit's detail from a run's results and the
// answers and comments of the responses that counted at asOf.
func (s *Site) unitDetailOf(c *gin.Context, st *survey.Structure, unitCode string, run *results.Run, asOf time.Time) (*unitDetail, error) {
	units, err := unitsOf(run)
	if err != nil {
		return nil, err
	}
	pos, ok := st.UnitIndex(unitCode)
	if !ok {
		return nil, fault.NotFoundf("campaign %q has no unit %q", st.Campaign.Code, unitCode)
	}
	d := &unitDetail{Campaign: st.Campaign, Unit: st.Units[pos], Category: st.CategoryOf(st.Units[pos]).Name, Scale: st.Scale}
	for _, u := range units {
		if u.UnitCode == unitCode {
			d.Result = u
		}
	}
	_, shares := st.Shares()
	for _, g := range st.Groups {
		gd := groupDetail{Code: g.Code, Name: g.Name, Weight: shares[g.Code]}
		if r, ok := d.Result.Groups[g.Code]; ok {
			gd.Result = &r
		}
		d.Groups = append(d.Groups, gd)
	}
	answers, err := s.Responses.AnswersAbout(c, st, pos, asOf)
	if err != nil {
		return nil, err
	}
	for i, ind := range st.Indicators {
		d.Indicators = append(d.Indicators, indicatorDetail{Code: ind.Code, Name: ind.Name, Auxiliary: ind.Auxiliary, Score: d.Result.Indicators[ind.Code]})
		row := distributionRow{Indicator: ind.Name, Counts: answers.Counts[i]}
		for _, n := range row.Counts {
			row.Total += n
		}
		d.Distribution = append(d.Distribution, row)
	}
	d.Comments = answers.Comments
	return d, nil
}

// reviewUnit is the committee's drill-down into one unit of a run.
func (s *Site) reviewUnit(c *gin.Context) {
	code := c.Param("code")
	st, err := s.Campaigns.Structure(c, code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	id, err := httpx.QueryID(c, "run")
	if err != nil {
		s.Fail(c, err)
		return
	}
	run, err := s.Runs.RunOrLatest(c, code, id)
	if err == nil && run == nil {
		err = fault.NotFoundf("campaign %q has no score run yet", code)
	}
	if err != nil {
		s.Fail(c, err)
		return
	}
	d, err := s.unitDetailOf(c, st, c.Param("unit"), run, run.CreatedAt)
	if err != nil {
		s.Fail(c, err)
		return
	}
	d.RunID, d.Back = run.ID, "/review/"+code+"?run="+httpx.Itoa(run.ID)
	report, err := s.Review.Flags(c, code, run)
	if err != nil {
		s.Fail(c, err)
		return
	}
	d.Flags = report.Units[d.Unit.Code]
	_, prevPub, prevContent, err := s.Review.Previous(c, st.Campaign)
	if err != nil {
		s.Fail(c, err)
		return
	}
	if prevContent != nil {
		d.Compared = &review.Comparison{Campaign: prevContent.Campaign.Code, Name: prevContent.Campaign.Name, Version: prevPub.Version}
		for _, u := range prevContent.Units {
			if u.UnitCode == d.Unit.Code {
				d.Previous = review.Change(u.Index, u.Rank, d.Result.Index, d.Result.Rank)
			}
		}
	}
	s.Render(c, http.StatusOK, "review_unit", d.Unit.Name, d)
}

// liaisonUnit shows a liaison its own unit's published result in full:
// the numbers of the published run, the distribution of answers and the
// comments. Nothing is shown before publication.
func (s *Site) liaisonUnit(c *gin.Context) {
	code := c.Param("code")
	u, _ := httpx.CurrentUser(c)
	pub, content, err := s.Review.Get(c, code, 0)
	if err != nil {
		s.Fail(c, err)
		return
	}
	st, err := s.Campaigns.Structure(c, code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	run, err := s.Review.RunOf(c, code, pub)
	if err != nil {
		s.Fail(c, err)
		return
	}
	d, err := s.unitDetailOf(c, st, u.Unit(), run, pub.PublishedAt)
	if err != nil {
		s.Fail(c, err)
		return
	}
	d.Version, d.Back, d.Compared = pub.Version, "/p/"+code, content.Comparison
	for _, pu := range content.Units {
		if pu.UnitCode == d.Unit.Code {
			d.Tier, d.Previous = pu.Tier, pu.Previous
		}
	}
	c.Header("Cache-Control", "private, no-store")
	s.Render(c, http.StatusOK, "liaison_unit", d.Unit.Name, d)
}

// reviewUnitCampaigns is what review_unit.go needs of campaigns.
type reviewUnitCampaigns interface {
	Structure(ctx context.Context, code string) (*survey.Structure, error)
}

// reviewUnitResponses is what review_unit.go needs of responses.
type reviewUnitResponses interface {
	AnswersAbout(ctx context.Context, st *survey.Structure, unit int, asOf time.Time) (survey.UnitAnswers, error)
}

// reviewUnitReview is what review_unit.go needs of review.
type reviewUnitReview interface {
	Flags(ctx context.Context, code string, run *results.Run) (*review.Report, error)
	Get(ctx context.Context, code string, version int) (*review.Publication, *review.Content, error)
	Previous(ctx context.Context, c survey.Campaign) (*survey.Campaign, *review.Publication, *review.Content, error)
	RunOf(ctx context.Context, code string, p *review.Publication) (*results.Run, error)
}

// reviewUnitRuns is what review_unit.go needs of runs.
type reviewUnitRuns interface {
	RunOrLatest(ctx context.Context, code string, id int64) (*results.Run, error)
}
