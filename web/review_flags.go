package web

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

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

// reviewFlagsCampaigns is what review_flags.go needs of campaigns.
type reviewFlagsCampaigns interface {
	Structure(ctx context.Context, code string) (*survey.Structure, error)
}

// reviewFlagsReview is what review_flags.go needs of review.
type reviewFlagsReview interface {
	Flags(ctx context.Context, code string, run *results.Run) (*review.Report, error)
}

// reviewFlagsRuns is what review_flags.go needs of runs.
type reviewFlagsRuns interface {
	RunOrLatest(ctx context.Context, code string, id int64) (*results.Run, error)
}
