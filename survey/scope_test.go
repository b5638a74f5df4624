package survey_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/survey/surveytest"
	"pingyi/validation"
)

// scopeOf decodes a group's "units" as an uploaded definition is decoded.
func scopeOf(t *testing.T, raw string) *survey.UnitScope {
	t.Helper()
	var s survey.UnitScope
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatal(err)
	}
	return &s
}

// A scope naming unknown units or levels, or of another shape, is refused
// with each JSON path named and nothing written.
func TestGroupScopeProblemsAreNamed(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		d := surveytest.ExampleDefinition(t)
		d.Groups[0].Units = scopeOf(t, `"everyone"`)
		d.Groups[1].Units = scopeOf(t, `{"list": ["U001", "U404", "U001"]}`)
		d.Groups[2].Units = scopeOf(t, `{"levels": [1, 3]}`)
		_, err := s.Create(ctx, d, audit.Actor{Login: "cli"})
		e, ok := fault.As(err)
		if !ok || e.Kind != fault.Invalid {
			t.Fatalf("err = %v, want invalid", err)
		}
		var paths []string
		for _, p := range e.Problems {
			paths = append(paths, p.Path)
		}
		want := []string{"groups[0].units", "groups[1].units.list[1]", "groups[1].units.list[2]", "groups[2].units.levels[1]"}
		if !reflect.DeepEqual(paths, want) {
			t.Fatalf("problems at %v, want %v (%v)", paths, want, e.Problems)
		}
		if _, err := s.Campaign(ctx, d.Code); !fault.Is(err, fault.NotFound) {
			t.Fatalf("a refused definition was written: %v", err)
		}
	})
}

// Shapes the decoder takes as malformed: both keys, an unknown key, a
// number. An empty list names no unit.
func TestGroupScopeShapes(t *testing.T) {
	for raw, path := range map[string]string{
		`{"levels": [1], "list": ["U001"]}`: "groups[0].units",
		`{"stations": true}`:                "groups[0].units",
		`7`:                                 "groups[0].units",
		`{"list": []}`:                      "groups[0].units",
		`{"levels": [0]}`:                   "groups[0].units.levels[0]",
	} {
		d := surveytest.ExampleDefinition(t)
		d.Groups[0].Units = scopeOf(t, raw)
		e, ok := fault.As(survey.Validate(validation.New(), &d))
		if !ok || len(e.Problems) != 1 || e.Problems[0].Path != path {
			t.Errorf("%s: %v, want one problem at %s", raw, e, path)
		}
	}
}

// Each shape is stored, read back into which units a group rates, and
// written back as it was given.
func TestGroupScopeIsKept(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		d := surveytest.ExampleDefinition(t)
		d.Groups[0].Units = scopeOf(t, `"screen"`)
		d.Groups[1].Units = scopeOf(t, `{"levels": [2]}`)
		d.Groups[2].Units = scopeOf(t, `{"list": ["U002"]}`)
		st, err := s.Create(ctx, d, audit.Actor{Login: "cli"})
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, u := range st.Units {
			codes = append(codes, u.Code)
		}
		if !reflect.DeepEqual(codes, []string{"U001", "U001-1", "U002"}) {
			t.Fatalf("example units changed: %v", codes)
		}
		want := map[int][]int{0: {0, 1, 2}, 1: {1}, 2: {2}}
		for g, units := range want {
			if got := st.ScopeUnits(g); !reflect.DeepEqual(got, units) {
				t.Errorf("group %s rates units %v, want %v", st.Groups[g].Code, got, units)
			}
		}
		if !st.Groups[0].Screens() || st.Groups[1].Screens() || st.InScope(2, 0) || !st.InScope(1, 1) {
			t.Fatalf("scopes read back wrong: %+v", st.Groups)
		}
		back, _ := json.Marshal(st.Definition().Groups)
		var groups []map[string]any
		json.Unmarshal(back, &groups)
		gotUnits := []any{groups[0]["units"], groups[1]["units"], groups[2]["units"]}
		wantUnits := []any{"screen", map[string]any{"levels": []any{2.0}}, map[string]any{"list": []any{"U002"}}}
		if !reflect.DeepEqual(gotUnits, wantUnits) {
			t.Fatalf("written back as %v, want %v", gotUnits, wantUnits)
		}
	})
}
