package scoring

import "fmt"

// Rate is one of the appeal rates of SPEC "Appeals" that a hotline score
// combines.
type Rate int

const (
	RateResponse     Rate = iota // 响应率
	RateOnTime                   // 按期办结率
	RateResolution               // 解决率
	RateSatisfaction             // 满意率
	RateSettled                  // 息诉息访率
	nRates
)

// RateCodes are the rates' names in definitions and results, by Rate.
var RateCodes = [nRates]string{"response", "on_time", "resolution", "satisfaction", "settled"}

// Hotline is step 8's hotline component: how it weighs against the survey,
// how its rates are weighed, and the appeal counts of every unit.
type Hotline struct {
	Survey, Hotline float64         // w_s and w_h, both > 0
	Weights         [nRates]float64 // c_k ≥ 0, by Rate
	MinCases        int             // fewer cases: no hotline score
	MinRateN        int             // a rate counts only when its denominator reaches this
	// Units holds the counts of the cases of each unit (its stations'
	// included), in the order of Config.Units.
	Units []HotlineCounts
}

// HotlineCounts are one unit's appeal counts over the period.
type HotlineCounts struct {
	Cases int
	Rates [nRates]RateCount // by Rate
}

// RateCount is a rate's numerator and denominator.
type RateCount struct{ Num, Den int }

// counts reports whether a rate enters the hotline score: it has a
// positive weight and a denominator of at least min_rate_n.
func (h *Hotline) counts(k Rate, c RateCount) bool {
	return h.Weights[k] > 0 && c.Den >= h.MinRateN
}

// HotlineScore is step 8's H_u = 100 · Σ_k c_k R_uk / Σ_k c_k over the
// rates that count; ok is false when the unit has fewer than min_cases
// cases or no rate counts.
func (h *Hotline) HotlineScore(c HotlineCounts) (score float64, ok bool) {
	if c.Cases < h.MinCases {
		return 0, false
	}
	var num, den float64
	for k := range nRates {
		rc := c.Rates[k]
		if !h.counts(k, rc) {
			continue
		}
		num += float64(h.Weights[k] * (float64(rc.Num) / float64(rc.Den)))
		den += h.Weights[k]
	}
	if den == 0 {
		return 0, false
	}
	return 100 * num / den, true
}

// composite is step 8's I_u = (w_s S_u + w_h H_u)/(w_s + w_h) and its SE,
// w_s SE_S/(w_s + w_h): the cases are a census, so H_u adds no variance.
func (h *Hotline) composite(s, se, hotline float64) (index, indexSE float64) {
	sum := h.Survey + h.Hotline
	return (float64(h.Survey*s) + float64(h.Hotline*hotline)) / sum, float64(h.Survey*se) / sum
}

// check reports every problem of a hotline configuration for n units.
func (h *Hotline) check(n int, bad func(string, ...any)) {
	for _, w := range []struct {
		name string
		v    float64
	}{{"survey", h.Survey}, {"hotline", h.Hotline}} {
		if !(w.v > 0 && w.v <= maxMagnitude) {
			bad("component %s: weight %v is not a number in (0, %g]", w.name, w.v, maxMagnitude)
		}
	}
	var sum float64
	for k, w := range h.Weights {
		if !(w >= 0 && w <= maxMagnitude) {
			bad("hotline rate %s: weight %v is not a number in [0, %g]", RateCodes[k], w, maxMagnitude)
			continue
		}
		sum += w
	}
	if !(sum > 0) {
		bad("the hotline rates' weights sum to %v: at least one rate needs a positive weight", sum)
	}
	if h.MinCases < 1 || h.MinRateN < 1 {
		bad("hotline min_cases %d and min_rate_n %d must both be at least 1", h.MinCases, h.MinRateN)
	}
	if len(h.Units) != n {
		bad("hotline counts for %d units, the campaign has %d", len(h.Units), n)
		return
	}
	for u, c := range h.Units {
		if c.Cases < 0 {
			bad("unit %d: %d hotline cases", u, c.Cases)
		}
		for k, rc := range c.Rates {
			if rc.Num < 0 || rc.Num > rc.Den {
				bad("unit %d, rate %s: %d of %d is not a rate", u, RateCodes[k], rc.Num, rc.Den)
			}
		}
	}
}

// hotlineScores computes every unit's H_u once; it stays the same in every
// bootstrap replicate.
func (h *Hotline) hotlineScores() (score []float64, has []bool) {
	score, has = make([]float64, len(h.Units)), make([]bool, len(h.Units))
	for u, c := range h.Units {
		score[u], has[u] = h.HotlineScore(c)
	}
	return score, has
}

// Components is a unit's step 8 breakdown in the results.
type Components struct {
	Survey  SurveyComponent  `json:"survey"`
	Hotline HotlineComponent `json:"hotline"`
}

// SurveyComponent is the survey index S_u and its SE (null without an
// index) and its share of the unit's index.
type SurveyComponent struct {
	Index  *float64 `json:"index"`
	SE     *float64 `json:"se"`
	Weight float64  `json:"weight"`
}

// HotlineComponent is the hotline score H_u (null when absent), its share
// of the unit's index (0 when absent), the cases and every rate with its
// counts.
type HotlineComponent struct {
	Score  *float64               `json:"score"`
	Weight float64                `json:"weight"`
	Cases  int                    `json:"cases"`
	Rates  map[string]HotlineRate `json:"rates"`
}

// HotlineRate is one rate of a unit: null when its denominator is 0;
// Counted when it entered the hotline score.
type HotlineRate struct {
	Rate        *float64 `json:"rate"`
	Numerator   int      `json:"numerator"`
	Denominator int      `json:"denominator"`
	Weight      float64  `json:"weight"`
	Counted     bool     `json:"counted"`
}

// FlagNoHotline marks a unit judged by its survey alone: it has no hotline
// score in a campaign whose index includes one.
const FlagNoHotline = "no_hotline"

// components assembles unit u's breakdown. survey is nil without a survey
// index.
func (h *Hotline) components(u int, survey *unitEstimate, hotline float64, hasHotline bool) *Components {
	c := h.Units[u]
	out := &Components{Hotline: HotlineComponent{Cases: c.Cases, Rates: make(map[string]HotlineRate, nRates)}}
	if survey != nil {
		out.Survey.Index, out.Survey.SE = ptr(survey.index), ptr(survey.se)
	}
	out.Survey.Weight = 1
	if hasHotline {
		sum := h.Survey + h.Hotline
		out.Survey.Weight, out.Hotline.Weight = h.Survey/sum, h.Hotline/sum
		out.Hotline.Score = ptr(hotline)
	}
	for k := range nRates {
		rc := c.Rates[k]
		r := HotlineRate{Numerator: rc.Num, Denominator: rc.Den, Weight: h.Weights[k], Counted: hasHotline && h.counts(k, rc)}
		if rc.Den > 0 {
			r.Rate = ptr(float64(rc.Num) / float64(rc.Den))
		}
		out.Hotline.Rates[RateCodes[k]] = r
	}
	return out
}

func (c *Components) finite() error {
	for _, x := range []*float64{c.Survey.Index, c.Survey.SE, c.Hotline.Score} {
		if x != nil && !isFinite(*x) {
			return fmt.Errorf("a component overflowed; check the weights")
		}
	}
	return nil
}
