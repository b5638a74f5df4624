package results_test

import (
	"context"
	"encoding/json"
	"testing"

	"pingyi/audit"
	"pingyi/responses"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
)

// stationsCampaign is the SPEC example with department U001 over three
// stations, U001-1 to U001-3, and the department U002; min_sample 2.
func stationsCampaign(t *testing.T, db *storage.DB) *fixture {
	return newFixtureOf(t, db, true, func(d *survey.Definition) {
		parent := "U001"
		d.Units = []survey.UnitDef{
			{Code: "U001", Name: "市公安局", Category: "enforcement"},
			{Code: "U001-1", Name: "城东派出所", Category: "enforcement", Parent: &parent},
			{Code: "U001-2", Name: "城西派出所", Category: "enforcement", Parent: &parent},
			{Code: "U001-3", Name: "城南派出所", Category: "enforcement", Parent: &parent},
			{Code: "U002", Name: "市教育局", Category: "service"},
		}
	})
}

// TestStationsSummaryFromTheDatabase scores the stations campaign from
// stored responses, every response rating all three main indicators with
// one option: U001 2 × A (100); U001-1 2 × D (0); U001-2 3 × B (80) from the
// public and 1 × A from a deputy (below min_sample, so not counted in its
// index, but one of its responses); U001-3 1 × A (no index). By hand:
// U001 100, rank 1 among departments; U001-2 80 rank 1 and U001-1 0 rank 2
// among stations; U001's stations: 3, 2 with an index, mean (0·2 +
// 80·4)/6, min 0.
func TestStationsSummaryFromTheDatabase(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := stationsCampaign(t, db)
		const public, deputies = 0, 1
		const optA, optB, optD = 0, 1, 3
		var rs []responses.NewResponse
		add := func(group, unit, option, times int) {
			for range times {
				r := responses.NewResponse{Ref: "R" + string(rune('a'+len(rs))), Group: group, Weight: 1, Channel: responses.Paper, SubmittedAt: f.db.Now()}
				for ind := range 3 {
					r.Ratings = append(r.Ratings, responses.Rating{Unit: unit, Indicator: ind, Option: option})
				}
				rs = append(rs, r)
			}
		}
		add(public, 0, optA, 2)
		add(public, 1, optD, 2)
		add(public, 2, optB, 3)
		add(deputies, 2, optA, 1)
		add(public, 3, optA, 1)
		if err := f.responses.InsertResponses(context.Background(), f.st, rs); err != nil {
			t.Fatal(err)
		}
		run, _, err := f.results.Create(context.Background(), f.st.Campaign.Code, audit.Actor{Login: "weiyuan1"})
		if err != nil {
			t.Fatal(err)
		}
		var units []struct {
			UnitCode string   `json:"unit_code"`
			Parent   string   `json:"parent"`
			Level    int      `json:"level"`
			Index    *float64 `json:"index"`
			Rank     *int     `json:"rank"`
			Stations *struct {
				Count     int      `json:"count"`
				WithIndex int      `json:"with_index"`
				Mean      *float64 `json:"mean"`
				Min       *float64 `json:"min"`
			} `json:"stations"`
		}
		if err := json.Unmarshal(run.Units, &units); err != nil {
			t.Fatal(err)
		}
		type want struct {
			parent string
			level  int
			index  float64
			rank   int
		}
		wants := map[string]want{"U001": {"", 0, 100, 1}, "U001-1": {"U001", 2, 0, 2}, "U001-2": {"U001", 2, 80, 1}, "U002": {"", 0, 0, 0}}
		for _, u := range units {
			w, ok := wants[u.UnitCode]
			if !ok {
				continue
			}
			if u.Parent != w.parent || u.Level != w.level {
				t.Errorf("%s: parent %q level %d, want %q and %d", u.UnitCode, u.Parent, u.Level, w.parent, w.level)
			}
			if w.rank == 0 {
				if u.Index != nil {
					t.Errorf("%s: index %v, want none", u.UnitCode, *u.Index)
				}
				continue
			}
			if u.Index == nil || *u.Index != w.index || u.Rank == nil || *u.Rank != w.rank {
				t.Errorf("%s: index %v rank %v, want %v and %d", u.UnitCode, u.Index, u.Rank, w.index, w.rank)
			}
		}
		s := units[0].Stations
		if s == nil || s.Count != 3 || s.WithIndex != 2 || s.Mean == nil || *s.Mean != 320.0/6 || s.Min == nil || *s.Min != 0 {
			t.Errorf("U001's stations: %+v, want count 3, with_index 2, mean %v, min 0", s, 320.0/6)
		}
		for _, u := range units[1:] {
			if u.Stations != nil {
				t.Errorf("%s has a stations summary but nothing below it", u.UnitCode)
			}
		}
	})
}
