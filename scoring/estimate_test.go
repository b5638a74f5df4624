package scoring

import (
	"math"
	"testing"
)

// TestHandComputedExample works SPEC steps 1–5 through on paper. One group,
// one stratum of four responses, min_sample 1:
//
//	r1 w=1 A → y=100; r2 w=1 D → y=0; r3 w=2 A → y=100; r4 w=1 X → does not count
//	m = (100 + 0 + 200) / 4 = 75, W = 4
//	z = 1·25/4, 1·(−75)/4, 2·25/4, 0 = 6.25, −18.75, 12.5, 0; z̄ = 0
//	v = 4/3 · (6.25² + 18.75² + 12.5²) = 4/3 · 546.875 = 729.1666…
//	satisfaction = (1 + 0 + 2) / (1 + 1 + 2) = 0.75
func TestHandComputedExample(t *testing.T) {
	cfg := Config{
		Units:      []Unit{{Code: "u", Category: "c"}},
		Indicators: []Indicator{{Code: "i", Weight: 3}},
		Options:    []Option{{Code: "A", Score: 100, Satisfied: true}, {Code: "D", Score: 0}, {Code: "X", Excluded: true}},
		Groups:     []Group{{Code: "g", Weight: 0.5, MinSample: 1}},
	}
	rs := []Response{
		resp("r1", 0, 1, rate(0, 0, 0)), resp("r2", 0, 1, rate(0, 0, 1)),
		resp("r3", 0, 2, rate(0, 0, 0)), resp("r4", 0, 1, rate(0, 0, 2)),
	}
	u := mustRun(t, cfg, rs).Units[0]
	se := math.Sqrt(4.0 / 3 * 546.875)
	checks := []struct {
		name      string
		got, want float64
	}{
		{"index", *u.Index, 75},
		{"se", *u.SE, se},
		{"ci_low", *u.CILow, 75 - 1.959964*se},
		{"ci_high", *u.CIHigh, 75 + 1.959964*se},
		{"satisfaction_rate", *u.SatisfactionRate, 0.75},
		{"group score", u.Groups["g"].Score, 75},
		{"group se", u.Groups["g"].SE, se},
		{"indicator", *u.Indicators["i"], 75},
	}
	for _, c := range checks {
		if !near(c.got, c.want, 1e-14) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if g := u.Groups["g"]; g.N != 3 || !g.Counted {
		t.Errorf("group = %+v, want n 3 and counted", g)
	}
}

// TestStrataAreWithinGroups: the same stratum name in two groups names two
// strata, and "" is a stratum like any other. Two strata of one response
// each add nothing to the variance; one stratum of two does.
func TestStrataAreWithinGroups(t *testing.T) {
	cfg := tinyConfig()
	cfg.Groups[0].MinSample, cfg.Groups[1].MinSample = 1, 1
	split := []Response{
		{Ref: "a", Group: 0, Stratum: "x", Weight: 1, Ratings: rateAll(unitA1, optA)},
		{Ref: "b", Group: 0, Stratum: "", Weight: 1, Ratings: rateAll(unitA1, optD)},
		{Ref: "c", Group: 1, Stratum: "x", Weight: 1, Ratings: rateAll(unitA1, optD)},
	}
	u := mustRun(t, cfg, split).Units[unitA1]
	if u.Groups["public"].SE != 0 || u.Groups["experts"].SE != 0 {
		t.Errorf("single-response strata: %s", resultJSON(t, u.Groups))
	}
	split[1].Stratum = "x"
	u = mustRun(t, cfg, split).Units[unitA1]
	if se := u.Groups["public"].SE; se != 50 { // z = ±25, n/(n−1) = 2: v = 2·1250
		t.Errorf("one stratum of two: se %v, want 50", se)
	}
}
