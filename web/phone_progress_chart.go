package web

import (
	"bytes"
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/chart"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/phone"
)

// phoneChartRoutes serve the progress page's charts: each stratum's
// completes against its quota, and the calls made per day.
func (s *Site) phoneChartRoutes(admin *gin.RouterGroup) {
	p := "/campaigns/:code/phone"
	s.On(admin, "GET", p+"/quotas.svg", httpx.Overseers, s.phoneQuotaChart)
	s.On(admin, "GET", p+"/calls.svg", httpx.Overseers, s.phoneCallsChart)
}

func (s *Site) phoneQuotaChart(c *gin.Context) {
	code := c.Param("code")
	st, err := s.Campaigns.Structure(c, code)
	var p phone.Progress
	if err == nil {
		p, err = s.Phone.Progress(c, code)
	}
	if err != nil {
		s.Fail(c, err)
		return
	}
	names := phone.StratumNames(st, httpx.Lang(c))
	rows := make([]chart.Pair, len(p.Units))
	for i, u := range p.Units {
		rows[i] = chart.Pair{Label: u.Stratum.Stratum + " " + names[u.Stratum.Stratum], Part: u.Completes, Whole: u.Quota}
	}
	var buf bytes.Buffer
	s.serveChart(c, &buf, chart.Quotas(&buf, rows, i18n.T(httpx.Lang(c), "Completes")))
}

func (s *Site) phoneCallsChart(c *gin.Context) {
	days, err := s.Phone.CallsPerDay(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return
	}
	var buf bytes.Buffer
	s.serveChart(c, &buf, chart.Daily(&buf, callPairs(days), i18n.T(httpx.Lang(c), "Calls")))
}

func callPairs(days []phone.CallDay) []chart.Pair {
	out := make([]chart.Pair, len(days))
	for i, d := range days {
		out[i] = chart.Pair{Label: d.Day, Part: d.Completes, Whole: d.Attempts}
	}
	return out
}

// serveChart answers a staff chart drawn into buf. Like the public chart
// it is an image under its own policy, since gonum/plot styles the SVG
// inline, which the pages' policy forbids; it is private to who asked.
func (s *Site) serveChart(c *gin.Context, buf *bytes.Buffer, drawn error) {
	if drawn != nil {
		s.Fail(c, drawn)
		return
	}
	c.Header("Cache-Control", "private, no-store")
	c.Header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'")
	c.Data(http.StatusOK, "image/svg+xml", buf.Bytes())
}

// phoneProgressChartPhone is what phone_progress_chart.go needs of phone.
type phoneProgressChartPhone interface {
	CallsPerDay(ctx context.Context, code string) ([]phone.CallDay, error)
	Progress(ctx context.Context, code string) (phone.Progress, error)
}
