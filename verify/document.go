package verify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"pingyi/publicdata"
	"pingyi/scoring"
)

// document is what verification reads of publication.json. It is written
// from SPEC and the format, not from the publisher's types, so that the
// check does not share the publisher's mistakes.
type document struct {
	Format      string    `json:"format"`
	PublishedAt time.Time `json:"published_at"`
	Run         struct {
		InputDigest  string `json:"input_digest"`
		ResultDigest string `json:"result_digest"`
		Responses    int    `json:"responses"`
		Ratings      int64  `json:"ratings"`
	} `json:"run"`
	Method struct {
		Groups []struct {
			Code            string   `json:"code"`
			WeightAsWritten *float64 `json:"weight_as_written"`
			MinSample       int      `json:"min_sample"`
			Responses       int      `json:"responses"`
			PublishData     string   `json:"publish_data"`
		} `json:"groups"`
		Indicators []struct {
			Code            string   `json:"code"`
			WeightAsWritten *float64 `json:"weight_as_written"`
			Auxiliary       bool     `json:"auxiliary"`
		} `json:"indicators"`
		Scale []struct {
			Code      string   `json:"code"`
			Score     *float64 `json:"score"`
			Satisfied bool     `json:"satisfied"`
			Excluded  bool     `json:"excluded"`
		} `json:"scale"`
		Bootstrap   int    `json:"bootstrap"`
		Seed        int64  `json:"seed"`
		TieDecimals int    `json:"tie_decimals"`
		Generator   string `json:"generator"`
		Hotline     *struct {
			Survey   float64            `json:"survey"`
			Hotline  float64            `json:"hotline"`
			Rates    map[string]float64 `json:"rates"`
			MinCases int                `json:"min_cases"`
			MinRateN int                `json:"min_rate_n"`
		} `json:"hotline"`
	} `json:"method"`
	Units []unit `json:"units"`
	Data  *struct {
		InputDigest       string     `json:"input_digest"`
		InputDigestFormat string     `json:"input_digest_format"`
		Files             []dataFile `json:"files"`
		Withheld          []string   `json:"withheld_groups"`
	} `json:"data"`
	Signature *struct {
		Organizer string `json:"organizer"`
		Algorithm string `json:"algorithm"`
		KeyID     string `json:"key_id"`
	} `json:"signature"`
}

// dataFile is a data file as publication.json names it.
type dataFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Rows   int    `json:"rows"`
}

// unit is a published unit's numbers.
type unit struct {
	UnitCode         string              `json:"unit_code"`
	Category         string              `json:"category"`
	Parent           string              `json:"parent"` // absent for a department and before levels
	Level            int                 `json:"level"`
	Stations         *stations           `json:"stations"`
	Index            *float64            `json:"index"`
	SE               *float64            `json:"se"`
	CILow            *float64            `json:"ci_low"`
	CIHigh           *float64            `json:"ci_high"`
	SatisfactionRate *float64            `json:"satisfaction_rate"`
	Rank             *int                `json:"rank"`
	RankLow          *int                `json:"rank_low"`
	RankHigh         *int                `json:"rank_high"`
	Flags            []string            `json:"flags"`
	Groups           map[string]group    `json:"groups"`
	Indicators       map[string]*float64 `json:"indicators"`
}

// stations is a unit's summary of the units directly below it.
type stations struct {
	Count     int      `json:"count"`
	WithIndex int      `json:"with_index"`
	Mean      *float64 `json:"mean"`
	Min       *float64 `json:"min"`
}

type group struct {
	N                int      `json:"n"`
	Counted          bool     `json:"counted"`
	Score            *float64 `json:"score"`
	SE               *float64 `json:"se"`
	SatisfactionRate *float64 `json:"satisfaction_rate"`
}

// formatV2 is the first publication format with public data.
const formatV2 = "pingyi-publication-v2"

func decode(raw []byte) (*document, error) {
	var d document
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, fmt.Errorf("publication.json is not a publication document: %w", err)
	}
	return &d, nil
}

// config is the scoring configuration the method states: the weights as
// written, min_sample, the scale, bootstrap, seed and tie_decimals, and the
// units in the order published with their categories and parents (a
// publication from before levels names none: every unit a department).
func (d *document) config() (scoring.Config, error) {
	m := d.Method
	cfg := scoring.Config{Bootstrap: m.Bootstrap, Seed: uint64(m.Seed), TieDecimals: m.TieDecimals}
	for _, u := range d.Units {
		cfg.Units = append(cfg.Units, scoring.Unit{Code: u.UnitCode, Category: u.Category, Parent: u.Parent, Level: u.Level})
	}
	for _, ind := range m.Indicators {
		x := scoring.Indicator{Code: ind.Code, Auxiliary: ind.Auxiliary}
		if !ind.Auxiliary {
			if ind.WeightAsWritten == nil {
				return cfg, fmt.Errorf("the method gives indicator %s no weight as written", ind.Code)
			}
			x.Weight = *ind.WeightAsWritten
		}
		cfg.Indicators = append(cfg.Indicators, x)
	}
	for _, o := range m.Scale {
		x := scoring.Option{Code: o.Code, Satisfied: o.Satisfied, Excluded: o.Excluded}
		if o.Score != nil {
			x.Score = *o.Score
		}
		cfg.Options = append(cfg.Options, x)
	}
	for _, g := range m.Groups {
		if g.WeightAsWritten == nil {
			return cfg, fmt.Errorf("the method gives group %s no weight as written", g.Code)
		}
		cfg.Groups = append(cfg.Groups, scoring.Group{Code: g.Code, Weight: *g.WeightAsWritten, MinSample: g.MinSample})
	}
	return cfg, nil
}

// hotline is step 8's configuration from the method, with the counts of
// appeals.csv; nil without a hotline component.
func (d *document) hotline(cfg scoring.Config, appeals []byte) (*scoring.Hotline, error) {
	m := d.Method.Hotline
	if m == nil {
		return nil, nil
	}
	counts, err := publicdata.ReadAppeals(bytes.NewReader(appeals), cfg)
	if err != nil {
		return nil, err
	}
	h := &scoring.Hotline{Survey: m.Survey, Hotline: m.Hotline, MinCases: m.MinCases, MinRateN: m.MinRateN, Units: counts}
	for k, code := range scoring.RateCodes {
		h.Weights[k] = m.Rates[code]
	}
	return h, nil
}
