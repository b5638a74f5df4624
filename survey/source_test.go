package survey_test

import (
	"context"
	"reflect"
	"testing"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/survey/surveytest"
)

// A group's source: an unknown one, or a drawn group on the open link, is
// named by its JSON path; a drawn first group leaves the open link to the
// next one; the source is stored and written back.
func TestGroupSourceIsCheckedAndKept(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		d := surveytest.ExampleDefinition(t)
		yes := true
		d.Groups[0].Source, d.Groups[0].OpenLink = survey.SourceDraw, &yes
		d.Groups[2].Source = "phone"
		_, err := s.Create(ctx, d, audit.Actor{Login: "cli"})
		e, ok := fault.As(err)
		if !ok || e.Kind != fault.Invalid {
			t.Fatalf("err = %v, want invalid", err)
		}
		var paths []string
		for _, p := range e.Problems {
			paths = append(paths, p.Path)
		}
		if want := []string{"groups[0].open_link", "groups[2].source"}; !reflect.DeepEqual(paths, want) {
			t.Fatalf("problems at %v, want %v", paths, want)
		}

		d.Groups[0].OpenLink, d.Groups[2].Source = nil, survey.SourceExternal
		if _, err := s.Create(ctx, d, audit.Actor{Login: "cli"}); err != nil {
			t.Fatal(err)
		}
		st, err := s.Structure(ctx, d.Code)
		if err != nil {
			t.Fatal(err)
		}
		var sources []string
		var open []bool
		for _, g := range st.Groups {
			sources, open = append(sources, g.Source), append(open, g.OpenLink)
		}
		if want := []string{"draw", "", "external"}; !reflect.DeepEqual(sources, want) || !st.Groups[0].FromDraw() || !st.Groups[2].External() {
			t.Fatalf("sources %v, want %v", sources, want)
		}
		if want := []bool{false, true, false}; !reflect.DeepEqual(open, want) {
			t.Fatalf("open link %v, want %v: a drawn group never answers through it", open, want)
		}
		if back := st.Definition(); back.Groups[0].Source != survey.SourceDraw || back.Groups[2].Source != survey.SourceExternal {
			t.Fatalf("the definition written back loses the sources: %+v", back.Groups)
		}
	})
}
