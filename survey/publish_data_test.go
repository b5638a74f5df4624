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

// publish_data, for the campaign and per group: a wrong value anywhere is
// named by its JSON path; a group without its own takes the campaign's.
func TestPublishDataIsCheckedAndResolvedPerGroup(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		d := surveytest.ExampleDefinition(t)
		d.PublishData, d.Groups[1].PublishData = "private", "hidden"
		_, err := s.Create(ctx, d, audit.Actor{Login: "cli"})
		e, ok := fault.As(err)
		if !ok || e.Kind != fault.Invalid {
			t.Fatalf("err = %v, want invalid", err)
		}
		var paths []string
		for _, p := range e.Problems {
			paths = append(paths, p.Path)
		}
		if want := []string{"publish_data", "groups[1].publish_data"}; !reflect.DeepEqual(paths, want) {
			t.Fatalf("problems at %v, want %v", paths, want)
		}

		d.PublishData, d.Groups[1].PublishData = survey.PublishNone, survey.PublishResponses
		if _, err := s.Create(ctx, d, audit.Actor{Login: "cli"}); err != nil {
			t.Fatal(err)
		}
		st, err := s.Structure(ctx, d.Code)
		if err != nil {
			t.Fatal(err)
		}
		var withheld []bool
		for _, g := range st.Groups {
			withheld = append(withheld, g.Withheld())
		}
		if want := []bool{true, false, true}; !reflect.DeepEqual(withheld, want) {
			t.Fatalf("withheld per group %v, want %v", withheld, want)
		}
	})
}
