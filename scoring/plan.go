package scoring

import (
	"errors"
	"fmt"
	"math"
)

// plan is a validated Config with the lookups the computation needs.
type plan struct {
	cfg                  Config
	nUnits, nInd, nGroup int
	mainWeight           []float64 // a_i by indicator; 0 for auxiliary
	isMain               []bool
	optScore             []float64
	optValid             []bool // not excluded
	optSatisfied         []bool
	minSample            []int   // at least 1: a group score needs a response
	peers                [][]int // units ranked together: one category, one level
	parent, level        []int   // by unit: the parent's index (-1: none), the level
	children             [][]int // by unit: the units directly below it
	// hotline and hasHotline are step 8's H_u by unit, when cfg.Hotline is
	// set: computed once, the same in every replicate.
	hotline    []float64
	hasHotline []bool
}

// newPlan checks cfg and reports every problem it finds at once.
func newPlan(cfg Config) (*plan, error) {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	p := &plan{cfg: cfg, nUnits: len(cfg.Units), nInd: len(cfg.Indicators), nGroup: len(cfg.Groups)}

	if p.nUnits > maxUnits {
		bad("%d units: at most %d are supported", p.nUnits, maxUnits)
	}
	if p.nInd > maxIndicators {
		bad("%d indicators: at most %d are supported", p.nInd, maxIndicators)
	}
	if len(cfg.Options) > maxOptions {
		bad("%d scale options: at most %d are supported", len(cfg.Options), maxOptions)
	}
	checkCodes("unit", len(cfg.Units), func(i int) string { return cfg.Units[i].Code }, bad)
	checkCodes("indicator", p.nInd, func(i int) string { return cfg.Indicators[i].Code }, bad)
	checkCodes("option", len(cfg.Options), func(i int) string { return cfg.Options[i].Code }, bad)
	checkCodes("group", p.nGroup, func(i int) string { return cfg.Groups[i].Code }, bad)

	p.mainWeight = make([]float64, p.nInd)
	p.isMain = make([]bool, p.nInd)
	var mainSum float64
	for i, ind := range cfg.Indicators {
		if !(ind.Weight >= 0 && ind.Weight <= maxMagnitude) {
			bad("indicator %q: weight %v is not a number in [0, %g]", ind.Code, ind.Weight, maxMagnitude)
			continue
		}
		if !ind.Auxiliary {
			p.isMain[i] = true
			p.mainWeight[i] = ind.Weight
			mainSum += ind.Weight
		}
	}
	if !(mainSum > 0) {
		bad("the main indicators' weights sum to %v: at least one main indicator needs a positive weight", mainSum)
	}

	p.optScore = make([]float64, len(cfg.Options))
	p.optValid = make([]bool, len(cfg.Options))
	p.optSatisfied = make([]bool, len(cfg.Options))
	for o, opt := range cfg.Options {
		p.optValid[o] = !opt.Excluded
		p.optSatisfied[o] = opt.Satisfied && !opt.Excluded
		if opt.Excluded {
			continue
		}
		if !(math.Abs(opt.Score) <= maxMagnitude) {
			bad("option %q: score %v is not a number in [-%g, %g]", opt.Code, opt.Score, maxMagnitude, maxMagnitude)
		}
		p.optScore[o] = opt.Score
	}

	p.minSample = make([]int, p.nGroup)
	var groupSum float64
	for g, grp := range cfg.Groups {
		if !(grp.Weight >= 0 && grp.Weight <= maxMagnitude) {
			bad("group %q: weight %v is not a number in [0, %g]", grp.Code, grp.Weight, maxMagnitude)
		} else {
			groupSum += grp.Weight
		}
		if grp.MinSample < 0 {
			bad("group %q: min_sample %d is negative", grp.Code, grp.MinSample)
		}
		p.minSample[g] = max(grp.MinSample, 1)
	}
	if !(groupSum > 0) {
		bad("the group weights sum to %v: at least one group needs a positive weight", groupSum)
	}
	if cfg.Bootstrap < 0 {
		bad("bootstrap %d is negative", cfg.Bootstrap)
	}
	if cfg.TieDecimals < 0 || cfg.TieDecimals > maxTieDecimals {
		bad("tie_decimals %d is outside 0…%d", cfg.TieDecimals, maxTieDecimals)
	}
	if cfg.Hotline != nil {
		cfg.Hotline.check(p.nUnits, bad)
	}
	p.parent, p.level = levelsOf(cfg.Units, bad)
	if len(errs) > 0 {
		return nil, fmt.Errorf("invalid scoring configuration: %w", errors.Join(errs...))
	}
	p.peers = peersOf(cfg.Units, p.level)
	p.children = childrenOf(p.parent)
	if cfg.Hotline != nil {
		p.hotline, p.hasHotline = cfg.Hotline.hotlineScores()
	}
	return p, nil
}

func checkCodes(kind string, n int, code func(int) string, bad func(string, ...any)) {
	seen := make(map[string]bool, n)
	for i := range n {
		c := code(i)
		if c == "" {
			bad("%s %d has an empty code", kind, i)
		} else if seen[c] {
			bad("%s code %q appears twice", kind, c)
		}
		seen[c] = true
	}
}

// counted reports whether group g enters step 4 with n responses: it must
// reach min_sample and have a positive weight (a zero-weight group would add
// nothing to S_u or SE_u, so calling it counted would only mislead).
func (p *plan) counted(g, n int) bool {
	return n >= p.minSample[g] && p.cfg.Groups[g].Weight > 0
}

func isFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
