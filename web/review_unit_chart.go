package web

import (
	"bytes"

	"github.com/gin-gonic/gin"

	"pingyi/chart"
	"pingyi/httpx"
	"pingyi/review"
)

// unitChartRoutes serve the answers chart of a unit's drill-down: the
// committee's for a run, the liaison's for the published one.
func (s *Site) unitChartRoutes(e *gin.Engine) {
	s.On(e, "GET", "/review/:code/units/:unit/answers.svg", httpx.Overseers, httpx.RequireFreshPassword, s.reviewUnitChart)
	s.On(e, "GET", "/liaison/:code/answers.svg", httpx.Liaisons, httpx.RequireFreshPassword, s.liaisonUnitChart)
}

func (s *Site) reviewUnitChart(c *gin.Context) {
	id, err := httpx.QueryID(c, "run")
	if err != nil {
		s.Fail(c, err)
		return
	}
	v, err := s.Review.Unit(c, c.Param("code"), c.Param("unit"), id)
	s.answersChart(c, v, err)
}

func (s *Site) liaisonUnitChart(c *gin.Context) {
	u, _ := httpx.CurrentUser(c)
	v, err := s.Review.PublishedUnit(c, c.Param("code"), u.Unit())
	s.answersChart(c, v, err)
}

// answersChart draws the share of each answer per indicator, served as
// serveChart says.
func (s *Site) answersChart(c *gin.Context, v *review.UnitView, err error) {
	if err != nil {
		s.Fail(c, err)
		return
	}
	d := unitDetailOf(v)
	rows := make([]chart.Shares, len(d.Distribution))
	for i, r := range d.Distribution {
		rows[i] = chart.Shares{Label: r.Indicator, Counts: r.Counts}
	}
	uncounted := make([]bool, len(d.Scale))
	for i, o := range d.Scale {
		uncounted[i] = o.Excluded
	}
	var buf bytes.Buffer
	s.serveChart(c, &buf, chart.Distribution(&buf, rows, uncounted))
}
