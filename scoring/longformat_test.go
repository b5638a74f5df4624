package scoring

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
)

// testCampaign is the JSON configuration of the reference dataset: the parts
// of a campaign definition document scoring needs, min_sample resolved per
// group.
type testCampaign struct {
	Scale      []testOption    `json:"scale"`
	Indicators []testIndicator `json:"indicators"`
	Groups     []testGroup     `json:"groups"`
	Units      []testUnit      `json:"units"`
	Scoring    struct {
		Bootstrap   int    `json:"bootstrap"`
		Seed        uint64 `json:"seed"`
		TieDecimals int    `json:"tie_decimals"`
	} `json:"scoring"`
}

type testOption struct {
	Code      string  `json:"code"`
	Label     string  `json:"label"`
	Score     float64 `json:"score"`
	Satisfied bool    `json:"satisfied,omitempty"`
	Excluded  bool    `json:"excluded,omitempty"`
}

type testIndicator struct {
	Code      string  `json:"code"`
	Weight    float64 `json:"weight"`
	Auxiliary bool    `json:"auxiliary,omitempty"`
}

type testGroup struct {
	Code      string  `json:"code"`
	Weight    float64 `json:"weight"`
	MinSample int     `json:"min_sample"`
}

type testUnit struct {
	Code     string `json:"code"`
	Category string `json:"category"`
}

// writeTestCampaign writes cfg in the form readTestCampaign reads.
func writeTestCampaign(path string, cfg Config) error {
	var tc testCampaign
	for _, o := range cfg.Options {
		tc.Scale = append(tc.Scale, testOption{o.Code, o.Code, o.Score, o.Satisfied, o.Excluded})
	}
	for _, i := range cfg.Indicators {
		tc.Indicators = append(tc.Indicators, testIndicator{i.Code, i.Weight, i.Auxiliary})
	}
	for _, g := range cfg.Groups {
		tc.Groups = append(tc.Groups, testGroup{g.Code, g.Weight, g.MinSample})
	}
	for _, u := range cfg.Units {
		tc.Units = append(tc.Units, testUnit{u.Code, u.Category})
	}
	tc.Scoring.Bootstrap, tc.Scoring.Seed, tc.Scoring.TieDecimals = cfg.Bootstrap, cfg.Seed, cfg.TieDecimals
	b, err := json.MarshalIndent(tc, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

func readTestCampaign(path string) (Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Config{}, err
	}
	var tc testCampaign
	if err := json.Unmarshal(b, &tc); err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	cfg := Config{Bootstrap: tc.Scoring.Bootstrap, Seed: tc.Scoring.Seed, TieDecimals: tc.Scoring.TieDecimals}
	for _, o := range tc.Scale {
		cfg.Options = append(cfg.Options, Option{Code: o.Code, Score: o.Score, Satisfied: o.Satisfied, Excluded: o.Excluded})
	}
	for _, i := range tc.Indicators {
		cfg.Indicators = append(cfg.Indicators, Indicator{Code: i.Code, Weight: i.Weight, Auxiliary: i.Auxiliary})
	}
	for _, g := range tc.Groups {
		cfg.Groups = append(cfg.Groups, Group{Code: g.Code, Weight: g.Weight, MinSample: g.MinSample})
	}
	for _, u := range tc.Units {
		cfg.Units = append(cfg.Units, Unit{Code: u.Code, Category: u.Category})
	}
	return cfg, nil
}

// readLongCSV reads the SPEC's long import format (one rating per row; the
// columns response_ref, group, unit_code, indicator_code, option, weight,
// stratum, found by header name) into responses, in order of first
// appearance. Options are matched by code only.
func readLongCSV(r io.Reader, cfg Config) ([]Response, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	index := func(n int, code func(int) string) map[string]int {
		m := map[string]int{}
		for i := range n {
			m[code(i)] = i
		}
		return m
	}
	units := index(len(cfg.Units), func(i int) string { return cfg.Units[i].Code })
	inds := index(len(cfg.Indicators), func(i int) string { return cfg.Indicators[i].Code })
	opts := index(len(cfg.Options), func(i int) string { return cfg.Options[i].Code })
	groups := index(len(cfg.Groups), func(i int) string { return cfg.Groups[i].Code })

	var out []Response
	pos := map[string]int{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		get := func(name string) string { return rec[col[name]] }
		w, err := strconv.ParseFloat(get("weight"), 64)
		if err != nil {
			return nil, fmt.Errorf("line %d: weight: %w", line, err)
		}
		u, ok1 := units[get("unit_code")]
		i, ok2 := inds[get("indicator_code")]
		o, ok3 := opts[get("option")]
		g, ok4 := groups[get("group")]
		if !ok1 || !ok2 || !ok3 || !ok4 {
			return nil, fmt.Errorf("line %d: unknown code in %q", line, rec)
		}
		ref := get("response_ref")
		at, seen := pos[ref]
		if !seen {
			at = len(out)
			pos[ref] = at
			out = append(out, Response{Ref: ref, Group: g, Stratum: get("stratum"), Weight: w})
		}
		out[at].Ratings = append(out[at].Ratings, Rating{Unit: u, Indicator: i, Option: o})
	}
}

// sliceSeq streams responses as Run expects them.
func sliceSeq(rs []Response) func(func(Response, error) bool) {
	return func(yield func(Response, error) bool) {
		for _, r := range rs {
			if !yield(r, nil) {
				return
			}
		}
	}
}
