package review

import (
	"time"

	"pingyi/publicdata"
	"pingyi/responses"
	"pingyi/scoring"
	"pingyi/survey"
)

// ContentFormat names the version of the publication document that new
// versions are published in (ContentFormatV1: the earlier one).
const ContentFormat = "pingyi-publication-v2"

// Content is the publication document. Its JSON, as stored and served, is
// what the digest covers; the fields are in a fixed order and maps (groups
// by code) are written with sorted keys, so the same content always
// encodes to the same bytes. Numbers are the score run's, unrounded.
type Content struct {
	Format         string          `json:"format"`
	Campaign       CampaignInfo    `json:"campaign"`
	Version        int             `json:"version"`
	PublishedAt    time.Time       `json:"published_at"`
	ChangeNote     *string         `json:"change_note"`
	PreviousDigest *string         `json:"previous_digest"`
	Run            RunInfo         `json:"run"`
	Approval       ApprovalInfo    `json:"approval"`
	Method         Method          `json:"method"`
	Tiers          []Tier          `json:"tiers"`
	Comparison     *Comparison     `json:"comparison"`
	Categories     []CategoryInfo  `json:"categories"`
	Units          []PublishedUnit `json:"units"`
	// Since pingyi-publication-v2: the public data, the software, the
	// audit log at publishing and the signing key.
	Data      *PublicData    `json:"data,omitempty"`
	Software  string         `json:"software,omitempty"`
	AuditLog  *AuditHead     `json:"audit_log,omitempty"`
	Signature *SignatureInfo `json:"signature,omitempty"`
}

// CampaignInfo names the campaign.
type CampaignInfo struct {
	Code      string     `json:"code"`
	Name      string     `json:"name"`
	Organizer string     `json:"organizer"`
	Year      int        `json:"year"`
	Period    string     `json:"period"`
	OpenedAt  *time.Time `json:"opened_at"`
	ClosedAt  *time.Time `json:"closed_at"`
}

// RunInfo identifies the score run published and proves which data it
// was computed from.
type RunInfo struct {
	ID           int64     `json:"id"`
	CreatedAt    time.Time `json:"created_at"`
	InputDigest  string    `json:"input_digest"`
	ResultDigest string    `json:"result_digest"`
	Responses    int       `json:"responses"`
	Excluded     int       `json:"excluded"`
	Ratings      int64     `json:"ratings"`
}

// ApprovalInfo says how the run was approved; the names are in the audit
// log, not on the public page.
type ApprovalInfo struct {
	Quorum    int `json:"quorum"`
	Approvals int `json:"approvals"`
	Committee int `json:"committee"`
}

// Method holds what the method statement is written from.
type Method struct {
	Groups      []MethodGroup     `json:"groups"`
	Indicators  []MethodIndicator `json:"indicators"`
	Scale       []MethodOption    `json:"scale"`
	Channels    map[string]int    `json:"channels"` // counted responses by channel
	Bootstrap   int               `json:"bootstrap"`
	Seed        int64             `json:"seed"`
	TieDecimals int               `json:"tie_decimals"`
	AHPCR       *float64          `json:"ahp_cr"`
	PhoneRates  *PhoneRates       `json:"phone_rates"`
	// Generator names the bootstrap's random generator (since v2).
	Generator string `json:"generator,omitempty"`
	// Hotline is step 8's configuration, when the index has a hotline
	// component (since v2; its counts are appeals.csv).
	Hotline *MethodHotline `json:"hotline,omitempty"`
}

// MethodGroup is a respondent group: its normalised weight, min_sample and
// the number of its responses counted.
type MethodGroup struct {
	Code      string  `json:"code"`
	Name      string  `json:"name"`
	Weight    float64 `json:"weight"`
	MinSample int     `json:"min_sample"`
	Responses int     `json:"responses"`
	// Since v2: the weight as the definition wrote it, which the
	// computation uses (Weight is it normalised), and publish_data.
	WeightAsWritten *float64 `json:"weight_as_written,omitempty"`
	PublishData     string   `json:"publish_data,omitempty"`
}

// MethodIndicator is an indicator with its normalised weight (null for an
// auxiliary one).
type MethodIndicator struct {
	Code      string   `json:"code"`
	Name      string   `json:"name"`
	Weight    *float64 `json:"weight"`
	Auxiliary bool     `json:"auxiliary"`
	// WeightAsWritten is the weight the computation uses, as written in
	// the definition or resolved from its AHP matrix (since v2).
	WeightAsWritten *float64 `json:"weight_as_written,omitempty"`
}

// MethodOption is an answer of the scale.
type MethodOption struct {
	Code      string   `json:"code"`
	Label     string   `json:"label"`
	Score     *float64 `json:"score"`
	Satisfied bool     `json:"satisfied"`
	Excluded  bool     `json:"excluded"`
}

// PhoneRates are the phone survey's AAPOR outcome rates.
type PhoneRates struct {
	Cases      int                 `json:"cases"`      // sampled cases with a final disposition
	Interviews int                 `json:"interviews"` // complete interviews
	Rates      map[string]*float64 `json:"rates"`      // by AAPOR name (RR1 … RR6, COOP1 …, REF1 …, CON1 …); null when undefined
}

// Comparison names the publication a campaign is compared with: the latest
// version, at the time of publishing, of the previous published campaign
// of the same series (same period, an earlier year).
type Comparison struct {
	Campaign string `json:"campaign"`
	Name     string `json:"name"`
	Year     int    `json:"year"`
	Version  int    `json:"version"`
	Digest   string `json:"digest"`
}

// CategoryInfo is a category units are ranked within.
type CategoryInfo struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// PublishedUnit is one unit's published numbers: the score run's, with its
// name, tier, the sample size per group, and the change from the compared
// publication (null when there is none or the unit was not in it).
type PublishedUnit struct {
	UnitCode         string               `json:"unit_code"`
	Name             string               `json:"name"`
	Category         string               `json:"category"`
	Index            *float64             `json:"index"`
	SE               *float64             `json:"se"`
	CILow            *float64             `json:"ci_low"`
	CIHigh           *float64             `json:"ci_high"`
	SatisfactionRate *float64             `json:"satisfaction_rate"`
	Rank             *int                 `json:"rank"`
	RankLow          *int                 `json:"rank_low"`
	RankHigh         *int                 `json:"rank_high"`
	Tier             string               `json:"tier"`
	Flags            []string             `json:"flags"`
	Groups           map[string]GroupSize `json:"groups"`
	Previous         *PreviousUnit        `json:"previous"`
	// Indicators are the unit's indicator scores, main and auxiliary
	// (since v2).
	Indicators map[string]*float64 `json:"indicators,omitempty"`
	// Components is the run's step 8 breakdown (survey index, hotline
	// score and the rates behind it), when the index has a hotline
	// component.
	Components *scoring.Components `json:"components,omitempty"`
	// Parent and Level place a station below its unit, and Stations
	// summarises a unit's stations; all three are absent for a campaign of
	// departments only, whose publication reads as it did before levels.
	Parent   string            `json:"parent,omitempty"`
	Level    int               `json:"level,omitempty"`
	Stations *scoring.Stations `json:"stations,omitempty"`
}

// GroupSize is how many responses of a group counted for a unit, and
// whether the group entered its index.
type GroupSize struct {
	N       int  `json:"n"`
	Counted bool `json:"counted"`
	// Since v2: the group's score, its standard error and satisfaction
	// rate for the unit.
	Score            *float64 `json:"score,omitempty"`
	SE               *float64 `json:"se,omitempty"`
	SatisfactionRate *float64 `json:"satisfaction_rate,omitempty"`
}

// PreviousUnit is a unit's standing in the compared publication and the
// change since: index points up, and places up (a rank that went from 5 to
// 3 is +2).
type PreviousUnit struct {
	Index       *float64 `json:"index"`
	Rank        *int     `json:"rank"`
	IndexChange *float64 `json:"index_change"`
	RankChange  *int     `json:"rank_change"`
}

// methodOf collects the method's inputs from a campaign's structure and
// the counts of its counted responses. Weights and min_sample are taken
// from the scoring configuration, as resolved for the run, so the method
// states what the run used.
func methodOf(st *survey.Structure, sum responses.Summary) Method {
	c := st.Campaign
	cfg := st.ScoringConfig()
	m := Method{Channels: map[string]int{}, Bootstrap: c.Bootstrap, Seed: c.Seed, TieDecimals: c.TieDecimals, Generator: publicdata.Generator}
	var gsum float64
	for _, g := range cfg.Groups {
		gsum += g.Weight
	}
	for i, g := range cfg.Groups {
		written := g.Weight
		m.Groups = append(m.Groups, MethodGroup{Code: g.Code, Name: st.Groups[i].Name, Weight: g.Weight / gsum, MinSample: g.MinSample, Responses: sum.ByGroup[i],
			WeightAsWritten: &written, PublishData: st.Groups[i].PublishData})
	}
	var isum float64
	for _, ind := range cfg.Indicators {
		if !ind.Auxiliary {
			isum += ind.Weight
		}
	}
	for i, ind := range cfg.Indicators {
		x := MethodIndicator{Code: ind.Code, Name: st.Indicators[i].Name, Auxiliary: ind.Auxiliary}
		if !ind.Auxiliary {
			w, written := ind.Weight/isum, ind.Weight
			x.Weight, x.WeightAsWritten = &w, &written
		}
		m.Indicators = append(m.Indicators, x)
	}
	for _, o := range st.Scale {
		m.Scale = append(m.Scale, MethodOption{Code: o.Code, Label: o.Label, Score: o.Score, Satisfied: o.Satisfied, Excluded: o.Excluded})
	}
	for ch, n := range sum.ByChannel {
		m.Channels[string(ch)] = n
	}
	if c.AHP != nil {
		cr := st.AHPCR
		m.AHPCR = &cr
	}
	return m
}

// publishedUnits turns a run's results into the published units, with
// names, tiers and the change from the compared publication.
func publishedUnits(st *survey.Structure, units []scoring.UnitResult, set Settings, previous *Content) []PublishedUnit {
	before := baselineOf(previous)
	names := map[string]string{}
	for _, u := range st.Units {
		names[u.Code] = u.Name
	}
	out := make([]PublishedUnit, len(units))
	for i, u := range units {
		p := PublishedUnit{UnitCode: u.UnitCode, Name: names[u.UnitCode], Category: u.Category, Index: u.Index, SE: u.SE,
			CILow: u.CILow, CIHigh: u.CIHigh, SatisfactionRate: u.SatisfactionRate, Rank: u.Rank, RankLow: u.RankLow,
			RankHigh: u.RankHigh, Tier: set.TierOf(u.Index, st.Campaign.TieDecimals), Flags: u.Flags, Groups: map[string]GroupSize{},
			Previous: before.changeOf(u)}
		for code, g := range u.Groups {
			p.Groups[code] = GroupSize{N: g.N, Counted: g.Counted, Score: &g.Score, SE: &g.SE, SatisfactionRate: &g.SatisfactionRate}
		}
		p.Indicators, p.Components = u.Indicators, u.Components
		p.Parent, p.Level, p.Stations = u.Parent, u.Level, u.Stations
		out[i] = p
	}
	return out
}

// Change is a unit's standing before and the change to its standing now;
// a change is null where either side has no index.
func Change(index *float64, rank *int, nowIndex *float64, nowRank *int) *PreviousUnit {
	p := &PreviousUnit{Index: index, Rank: rank}
	if index != nil && nowIndex != nil {
		d := *nowIndex - *index
		p.IndexChange = &d
	}
	if rank != nil && nowRank != nil {
		d := *rank - *nowRank
		p.RankChange = &d
	}
	return p
}
