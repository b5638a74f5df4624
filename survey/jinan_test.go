package survey_test

import (
	"reflect"
	"testing"

	"pingyi/survey"
	"pingyi/survey/surveytest"
	"pingyi/validation"
)

// The generated Jinan-sized campaign is valid and has the sizes issue 11
// names; its respondents are the same on every call and rate only units
// their group may rate.
func TestJinanDefinitionHasItsSizes(t *testing.T) {
	d := surveytest.JinanDefinition()
	if err := survey.Validate(validation.New(), &d); err != nil {
		t.Fatal(err)
	}
	departments, parents, windows := 0, map[string]bool{}, 0
	isStation := map[string]bool{}
	for _, u := range d.Units {
		switch {
		case u.Parent == nil:
			departments++
		case isStation[*u.Parent]:
			windows++
		default:
			parents[*u.Parent] = true
		}
		if u.Parent != nil {
			isStation[u.Code] = true
		}
	}
	if len(d.Units) != surveytest.JinanUnits || departments != 128 || len(parents) != 72 || windows == 0 {
		t.Fatalf("%d units, %d departments, %d with stations, %d windows", len(d.Units), departments, len(parents), windows)
	}
	count, ratings := 0, 0
	var first surveytest.JinanRespondent
	for r := range surveytest.JinanRespondents(d) {
		if count == 0 {
			first = r
		}
		count++
		ratings += len(r.Ratings)
		if r.Group > 0 {
			for _, u := range r.Units {
				if d.Units[u].Parent != nil {
					t.Fatalf("respondent %d of group %d rates station %s", count, r.Group, d.Units[u].Code)
				}
			}
		}
	}
	for again := range surveytest.JinanRespondents(d) {
		if !reflect.DeepEqual(again, first) {
			t.Fatal("two calls give different respondents")
		}
		break
	}
	if count != surveytest.JinanRespondentCount || ratings/count < 12 || ratings/count > 40 {
		t.Fatalf("%d respondents, %d ratings", count, ratings)
	}
}
