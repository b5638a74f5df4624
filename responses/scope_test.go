package responses_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/survey/surveytest"
)

// openScoped opens SPEC's example with officials scoped to U002 and
// deputies to the departments (level 1).
func openScoped(t *testing.T, s stores) {
	t.Helper()
	ctx := context.Background()
	d := surveytest.ExampleDefinition(t)
	for g, raw := range map[int]string{1: `{"levels": [1]}`, 2: `{"list": ["U002"]}`} {
		var sc survey.UnitScope
		json.Unmarshal([]byte(raw), &sc)
		d.Groups[g].Units = &sc
	}
	if _, err := s.Create(ctx, d, audit.Actor{Login: "admin"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetStatus(ctx, "2026-annual", survey.Open, audit.Actor{Login: "admin"}); err != nil {
		t.Fatal(err)
	}
}

func problemPaths(t *testing.T, err error) []string {
	t.Helper()
	e, ok := fault.As(err)
	if !ok || e.Kind != fault.Invalid {
		t.Fatalf("err = %v, want invalid", err)
	}
	var out []string
	for _, p := range e.Problems {
		out = append(out, p.Path)
	}
	return out
}

// A rating or a comment of a unit outside the group's scope, or outside
// what the respondent was asked about, is refused naming it; nothing is
// stored. Inside, the same response is taken.
func TestSubmitRefusesUnitsOutsideScope(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		openScoped(t, s)
		ctx := context.Background()
		officials := responses.Submission{Group: "officials", Channel: responses.Web, Answers: []responses.Answer{
			{Unit: "U002", Indicator: "efficiency", Option: "A"},
			{Unit: "U001", Indicator: "efficiency", Option: "A"},
		}, Comments: map[string]string{"U001-1": "好"}}
		_, err := s.Submit(ctx, "2026-annual", officials)
		if got, want := problemPaths(t, err), []string{"answers[1].unit", "comments.U001-1"}; !reflect.DeepEqual(got, want) {
			t.Fatalf("problems at %v, want %v", got, want)
		}
		deputies := responses.Submission{Group: "deputies", Channel: responses.Web, Answers: []responses.Answer{
			{Unit: "U001", Indicator: "efficiency", Option: "A"}, {Unit: "U002", Indicator: "efficiency", Option: "B"},
		}, Within: []string{"U001"}}
		_, err = s.Submit(ctx, "2026-annual", deputies)
		if got := problemPaths(t, err); !reflect.DeepEqual(got, []string{"answers[1].unit"}) {
			t.Fatalf("an answer outside Within: problems at %v", got)
		}
		var n int64
		db.Gorm.Model(&responses.Response{}).Count(&n)
		if n != 0 {
			t.Fatalf("%d responses stored from refused submissions", n)
		}
		deputies.Within = nil
		officials.Answers, officials.Comments = officials.Answers[:1], nil
		for _, sub := range []responses.Submission{deputies, officials} {
			if _, err := s.Submit(ctx, "2026-annual", sub); err != nil {
				t.Fatalf("%s inside scope: %v", sub.Group, err)
			}
		}
	})
}

// A paper import names the line and column of a unit outside its row's
// group, and imports nothing.
func TestImportRefusesUnitsOutsideScope(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		openScoped(t, s)
		file := header +
			"P-1,officials,U002,efficiency,A,,,,,\n" +
			"P-2,deputies,U001-1,efficiency,A,,,,,\n" +
			"P-3,public,U001-1,efficiency,A,,,,,\n"
		_, err := importCSV(t, s, "2026-annual", file)
		e, _ := fault.As(err)
		if e == nil || len(e.Problems) != 1 || e.Problems[0].Path != "line 3, column unit_code" {
			t.Fatalf("err = %v (%+v), want one problem on line 3", err, e)
		}
		var n int64
		db.Gorm.Model(&responses.Response{}).Count(&n)
		if n != 0 {
			t.Fatalf("%d responses imported from a refused file", n)
		}
	})
}
