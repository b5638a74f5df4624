package scoring

import (
	"fmt"
	"math"
)

// Result is a score run's output.
type Result struct {
	Units       []UnitResult `json:"units"`        // in campaign order
	InputDigest string       `json:"input_digest"` // see "Input digest" in the package documentation
	Responses   int          `json:"responses"`    // responses read
	Ratings     int          `json:"ratings"`      // ratings read, 不了解 included
}

// UnitResult marshals to the SPEC's "Score results" unit object. The
// pointer fields are null for a unit without an index; rank_low and
// rank_high are also null when no bootstrap ran.
type UnitResult struct {
	UnitCode string `json:"unit_code"`
	Category string `json:"category"`
	// Parent and Level place a station or window below its unit; both are
	// absent for a department (level 1), so a campaign without stations
	// publishes exactly what it did before levels existed.
	Parent           string                 `json:"parent,omitempty"`
	Level            int                    `json:"level,omitempty"`
	Index            *float64               `json:"index"`
	SE               *float64               `json:"se"`
	CILow            *float64               `json:"ci_low"`
	CIHigh           *float64               `json:"ci_high"`
	SatisfactionRate *float64               `json:"satisfaction_rate"`
	Rank             *int                   `json:"rank"`
	RankLow          *int                   `json:"rank_low"`
	RankHigh         *int                   `json:"rank_high"`
	Flags            []string               `json:"flags"`      // never nil
	Groups           map[string]GroupResult `json:"groups"`     // groups with ≥ 1 response counting for the unit
	Indicators       map[string]*float64    `json:"indicators"` // every indicator, main and auxiliary
	// Components is step 8's breakdown; absent without a hotline component.
	Components *Components `json:"components,omitempty"`
	// Stations summarises the units directly below this one; absent for a
	// unit without any.
	Stations *Stations `json:"stations,omitempty"`
}

// GroupResult is one group's contribution to a unit. Counted is false when
// the group is below min_sample or has weight 0; it is then reported but
// does not enter the index.
type GroupResult struct {
	Score            float64 `json:"score"`
	SE               float64 `json:"se"`
	N                int     `json:"n"`
	SatisfactionRate float64 `json:"satisfaction_rate"`
	Counted          bool    `json:"counted"`
}

// FlagInsufficientSample marks a unit for which no group reached min_sample.
const FlagInsufficientSample = "insufficient_sample"

// z975 is the SPEC's normal quantile for the 95% interval.
const z975 = 1.959964

// unitResult assembles unit u's published numbers.
func (p *plan) unitResult(e *estimates, u int, rank, low, high int32) UnitResult {
	unit := p.cfg.Units[u]
	ur := UnitResult{
		UnitCode:   unit.Code,
		Category:   unit.Category,
		Flags:      []string{},
		Groups:     map[string]GroupResult{},
		Indicators: make(map[string]*float64, p.nInd),
	}
	if p.parent[u] >= 0 {
		ur.Parent, ur.Level = p.cfg.Units[p.parent[u]].Code, p.level[u]
	}
	for g, grp := range p.cfg.Groups {
		gu := g*p.nUnits + u
		ps := e.point[gu]
		if ps.n == 0 {
			continue
		}
		ur.Groups[grp.Code] = GroupResult{
			Score:            ps.mean(),
			SE:               math.Sqrt(e.variance[gu]),
			N:                ps.n,
			SatisfactionRate: e.rate[gu].sws / e.rate[gu].swk,
			Counted:          p.counted(g, ps.n),
		}
	}
	for i, ind := range p.cfg.Indicators {
		var score *float64
		if v, ok := p.indicatorScore(e, u, i); ok {
			score = &v
		}
		ur.Indicators[ind.Code] = score
	}
	est := p.unitEstimate(e, u)
	if !est.ok {
		ur.Flags = append(ur.Flags, FlagInsufficientSample)
	}
	if h := p.cfg.Hotline; h != nil {
		var survey *unitEstimate
		if est.ok {
			survey = &unitEstimate{index: est.index, se: est.se}
		}
		ur.Components = h.components(u, survey, p.hotline[u], p.hasHotline[u])
		if !p.hasHotline[u] {
			ur.Flags = append(ur.Flags, FlagNoHotline)
		} else if est.ok {
			est.index, est.se = h.composite(est.index, est.se, p.hotline[u])
		}
	}
	if !est.ok {
		return ur
	}
	half := float64(z975 * est.se)
	ur.Index, ur.SE, ur.SatisfactionRate = &est.index, &est.se, &est.rate
	ur.CILow, ur.CIHigh = ptr(est.index-half), ptr(est.index+half)
	ur.Rank = ptr(int(rank))
	if low > 0 {
		ur.RankLow, ur.RankHigh = ptr(int(low)), ptr(int(high))
	}
	return ur
}

func ptr[T any](v T) *T { return &v }

// checkFinite guards the promise that no NaN or ±Inf is ever published.
// Within the magnitude limits none can arise; should a future change break
// that, a failed run is better than a published NaN.
func checkFinite(res *Result) error {
	for _, ur := range res.Units {
		for _, x := range []*float64{ur.Index, ur.SE, ur.CILow, ur.CIHigh, ur.SatisfactionRate} {
			if x != nil && !isFinite(*x) {
				return fmt.Errorf("unit %q: a result overflowed; check the weights and scores", ur.UnitCode)
			}
		}
		for code, g := range ur.Groups {
			if !isFinite(g.Score) || !isFinite(g.SE) || !isFinite(g.SatisfactionRate) {
				return fmt.Errorf("unit %q, group %q: a result overflowed; check the weights and scores", ur.UnitCode, code)
			}
		}
		if ur.Components != nil {
			if err := ur.Components.finite(); err != nil {
				return fmt.Errorf("unit %q: %w", ur.UnitCode, err)
			}
		}
		if s := ur.Stations; s != nil && (s.Mean != nil && !isFinite(*s.Mean)) {
			return fmt.Errorf("unit %q: its stations' mean overflowed; check the weights and scores", ur.UnitCode)
		}
		for code, x := range ur.Indicators {
			if x != nil && !isFinite(*x) {
				return fmt.Errorf("unit %q, indicator %q: a result overflowed; check the weights and scores", ur.UnitCode, code)
			}
		}
	}
	return nil
}
