package survey_test

import (
	"context"
	"testing"

	"pingyi/audit"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/survey/surveytest"
)

// The register is the units of every campaign, each code once, named and
// placed as the newest campaign that has it says; a unit only an older
// campaign has stays in it.
func TestRegisterUnitsSpansCampaignsNewestNameWins(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		if units, err := s.RegisterUnits(ctx); err != nil || len(units) != 0 {
			t.Fatalf("an empty register: %v %v", units, err)
		}
		if _, err := s.Create(ctx, surveytest.ExampleDefinition(t), audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
		next := surveytest.ExampleDefinition(t)
		next.Code, next.Year = "2027-annual", next.Year+1
		parent := "U002"
		// U001-1 is gone from the new campaign; U002 is renamed and has a station.
		next.Units = []survey.UnitDef{
			{Code: "U001", Name: "市公安局", Category: next.Units[0].Category},
			{Code: "U002", Name: "市教育体育局", Category: next.Units[2].Category},
			{Code: "U002-1", Name: "市招生考试中心", Category: next.Units[2].Category, Parent: &parent},
		}
		if _, err := s.Create(ctx, next, audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
		units, err := s.RegisterUnits(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]survey.RegisteredUnit{}
		for _, u := range units {
			if _, dup := got[u.Code]; dup {
				t.Errorf("unit %s listed twice", u.Code)
			}
			got[u.Code] = u
		}
		want := map[string]survey.RegisteredUnit{
			"U001":   {Code: "U001", Name: "市公安局"},
			"U001-1": {Code: "U001-1", Name: "市公安局出入境管理支队", Parent: "U001"},
			"U002":   {Code: "U002", Name: "市教育体育局"},
			"U002-1": {Code: "U002-1", Name: "市招生考试中心", Parent: "U002"},
		}
		if len(got) != len(want) {
			t.Fatalf("register: %+v", units)
		}
		for code, w := range want {
			if got[code] != w {
				t.Errorf("%s: %+v, want %+v", code, got[code], w)
			}
		}
		// A few units by code: the same units, an unknown code left out.
		some, err := s.RegisterUnits(ctx, "U002", "U001-1", "U999")
		if err != nil {
			t.Fatal(err)
		}
		if len(some) != 2 || some[0] != want["U002"] || some[1] != want["U001-1"] {
			t.Errorf("U002, U001-1 and U999: %+v", some)
		}
	})
}
