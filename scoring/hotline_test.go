package scoring

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"
)

// hotlineConfig: three units of one category, one main indicator, one
// group counted from one response, and a hotline component weighing 0.2
// against the survey's 0.8 (SPEC's example weights).
func hotlineConfig() Config {
	return Config{
		Units:       []Unit{{Code: "A1", Category: "c"}, {Code: "A2", Category: "c"}, {Code: "A3", Category: "c"}},
		Indicators:  []Indicator{{Code: "i", Weight: 1}},
		Options:     []Option{{Code: "A", Score: 100, Satisfied: true}, {Code: "B", Score: 80, Satisfied: true}, {Code: "D", Score: 0}},
		Groups:      []Group{{Code: "public", Weight: 1, MinSample: 1}},
		TieDecimals: 2,
		Hotline: &Hotline{
			Survey: 0.8, Hotline: 0.2,
			Weights:  [nRates]float64{RateResponse: 0.1, RateOnTime: 0.3, RateResolution: 0.3, RateSatisfaction: 0.3},
			MinCases: 20, MinRateN: 5,
			Units: []HotlineCounts{
				{Cases: 40, Rates: [nRates]RateCount{{38, 40}, {30, 36}, {27, 36}, {20, 25}, {2, 3}}},
				{Cases: 30, Rates: [nRates]RateCount{{30, 30}, {28, 30}, {27, 30}, {3, 4}, {0, 0}}},
				{Cases: 10, Rates: [nRates]RateCount{{10, 10}, {10, 10}, {10, 10}, {10, 10}, {0, 0}}},
			},
		},
	}
}

// Two responses: A1 rated 100 and 80 (S = 90, SE 10), A2 80 and 80 (S = 80,
// SE 0), A3 80 and 100 (S = 90, SE 10).
func hotlineResponses() []Response {
	const a, b = 0, 1
	return []Response{
		resp("r1", 0, 1, rate(0, 0, a), rate(1, 0, b), rate(2, 0, b)),
		resp("r2", 0, 1, rate(0, 0, b), rate(1, 0, b), rate(2, 0, a)),
	}
}

func isNear(got *float64, want float64) bool {
	return got != nil && math.Abs(*got-want) <= 1e-12*math.Max(1, math.Abs(want))
}

func TestHotlineComponentByHand(t *testing.T) {
	res := mustRun(t, hotlineConfig(), hotlineResponses())
	a1, a2, a3 := res.Units[0], res.Units[1], res.Units[2]

	// A1: H = 100 (0.1·38/40 + 0.3·30/36 + 0.3·27/36 + 0.3·20/25) / 1.0 = 81
	// (settled has weight 0); I = 0.8·90 + 0.2·81 = 88.2; SE = 0.8·10 = 8.
	c := a1.Components
	if c == nil || !isNear(c.Hotline.Score, 81) || !isNear(c.Survey.Index, 90) || !isNear(c.Survey.SE, 10) ||
		c.Survey.Weight != 0.8 || c.Hotline.Weight != 0.2 || c.Hotline.Cases != 40 {
		t.Fatalf("A1 components = %+v", c)
	}
	if !isNear(a1.Index, 88.2) || !isNear(a1.SE, 8) || !isNear(a1.CILow, 88.2-1.959964*8) || !isNear(a1.CIHigh, 88.2+1.959964*8) {
		t.Errorf("A1 index %v ± %v [%v, %v], want 88.2 ± 8", *a1.Index, *a1.SE, *a1.CILow, *a1.CIHigh)
	}
	settled := c.Hotline.Rates["settled"]
	if !isNear(settled.Rate, 2.0/3) || settled.Numerator != 2 || settled.Denominator != 3 || settled.Counted || settled.Weight != 0 {
		t.Errorf("A1 settled = %+v, want 2/3, not counted (weight 0, denominator below 5)", settled)
	}
	if r := c.Hotline.Rates["on_time"]; !isNear(r.Rate, 30.0/36) || !r.Counted || r.Weight != 0.3 {
		t.Errorf("A1 on_time = %+v", r)
	}

	// A2: satisfaction's denominator 4 is below min_rate_n 5, so H = 100
	// (0.1·1 + 0.3·28/30 + 0.3·27/30) / 0.7 = 92.857142857142…; I = 0.8·80
	// + 0.2·H = 82.571428571428…, SE 0.
	if !isNear(a2.Components.Hotline.Score, 65.0/0.7) || !isNear(a2.Index, 64+0.2*65/0.7) || !isNear(a2.SE, 0) {
		t.Errorf("A2 hotline %v, index %v, want 92.857142857 and 82.571428571", *a2.Components.Hotline.Score, *a2.Index)
	}
	if r := a2.Components.Hotline.Rates["satisfaction"]; r.Counted || !isNear(r.Rate, 0.75) {
		t.Errorf("A2 satisfaction = %+v, want 0.75, not counted", r)
	}
	if r := a2.Components.Hotline.Rates["settled"]; r.Rate != nil || r.Counted {
		t.Errorf("A2 settled = %+v, want null (no reviewed case)", r)
	}

	// A3: 10 cases, below min_cases 20: judged by the survey alone.
	if !isNear(a3.Index, 90) || !isNear(a3.SE, 10) || a3.Components.Hotline.Score != nil ||
		a3.Components.Survey.Weight != 1 || a3.Components.Hotline.Weight != 0 || !slices.Equal(a3.Flags, []string{FlagNoHotline}) {
		t.Errorf("A3 = index %v, SE %v, components %+v, flags %v; want the survey's 90 ± 10, flagged no_hotline", *a3.Index, *a3.SE, a3.Components, a3.Flags)
	}
	for _, u := range []UnitResult{a1, a2} {
		if len(u.Flags) != 0 {
			t.Errorf("%s flags %v, want none", u.UnitCode, u.Flags)
		}
	}
	// The satisfaction rate stays the survey's: every rating satisfied.
	if *a1.SatisfactionRate != 1 || *a2.SatisfactionRate != 1 {
		t.Errorf("satisfaction rates %v, %v, want the survey's 1", *a1.SatisfactionRate, *a2.SatisfactionRate)
	}
	// Ranked by I: A3 90, A1 88.2, A2 82.57 (by S alone A1 and A3 would tie).
	if *a3.Rank != 1 || *a1.Rank != 2 || *a2.Rank != 3 {
		t.Errorf("ranks A1 %d, A2 %d, A3 %d; want 2, 3, 1", *a1.Rank, *a2.Rank, *a3.Rank)
	}
}

func TestHotlineScoreMinRateN(t *testing.T) {
	h := hotlineConfig().Hotline
	a2 := h.Units[1]
	h.MinRateN = 4 // satisfaction (3 of 4) now counts: 100 (0.1 + 0.28 + 0.27 + 0.225) = 87.5
	if got, ok := h.HotlineScore(a2); !ok || math.Abs(got-87.5) > 1e-12 {
		t.Errorf("min_rate_n 4: H = %v, %v; want 87.5", got, ok)
	}
	h.MinRateN = 31 // no denominator reaches 31: no score, whatever the 30 cases
	if got, ok := h.HotlineScore(a2); ok {
		t.Errorf("min_rate_n 31: H = %v, want none", got)
	}
	h.MinRateN, h.MinCases = 5, 31
	if got, ok := h.HotlineScore(a2); ok {
		t.Errorf("min_cases 31: H = %v for 30 cases, want none", got)
	}
}

// In every replicate the units are ranked by I_u with H_u fixed. X's
// responses all give 100 and Y's all 80, so S never moves; the hotline
// (X 0, Y 100) puts Y first in every replicate: 0.8·80 + 0.2·100 = 84 >
// 0.8·100 + 0.2·0 = 80. Ranked by S, X would be first in every one.
func TestBootstrapRanksByTheCompositeIndex(t *testing.T) {
	cfg := hotlineConfig()
	cfg.Units = cfg.Units[:2]
	cfg.Bootstrap, cfg.Seed = 200, 11
	cfg.Hotline.Units = []HotlineCounts{
		{Cases: 50, Rates: [nRates]RateCount{{0, 50}, {0, 50}, {0, 50}, {0, 50}, {0, 0}}},
		{Cases: 50, Rates: [nRates]RateCount{{50, 50}, {50, 50}, {50, 50}, {50, 50}, {0, 0}}},
	}
	var rs []Response
	for _, ref := range []string{"r1", "r2", "r3", "r4", "r5"} {
		rs = append(rs, resp(ref, 0, 1, rate(0, 0, 0), rate(1, 0, 1)))
	}
	res := mustRun(t, cfg, rs)
	x, y := res.Units[0], res.Units[1]
	if !isNear(x.Index, 80) || !isNear(y.Index, 84) {
		t.Fatalf("indices X %v, Y %v; want 80 and 84", *x.Index, *y.Index)
	}
	if *y.Rank != 1 || *y.RankLow != 1 || *y.RankHigh != 1 || *x.RankLow != 2 || *x.RankHigh != 2 {
		t.Errorf("Y rank %d [%d, %d], X [%d, %d]; want Y 1 and X 2 in every replicate", *y.Rank, *y.RankLow, *y.RankHigh, *x.RankLow, *x.RankHigh)
	}
	cfg.Hotline = nil
	res = mustRun(t, cfg, rs)
	if *res.Units[0].RankHigh != 1 || *res.Units[1].RankLow != 2 {
		t.Errorf("without the hotline X should be first in every replicate: %+v", res.Units)
	}
}

func TestHotlineCountsEnterTheDigest(t *testing.T) {
	rs := hotlineResponses()
	withHotline := mustRun(t, hotlineConfig(), rs).InputDigest
	cfg := hotlineConfig()
	cfg.Hotline.Units[2].Rates[RateSettled] = RateCount{1, 1}
	if mustRun(t, cfg, rs).InputDigest == withHotline {
		t.Error("changing a unit's appeal counts leaves the digest as it was")
	}
	cfg = hotlineConfig()
	cfg.Hotline.MinRateN = 6
	if mustRun(t, cfg, rs).InputDigest == withHotline {
		t.Error("changing min_rate_n leaves the digest as it was")
	}
	cfg.Hotline = nil
	if mustRun(t, cfg, rs).InputDigest == withHotline {
		t.Error("the digest with a hotline component is the one without")
	}
}

func TestComponentsJSONShape(t *testing.T) {
	res := mustRun(t, hotlineConfig(), hotlineResponses())
	out, err := json.Marshal(res.Units[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"components":{"survey":{"index":90,"se":10,"weight":0.8},"hotline":{"score":81,"weight":0.2,"cases":40,"rates":{`,
		`"on_time":{"rate":0.8333333333333334,"numerator":30,"denominator":36,"weight":0.3,"counted":true}`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("unit JSON lacks %s:\n%s", want, out)
		}
	}
	cfg := hotlineConfig()
	cfg.Hotline = nil
	out, _ = json.Marshal(mustRun(t, cfg, hotlineResponses()).Units[0])
	if strings.Contains(string(out), "components") {
		t.Errorf("a run without a hotline component reports components: %s", out)
	}
}

func TestHotlineConfigurationChecked(t *testing.T) {
	cfg := hotlineConfig()
	cfg.Hotline.Survey = 0
	cfg.Hotline.Weights = [nRates]float64{}
	cfg.Hotline.MinRateN = 0
	cfg.Hotline.Units = cfg.Hotline.Units[:2]
	_, err := Run(cfg, sliceSeq(hotlineResponses()))
	if err == nil {
		t.Fatal("a bad hotline configuration was accepted")
	}
	for _, want := range []string{"component survey", "at least one rate", "min_rate_n 0", "counts for 2 units"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	cfg = hotlineConfig()
	cfg.Hotline.Units[0].Rates[RateOnTime] = RateCount{37, 36}
	if _, err := Run(cfg, sliceSeq(hotlineResponses())); err == nil || !strings.Contains(err.Error(), "37 of 36") {
		t.Errorf("a numerator above its denominator: %v", err)
	}
}

func TestWriteCSVShowsBothComponents(t *testing.T) {
	cfg := hotlineConfig()
	var buf strings.Builder
	if err := WriteCSV(&buf, cfg, mustRun(t, cfg, hotlineResponses())); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if !strings.HasSuffix(lines[0], "indicator.i,survey.index,survey.se,survey.weight,hotline.score,hotline.weight,hotline.cases,"+
		"hotline.response.rate,hotline.response.numerator,hotline.response.denominator,hotline.response.counted,"+
		"hotline.on_time.rate,hotline.on_time.numerator,hotline.on_time.denominator,hotline.on_time.counted,"+
		"hotline.resolution.rate,hotline.resolution.numerator,hotline.resolution.denominator,hotline.resolution.counted,"+
		"hotline.satisfaction.rate,hotline.satisfaction.numerator,hotline.satisfaction.denominator,hotline.satisfaction.counted,"+
		"hotline.settled.rate,hotline.settled.numerator,hotline.settled.denominator,hotline.settled.counted") {
		t.Errorf("header %s", lines[0])
	}
	if !strings.HasPrefix(lines[1], "A1,c,88.2000,8.0000,72.5203,103.8797,") ||
		!strings.HasSuffix(lines[1], ",90.0000,10.0000,0.8000,81.0000,0.2000,40,0.9500,38,40,true,0.8333,30,36,true,0.7500,27,36,true,0.8000,20,25,true,0.6667,2,3,false") {
		t.Errorf("A1 row %s", lines[1])
	}
	if !strings.HasSuffix(lines[3], ",no_hotline,90.0000,10.0000,2,1.0000,true,90.0000,90.0000,10.0000,1.0000,,0.0000,10,"+
		"1.0000,10,10,false,1.0000,10,10,false,1.0000,10,10,false,1.0000,10,10,false,,0,0,false") {
		t.Errorf("A3 row (no hotline score) %s", lines[3])
	}
}

// The terminal table of a run with a hotline component names the composite
// and shows the survey index and the hotline score beside it.
func TestWriteTableShowsBothComponents(t *testing.T) {
	cfg := hotlineConfig()
	var buf strings.Builder
	if err := WriteTable(&buf, mustRun(t, cfg, hotlineResponses()), map[string]string{"c": "类"}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	if f := strings.Fields(lines[1]); !slices.Equal(f[:5], []string{"排名", "单位", "综合指数", "调查指数", "热线得分"}) {
		t.Errorf("header %q", lines[1])
	}
	// A1: 88.2 = 0.8·90 + 0.2·81; A3 keeps its survey's 90 without a hotline score.
	if !strings.Contains(buf.String(), "A1    88.20     90.00     81.00") || !strings.Contains(buf.String(), "A3    90.00     90.00     -") ||
		!strings.Contains(buf.String(), "无热线得分") {
		t.Errorf("table:\n%s", buf.String())
	}
}
