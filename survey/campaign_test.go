package survey_test

import (
	"bytes"
	"context"
	"reflect"
	"sort"
	"strings"
	"testing"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/survey/surveytest"
	"pingyi/validation"
)

func newStore(t *testing.T, db *storage.DB) *survey.Store {
	t.Helper()
	return survey.NewStore(db, audit.New(db, keysOf(t)), validation.New())
}

func keysOf(t *testing.T) *secret.Keys {
	keys, err := secret.New(bytes.Repeat([]byte{5}, secret.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

func TestCreateStoresTheSpecExampleAndRoundTrips(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		d := surveytest.ExampleDefinition(t)
		st, err := s.Create(ctx, d, audit.Actor{Login: "cli"})
		if err != nil {
			t.Fatal(err)
		}
		if st.Campaign.Status != survey.Draft || len(st.Units) != 3 || len(st.Groups) != 3 {
			t.Fatalf("stored %s with %d units, %d groups", st.Campaign.Status, len(st.Units), len(st.Groups))
		}
		if st.Units[1].Level != 2 || st.Units[1].ParentID == nil || *st.Units[1].ParentID != st.Units[0].ID {
			t.Fatalf("station not under its department: %+v", st.Units[1])
		}
		if g, _ := st.OpenGroup(); g.Code != "public" {
			t.Fatalf("open group = %q, want the first group", g.Code)
		}
		if !reflect.DeepEqual(st.MainWeights, []float64{1, 1, 1}) {
			t.Fatalf("main weights %v", st.MainWeights)
		}
		again := st.Definition()
		open := true
		closed := false
		d.Groups[0].OpenLink, d.Groups[1].OpenLink, d.Groups[2].OpenLink = &open, &closed, &closed
		// Without an organizer the campaign is the default organiser's,
		// in its series of the period; the document says so after.
		d.Organizer, d.Series = survey.OrganizerDef{Code: "default"}, "default-annual"
		if !reflect.DeepEqual(again, d) {
			t.Fatalf("definition does not round-trip:\n got %+v\nwant %+v", again, d)
		}
		if _, err := s.Create(ctx, d, audit.Actor{Login: "cli"}); !fault.Is(err, fault.Conflict) {
			t.Fatalf("second create with the same code: %v", err)
		}
	})
}

// The malformed document of the issue: duplicate unit codes, an unknown
// category, a negative weight and an empty scale, all in one answer, and
// nothing written.
func TestMalformedDefinitionReportsEveryProblemAndWritesNothing(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		d := surveytest.ExampleDefinition(t)
		d.Units = append(d.Units, survey.UnitDef{Code: "U002", Name: "重复", Category: "service"})
		d.Units[0].Category = "nowhere"
		neg := -0.2
		d.Groups[2].Weight = &neg
		d.Scale = nil
		_, err := s.Create(context.Background(), d, audit.Actor{Login: "cli"})
		e, ok := fault.As(err)
		if !ok || e.Kind != fault.Invalid {
			t.Fatalf("err = %v, want invalid", err)
		}
		var paths []string
		for _, p := range e.Problems {
			paths = append(paths, p.Path)
		}
		sort.Strings(paths)
		want := []string{"groups[2].weight", "scale", "units[0].category", "units[3].code"}
		if !reflect.DeepEqual(paths, want) {
			t.Fatalf("problems at %v, want %v\n%v", paths, want, err)
		}
		if list, _ := s.Campaigns(context.Background()); len(list) != 0 {
			t.Fatalf("a rejected definition left %d campaigns", len(list))
		}
	})
}

func TestValidationCatchesStructuralMistakes(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(d *survey.Definition)
		path   string
		reason string
	}{
		{"parent cycle", func(d *survey.Definition) { p := "U001-1"; d.Units[0].Parent = &p }, "units[0].parent", "its own ancestor"},
		{"unknown parent", func(d *survey.Definition) { p := "U999"; d.Units[2].Parent = &p }, "units[2].parent", "unknown parent"},
		{"too deep", func(d *survey.Definition) {
			for i := 2; i <= 5; i++ {
				p := d.Units[len(d.Units)-1].Code
				d.Units = append(d.Units, survey.UnitDef{Code: "D" + string(rune('0'+i)), Name: "层级", Category: "service", Parent: &p})
			}
		}, "units[6].parent", "at most 4 levels"},
		{"weight with ahp", func(d *survey.Definition) { d.AHP = [][]float64{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}} }, "indicators[0].weight", "either weights or ahp"},
		{"ahp wrong size", func(d *survey.Definition) {
			for i := range d.Indicators {
				d.Indicators[i].Weight = nil
			}
			d.AHP = [][]float64{{1, 2}, {0.5, 1}}
		}, "ahp", "one row per main indicator"},
		{"auxiliary weight", func(d *survey.Definition) { w := 1.0; d.Indicators[3].Weight = &w }, "indicators[3].weight", "carry no weight"},
		{"no main indicator", func(d *survey.Definition) { d.Indicators = d.Indicators[3:] }, "indicators", "at least one indicator"},
		{"excluded with score", func(d *survey.Definition) { s := 0.0; d.Scale[4].Score = &s }, "scale[4]", "no score"},
		{"score over 100", func(d *survey.Definition) { s := 120.0; d.Scale[0].Score = &s }, "scale[0].score", "between 0 and 100"},
		{"label is a code", func(d *survey.Definition) { d.Scale[1].Label = "A" }, "scale[1].label", "code of scale[0]"},
		{"two open groups", func(d *survey.Definition) { y := true; d.Groups[0].OpenLink, d.Groups[1].OpenLink = &y, &y }, "groups[1].open_link", "only one group"},
		{"all groups zero", func(d *survey.Definition) {
			for i := range d.Groups {
				z := 0.0
				d.Groups[i].Weight = &z
			}
		}, "groups", "all 0"},
		{"bad period", func(d *survey.Definition) { d.Period = "quarterly" }, "period", "one of: annual, midyear"},
		{"bad code", func(d *survey.Definition) { d.Code = "2026 annual" }, "code", "must be a code"},
	}
	v := validation.New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := surveytest.ExampleDefinition(t)
			tt.mutate(&d)
			err := survey.Validate(v, &d)
			e, ok := fault.As(err)
			if !ok {
				t.Fatalf("accepted: %v", err)
			}
			for _, p := range e.Problems {
				if p.Path == tt.path && strings.Contains(p.Reason.String(), tt.reason) {
					return
				}
			}
			t.Fatalf("no problem at %s containing %q in:\n%v", tt.path, tt.reason, err)
		})
	}
}

func TestDecodeStrictReportsUnknownFieldsAndTypes(t *testing.T) {
	raw := `{"code":"x","year":"2026","units":[{"code":"U1","catgory":"a"}],"scoring":{"seed":-1}}`
	var d survey.Definition
	err := validation.DecodeStrict([]byte(raw), &d)
	e, ok := fault.As(err)
	if !ok || e.Kind != fault.Invalid {
		t.Fatalf("err = %v", err)
	}
	got := map[string]bool{}
	for _, p := range e.Problems {
		got[p.Path] = true
	}
	for _, want := range []string{"year", "units[0].catgory", "scoring.seed"} {
		if !got[want] {
			t.Errorf("no problem at %s: %v", want, err)
		}
	}
	err = validation.DecodeStrict([]byte("{\n  \"code\": \"x\",,\n}"), &d)
	if !fault.Is(err, fault.Malformed) || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("syntax error: %v", err)
	}
}

func TestAHPWeightsAreDerivedStoredAndChecked(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		d := surveytest.ExampleDefinition(t)
		for i := range d.Indicators[:3] {
			d.Indicators[i].Weight = nil
		}
		// Efficiency twice as important as attitude, three times quality.
		d.AHP = [][]float64{{1, 2, 3}, {0.5, 1, 1.5}, {0.3333, 0.6667, 1}}
		st, err := s.Create(ctx, d, audit.Actor{Login: "admin"})
		if err != nil {
			t.Fatal(err)
		}
		w := st.MainWeights
		if len(w) != 3 || w[0] < 0.545 || w[0] > 0.546 || w[1] < 0.272 || w[1] > 0.273 {
			t.Fatalf("AHP weights %v, want about 6/11, 3/11, 2/11", w)
		}
		if st.AHPCR > 0.001 {
			t.Fatalf("a consistent matrix has CR %v", st.AHPCR)
		}
		if got := st.Definition(); got.Indicators[0].Weight != nil || got.AHP == nil {
			t.Fatalf("the definition does not round-trip the AHP form: %+v", got.Indicators[0])
		}
		renamed, err := s.Update(ctx, d.Code, audit.Actor{Login: "admin"}, "indicator.update", func(d *survey.Definition) error {
			d.Indicators[0].Name = "办事效率"
			return nil
		})
		if err != nil || !reflect.DeepEqual(renamed.MainWeights, w) {
			t.Fatalf("a rename changed the weights: %v → %v (%v)", w, renamed.MainWeights, err)
		}
		bad := surveytest.ExampleDefinition(t)
		bad.Code = "inconsistent"
		for i := range bad.Indicators[:3] {
			bad.Indicators[i].Weight = nil
		}
		bad.AHP = [][]float64{{1, 9, 0.2}, {0.1111, 1, 7}, {5, 0.1429, 1}}
		_, err = s.Create(ctx, bad, audit.Actor{Login: "admin"})
		e, ok := fault.As(err)
		if !ok || len(e.Problems) != 1 || e.Problems[0].Path != "ahp" || !strings.Contains(e.Problems[0].Reason.String(), "CR = ") ||
			!strings.Contains(e.Problems[0].Reason.In("zh"), "一致性") {
			t.Fatalf("inconsistent matrix: %v", err)
		}
	})
}
