package web

import (
	"bytes"
	"context"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/appeals"
	"pingyi/chart"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/scoring"
	"pingyi/survey"
	"pingyi/tabular"
)

// publicAppealRatesAppeals is what the public rates page needs of the ledger.
type publicAppealRatesAppeals interface {
	Rates(ctx context.Context, from, to, asOf time.Time, byMonth bool) ([]appeals.UnitRates, error)
}

// publicAppealRatesCampaigns gives the units' names.
type publicAppealRatesCampaigns interface {
	RegisterUnits(ctx context.Context, codes ...string) ([]survey.RegisteredUnit, error)
}

// publicAppealRateNames are SPEC's five rates, in its order, as the query and the CSV name them.
var publicAppealRateNames = []string{"response", "on_time", "resolution", "satisfaction", "settled"}

// publicAppealPeriod is the period a reader chose: a month (YYYY-MM), or from and
// to (dates, both included), in China time.
type publicAppealPeriod struct {
	Month, From, To string // as the reader wrote them, for the form
	start, end      time.Time
	Label           string
	query           url.Values // the period, for the chart and the CSV
}

// parsePublicAppealPeriod reads ?month= or ?from=&to=; with neither, the last full month.
func parsePublicAppealPeriod(c *gin.Context, now time.Time) (publicAppealPeriod, error) {
	p := publicAppealPeriod{Month: c.Query("month"), From: c.Query("from"), To: c.Query("to")}
	if p.From != "" || p.To != "" {
		var problems []fault.Problem
		from, err1 := time.ParseInLocation("2006-01-02", p.From, i18n.China)
		if err1 != nil {
			problems = append(problems, fault.P("from", "%q is not a date (write it as 2026-10-09)", p.From))
		}
		to, err2 := time.ParseInLocation("2006-01-02", p.To, i18n.China)
		if err2 != nil {
			problems = append(problems, fault.P("to", "%q is not a date (write it as 2026-10-09)", p.To))
		}
		if len(problems) == 0 && to.Before(from) {
			problems = append(problems, fault.P("to", "the period must end after it starts"))
		}
		if len(problems) == 0 && to.Sub(from) > 3*366*24*time.Hour {
			problems = append(problems, fault.P("to", "a period is at most three years"))
		}
		if len(problems) > 0 {
			return p, fault.WithProblems(problems, "the period cannot be shown")
		}
		p.Month, p.start, p.end = "", from, to.AddDate(0, 0, 1)
		p.Label = p.From + " – " + p.To
		p.query = url.Values{"from": {p.From}, "to": {p.To}}
		return p, nil
	}
	if p.Month == "" {
		d := now.In(i18n.China)
		p.Month = time.Date(d.Year(), d.Month()-1, 1, 0, 0, 0, 0, i18n.China).Format("2006-01")
	}
	m, err := time.ParseInLocation("2006-01", p.Month, i18n.China)
	if err != nil {
		return p, fault.WithProblems([]fault.Problem{fault.P("month", "%q is not a month (write it as 2026-10)", p.Month)},
			"the period cannot be shown")
	}
	p.start, p.end = m, m.AddDate(0, 1, 0)
	p.Label, p.query = p.Month, url.Values{"month": {p.Month}}
	return p, nil
}

// publicAppealRateCell is one rate with its counts, as the page and the CSV show it.
type publicAppealRateCell struct {
	Name     string
	Num, Den int64
	Value    *float64
}

// publicAppealRateRow is one unit's line.
type publicAppealRateRow struct {
	Code, Name string
	Level      int // 1 for a department, 2–4 for its stations
	Cases      int64
	Rates      []publicAppealRateCell
}

type publicAppealRatesPage struct {
	Period    publicAppealPeriod
	Rows      []publicAppealRateRow
	RateNames []string
	Rate      string // the rate the chart shows
	CSVURL    template.URL
	ChartURL  template.URL
	Problems  []fault.Problem
}

// publicAppealRates is the public monthly page of the rates by unit: counts and
// shares only, never a case's content or anyone's contact.
func (s *Site) publicAppealRates(c *gin.Context) {
	page := publicAppealRatesPage{RateNames: publicAppealRateNames, Rate: publicAppealChartRate(c)}
	period, err := parsePublicAppealPeriod(c, time.Now())
	page.Period = period
	if err == nil {
		page.Rows, err = s.publicAppealRateRows(c, period)
		page.CSVURL = template.URL("/appeals/rates.csv?" + period.query.Encode())
		q := url.Values{"rate": {page.Rate}}
		for k, v := range period.query {
			q[k] = v
		}
		page.ChartURL = template.URL("/appeals/rates/chart.svg?" + q.Encode())
	}
	if err != nil {
		s.FailOnForm(c, err, func(status int, problems []fault.Problem) {
			page.Problems = problems
			s.Render(c, status, "appeal_rates", i18n.T(httpx.Lang(c), "Appeals: rates by unit"), page)
		})
		return
	}
	c.Header("Cache-Control", cachePage)
	s.Render(c, http.StatusOK, "appeal_rates", i18n.T(httpx.Lang(c), "Appeals: rates by unit"), page)
}

func publicAppealChartRate(c *gin.Context) string {
	r := c.Query("rate")
	for _, n := range publicAppealRateNames {
		if n == r {
			return r
		}
	}
	return "satisfaction"
}

// publicAppealRateRows computes the rates over the period as of now, with the units'
// names and levels, in the register's order of codes.
func (s *Site) publicAppealRateRows(ctx context.Context, p publicAppealPeriod) ([]publicAppealRateRow, error) {
	rates, err := s.Appeals.Rates(ctx, p.start.UTC(), p.end.UTC(), time.Now(), false)
	if err != nil {
		return nil, err
	}
	units, err := s.Campaigns.RegisterUnits(ctx)
	if err != nil {
		return nil, err
	}
	byCode := map[string]survey.RegisteredUnit{}
	for _, u := range units {
		byCode[u.Code] = u
	}
	level := func(code string) int {
		n := 1
		for u := byCode[code]; u.Parent != "" && n < 4; u = byCode[u.Parent] {
			n++
		}
		return n
	}
	out := make([]publicAppealRateRow, len(rates))
	for i, r := range rates {
		name := byCode[r.Unit].Name
		if name == "" {
			name = r.Unit
		}
		out[i] = publicAppealRateRow{Code: r.Unit, Name: name, Level: level(r.Unit), Cases: r.Cases}
		for j, x := range []appeals.Rate{r.Response, r.OnTime, r.Resolution, r.Satisfaction, r.Settled} {
			out[i].Rates = append(out[i].Rates, publicAppealRateCell{Name: publicAppealRateNames[j], Num: x.Num, Den: x.Den, Value: x.Value})
		}
	}
	return out, nil
}

// publicAppealRatesOf reads the period of a download and computes its
// rows, or answers the request with the refusal.
func (s *Site) publicAppealRatesOf(c *gin.Context) (publicAppealPeriod, []publicAppealRateRow, bool) {
	period, err := parsePublicAppealPeriod(c, time.Now())
	var rows []publicAppealRateRow
	if err == nil {
		rows, err = s.publicAppealRateRows(c, period)
	}
	if err != nil {
		s.Fail(c, err)
		return period, nil, false
	}
	return period, rows, true
}

// publicAppealRatesCSV is the page's table as a CSV, written with the staff
// export's writer so that no cell can run as a formula in a spreadsheet.
func (s *Site) publicAppealRatesCSV(c *gin.Context) {
	period, rows, ok := s.publicAppealRatesOf(c)
	if !ok {
		return
	}
	lang := httpx.Lang(c)
	var buf bytes.Buffer
	w, err := tabular.NewStaffExport(&buf, tabular.CSV)
	if err != nil {
		s.Fail(c, err)
		return
	}
	header := []string{i18n.T(lang, "Unit code"), i18n.T(lang, "Unit"), i18n.T(lang, "Appeal cases")}
	for _, n := range publicAppealRateNames {
		name := i18n.T(lang, "appeal_rate:"+n)
		header = append(header, name+" "+i18n.T(lang, "numerator"), name+" "+i18n.T(lang, "denominator"), name+" (%)")
	}
	if err := w.Write(header); err != nil {
		s.Fail(c, err)
		return
	}
	for _, r := range rows {
		line := []string{r.Code, r.Name, strconv.FormatInt(r.Cases, 10)}
		for _, x := range r.Rates {
			v := ""
			if x.Value != nil {
				v = scoring.FormatRounded(100**x.Value, 2)
			}
			line = append(line, strconv.FormatInt(x.Num, 10), strconv.FormatInt(x.Den, 10), v)
		}
		if err := w.Write(line); err != nil {
			s.Fail(c, err)
			return
		}
	}
	if err := w.Close(); err != nil {
		s.Fail(c, err)
		return
	}
	name := "appeal-rates-" + period.Month
	if period.Month == "" {
		name = "appeal-rates-" + period.From + "-" + period.To
	}
	c.Header("Content-Disposition", `attachment; filename="`+name+`.csv"`)
	c.Header("Cache-Control", cachePage)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// publicAppealRatesChart draws one rate of every unit that has cases in its
// denominator: the share as a dot, its 95% Wilson interval as a bar, so a
// unit of three cases is not read like one of three hundred.
func (s *Site) publicAppealRatesChart(c *gin.Context) {
	_, rows, ok := s.publicAppealRatesOf(c)
	if !ok {
		return
	}
	rate := publicAppealChartRate(c)
	var points []chart.Row
	for _, r := range rows {
		for _, x := range r.Rates {
			if x.Name == rate && x.Den > 0 {
				lo, hi := wilsonInterval(x.Num, x.Den)
				points = append(points, chart.Row{Label: r.Name, Index: 100 * *x.Value, Low: 100 * lo, High: 100 * hi})
			}
		}
	}
	var buf bytes.Buffer
	if err := chart.Intervals(&buf, points, i18n.T(httpx.Lang(c), "appeal_rate:"+rate)+" (%)"); err != nil {
		s.Fail(c, err)
		return
	}
	c.Header("Cache-Control", cachePage)
	c.Data(http.StatusOK, "image/svg+xml", buf.Bytes())
}

// wilsonInterval is the 95% Wilson score interval of num successes in den trials.
func wilsonInterval(num, den int64) (float64, float64) {
	const z = 1.959963984540054
	n, p := float64(den), float64(num)/float64(den)
	centre := (p + z*z/(2*n)) / (1 + z*z/n)
	half := z / (1 + z*z/n) * math.Sqrt(p*(1-p)/n+z*z/(4*n*n))
	return math.Max(0, centre-half), math.Min(1, centre+half)
}
