package scoring

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// tinyConfig: three units in two categories, two main indicators and an
// auxiliary one, a four-option scale with 不了解, two groups.
func tinyConfig() Config {
	return Config{
		Units:      []Unit{{Code: "A1", Category: "c1"}, {Code: "A2", Category: "c1"}, {Code: "B1", Category: "c2"}},
		Indicators: []Indicator{{Code: "i1", Weight: 1}, {Code: "i2", Weight: 1}, {Code: "aux", Auxiliary: true}},
		Options: []Option{
			{Code: "A", Score: 100, Satisfied: true}, {Code: "B", Score: 80, Satisfied: true},
			{Code: "D", Score: 0}, {Code: "X", Excluded: true},
		},
		Groups:      []Group{{Code: "public", Weight: 0.7, MinSample: 2}, {Code: "experts", Weight: 0.3, MinSample: 2}},
		Bootstrap:   20,
		Seed:        7,
		TieDecimals: 2,
	}
}

const (
	optA, optB, optD, optX = 0, 1, 2, 3
	unitA1, unitA2, unitB1 = 0, 1, 2
	indI1, indI2, indAux   = 0, 1, 2
)

func resp(ref string, group int, weight float64, ratings ...Rating) Response {
	return Response{Ref: ref, Group: group, Weight: weight, Ratings: ratings}
}

func rate(unit, indicator, option int) Rating { return Rating{unit, indicator, option} }

// rateAll rates unit u on both main indicators with option o.
func rateAll(u, o int) []Rating { return []Rating{rate(u, indI1, o), rate(u, indI2, o)} }

func concat(parts ...[]Rating) []Rating {
	var out []Rating
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

type edgeCase struct {
	name      string
	cfg       Config
	responses []Response
	streamErr error
	wantErr   string // substring; empty for success
	check     func(t *testing.T, res *Result)
}

func edgeCases() []edgeCase {
	cfg := tinyConfig
	with := func(f func(*Config)) Config { c := cfg(); f(&c); return c }
	four := []Response{
		resp("r1", 0, 1, concat(rateAll(unitA1, optA), rateAll(unitA2, optB))...),
		resp("r2", 0, 2, concat(rateAll(unitA1, optB), rateAll(unitA2, optA))...),
		resp("r3", 1, 1, concat(rateAll(unitA1, optD), rateAll(unitA2, optB))...),
		resp("r4", 1, 1, concat(rateAll(unitA1, optA), rateAll(unitA2, optA))...),
	}
	return []edgeCase{
		{name: "no responses at all", cfg: cfg(), check: func(t *testing.T, res *Result) {
			for _, u := range res.Units {
				wantNoIndex(t, u)
				if len(u.Groups) != 0 {
					t.Errorf("%s: groups %v", u.UnitCode, u.Groups)
				}
			}
			if res.Responses != 0 || res.InputDigest == "" {
				t.Errorf("responses %d, digest %q", res.Responses, res.InputDigest)
			}
		}},
		{name: "a unit nobody rated", cfg: cfg(), responses: four, check: func(t *testing.T, res *Result) {
			wantIndex(t, res.Units[unitA1])
			wantNoIndex(t, res.Units[unitB1])
			if len(res.Units[unitB1].Groups) != 0 {
				t.Errorf("groups of an unrated unit: %v", res.Units[unitB1].Groups)
			}
		}},
		{name: "a group with zero weight is reported, never counted", cfg: with(func(c *Config) { c.Groups[1].Weight = 0 }),
			responses: four, check: func(t *testing.T, res *Result) {
				u := res.Units[unitA1]
				if g := u.Groups["experts"]; g.Counted || g.N != 2 {
					t.Errorf("experts = %+v, want reported with n 2 and not counted", g)
				}
				if *u.Index != u.Groups["public"].Score {
					t.Errorf("index %v, want the public score %v", *u.Index, u.Groups["public"].Score)
				}
			}},
		{name: "only zero-weight groups reach min_sample", cfg: with(func(c *Config) { c.Groups[1].Weight = 0; c.Groups[0].MinSample = 3 }),
			responses: four, check: func(t *testing.T, res *Result) {
				u := res.Units[unitA1]
				wantNoIndex(t, u)
				if len(u.Groups) != 2 || u.Groups["public"].Counted || u.Groups["experts"].Counted {
					t.Errorf("groups = %+v", u.Groups)
				}
			}},
		{name: "all group weights zero", cfg: with(func(c *Config) { c.Groups[0].Weight = 0; c.Groups[1].Weight = 0 }),
			wantErr: "group weights sum to 0"},
		{name: "main indicator weights sum to zero", cfg: with(func(c *Config) { c.Indicators[0].Weight = 0; c.Indicators[1].Weight = 0 }),
			wantErr: "main indicators' weights sum to 0"},
		{name: "negative weight", cfg: with(func(c *Config) { c.Groups[0].Weight = -1 }), wantErr: `group "public": weight -1`},
		{name: "every config problem listed", cfg: with(func(c *Config) { c.Units[1].Code = "A1"; c.Bootstrap = -1; c.TieDecimals = 99 }),
			wantErr: `unit code "A1" appears twice` + "\nbootstrap -1 is negative\ntie_decimals 99"},
		{name: "duplicate rating in one response", cfg: cfg(),
			responses: []Response{resp("dup-7", 0, 1, rate(unitA1, indI1, optA), rate(unitA2, indI1, optA), rate(unitA1, indI1, optB))},
			wantErr:   `response "dup-7" rates unit "A1" on indicator "i1" twice`},
		{name: "duplicate ref", cfg: cfg(), responses: []Response{resp("same", 0, 1), resp("same", 1, 1)},
			wantErr: `response ref "same" appears twice`},
		{name: "unit index out of range", cfg: cfg(), responses: []Response{resp("bad-u", 0, 1, rate(9, 0, 0))},
			wantErr: `response "bad-u": rating (unit 9, indicator 0, option 0) refers outside`},
		{name: "option index out of range", cfg: cfg(), responses: []Response{resp("bad-o", 0, 1, rate(0, 0, -1))},
			wantErr: `response "bad-o": rating`},
		{name: "group index out of range", cfg: cfg(), responses: []Response{resp("bad-g", 2, 1)},
			wantErr: `response "bad-g": group index 2`},
		{name: "zero design weight", cfg: cfg(), responses: []Response{resp("w0", 0, 0)}, wantErr: `response "w0": weight 0 is not`},
		{name: "NaN design weight", cfg: cfg(), responses: []Response{resp("wnan", 0, math.NaN())}, wantErr: `response "wnan": weight NaN`},
		{name: "empty ref", cfg: cfg(), responses: []Response{resp("", 0, 1)}, wantErr: "empty ref"},
		{name: "stream error", cfg: cfg(), streamErr: errors.New("disk on fire"), wantErr: "reading responses: disk on fire"},
		{name: "absurd design weight", cfg: cfg(), responses: []Response{resp("big", 0, 1e308, rateAll(unitA1, optA)...)},
			wantErr: `response "big": weight 1e+308 is not a number in [1e-12, 1e+12]`},
		{name: "absurd score", cfg: with(func(c *Config) { c.Options[0].Score = math.Inf(1) }), wantErr: `option "A": score +Inf`},
		{name: "B = 0 leaves rank intervals null", cfg: with(func(c *Config) { c.Bootstrap = 0 }), responses: four,
			check: func(t *testing.T, res *Result) {
				u := res.Units[unitA1]
				if u.Rank == nil || u.RankLow != nil || u.RankHigh != nil {
					t.Errorf("rank %v, interval %v–%v", u.Rank, u.RankLow, u.RankHigh)
				}
			}},
		{name: "B = 1", cfg: with(func(c *Config) { c.Bootstrap = 1; c.Groups[0].MinSample = 1; c.Groups[1].MinSample = 1 }),
			responses: four, check: func(t *testing.T, res *Result) {
				for _, u := range res.Units[:2] {
					if u.RankLow == nil || *u.RankLow != *u.RankHigh || *u.RankLow < 1 || *u.RankLow > 2 {
						t.Errorf("%s: rank interval %v–%v, want one rank of 1…2", u.UnitCode, u.RankLow, u.RankHigh)
					}
				}
			}},
		{name: "one response only", cfg: with(func(c *Config) { c.Groups[0].MinSample = 1 }),
			responses: []Response{resp("only", 0, 3, rate(unitA1, indI1, optA), rate(unitA1, indI2, optD))},
			check: func(t *testing.T, res *Result) {
				u := res.Units[unitA1]
				if *u.Index != 50 || *u.SE != 0 || *u.Rank != 1 || *u.RankLow != 1 || *u.RankHigh != 1 || *u.SatisfactionRate != 0.5 {
					t.Errorf("got %s", resultJSON(t, u))
				}
			}},
		{name: "all 不了解", cfg: cfg(), responses: []Response{resp("x1", 0, 1, rateAll(unitA1, optX)...), resp("x2", 0, 1, rateAll(unitA1, optX)...)},
			check: func(t *testing.T, res *Result) {
				wantNoIndex(t, res.Units[unitA1])
				if len(res.Units[unitA1].Groups) != 0 || res.Units[unitA1].Indicators["i1"] != nil {
					t.Errorf("got %s", resultJSON(t, res.Units[unitA1]))
				}
			}},
		{name: "auxiliary-only ratings score the indicator, not the index", cfg: cfg(),
			responses: []Response{resp("a1", 0, 1, rate(unitB1, indAux, optA)), resp("a2", 0, 1, rate(unitB1, indAux, optB))},
			check: func(t *testing.T, res *Result) {
				u := res.Units[unitB1]
				wantNoIndex(t, u)
				if aux := u.Indicators["aux"]; aux == nil || *aux != 90 || len(u.Groups) != 0 {
					t.Errorf("got %s", resultJSON(t, u))
				}
			}},
		{name: "a zero-weight main indicator alone does not make a response count", cfg: with(func(c *Config) { c.Indicators[1].Weight = 0 }),
			responses: []Response{resp("z1", 0, 1, rate(unitA1, indI2, optA)), resp("z2", 0, 1, rate(unitA1, indI2, optA))},
			check: func(t *testing.T, res *Result) {
				u := res.Units[unitA1]
				wantNoIndex(t, u)
				if i2 := u.Indicators["i2"]; i2 == nil || *i2 != 100 || len(u.Groups) != 0 {
					t.Errorf("got %s", resultJSON(t, u))
				}
			}},
	}
}

func TestEdgeCases(t *testing.T) {
	for _, tc := range edgeCases() {
		t.Run(tc.name, func(t *testing.T) {
			res, err := runEdgeCase(tc)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Units) != len(tc.cfg.Units) {
				t.Fatalf("%d units, want %d", len(res.Units), len(tc.cfg.Units))
			}
			tc.check(t, res)
		})
	}
}

func runEdgeCase(tc edgeCase) (*Result, error) {
	seq := sliceSeq(tc.responses)
	if tc.streamErr != nil {
		seq = func(yield func(Response, error) bool) { yield(Response{}, tc.streamErr) }
	}
	return Run(tc.cfg, seq)
}

func wantNoIndex(t *testing.T, u UnitResult) {
	t.Helper()
	if u.Index != nil || u.SE != nil || u.CILow != nil || u.CIHigh != nil || u.SatisfactionRate != nil ||
		u.Rank != nil || u.RankLow != nil || u.RankHigh != nil ||
		len(u.Flags) != 1 || u.Flags[0] != FlagInsufficientSample {
		t.Errorf("%s: want no index and the insufficient_sample flag, got %s", u.UnitCode, resultJSON(t, u))
	}
}

func wantIndex(t *testing.T, u UnitResult) {
	t.Helper()
	if u.Index == nil || u.Rank == nil || len(u.Flags) != 0 {
		t.Errorf("%s: want an index, got %s", u.UnitCode, resultJSON(t, u))
	}
}
