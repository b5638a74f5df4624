package survey_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/survey/surveytest"
	"pingyi/validation"
)

// withHotline is the SPEC example with SPEC's hotline component.
func withHotline(t *testing.T, extra string) survey.Definition {
	t.Helper()
	raw := `{"components": {"survey": 0.8, "hotline": 0.2},
		"hotline": {"from": "2026-01-01", "to": "2027-01-01", "min_cases": 20` + extra + `,
			"rates": {"response": 0.1, "on_time": 0.3, "resolution": 0.3, "satisfaction": 0.3}}}`
	d := surveytest.ExampleDefinition(t)
	if err := validation.DecodeStrict([]byte(raw), &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestHotlineComponentIsAcceptedAndResolved(t *testing.T) {
	v := validation.New()
	d := withHotline(t, "")
	if err := survey.Validate(v, &d); err != nil {
		t.Fatalf("SPEC's hotline example refused: %v", err)
	}
	h := d.ScoringHotline()
	want := [5]float64{0.1, 0.3, 0.3, 0.3, 0}
	if h == nil || h.Survey != 0.8 || h.Hotline != 0.2 || h.MinCases != 20 || h.MinRateN != survey.DefaultMinRateN || h.Weights != want {
		t.Errorf("scoring hotline = %+v", h)
	}
	d = withHotline(t, `, "min_rate_n": 12`)
	if err := survey.Validate(v, &d); err != nil || d.ScoringHotline().MinRateN != 12 {
		t.Errorf("min_rate_n 12: %v, %+v", err, d.ScoringHotline())
	}
	if plain := surveytest.ExampleDefinition(t); plain.ScoringHotline() != nil {
		t.Error("a definition without components has a hotline component")
	}
}

func TestHotlineComponentProblemsAllListed(t *testing.T) {
	raw := `{"components": {"survey": 0, "hotline": 0.2, "phone": 1},
		"hotline": {"from": "2027-01-01", "to": "2026-13-01", "min_cases": 0, "min_rate_n": 0,
			"rates": {"response": -1, "speed": 1}}}`
	d := surveytest.ExampleDefinition(t)
	if err := validation.DecodeStrict([]byte(raw), &d); err != nil {
		t.Fatal(err)
	}
	err := survey.Validate(validation.New(), &d)
	e, ok := fault.As(err)
	if !ok || e.Kind != fault.Invalid {
		t.Fatalf("accepted: %v", err)
	}
	want := map[string]string{
		"components.survey":      "positive number",
		"components.phone":       `unknown component "phone"`,
		"hotline.to":             `"2026-13-01" is not a date`,
		"hotline.rates.response": "must not be negative",
		"hotline.rates.speed":    `unknown rate "speed"`,
		"hotline.rates":          "at least one rate needs a positive weight",
		"hotline.min_cases":      "at least 1",
		"hotline.min_rate_n":     "at least 1",
	}
	assertProblems(t, e, want)

	// from after to, and each half of the pair without the other.
	d = withHotline(t, "")
	d.Hotline.From = "2027-06-01"
	assertProblems(t, validateErr(t, d), map[string]string{"hotline.to": "end after it starts"})
	d = withHotline(t, "")
	d.Hotline = nil
	assertProblems(t, validateErr(t, d), map[string]string{"hotline": "give its settings"})
	d = withHotline(t, "")
	d.Components = map[string]float64{"survey": 1}
	assertProblems(t, validateErr(t, d), map[string]string{"hotline": "no hotline weight"})
	d = withHotline(t, "")
	d.Components = map[string]float64{"hotline": 1}
	assertProblems(t, validateErr(t, d), map[string]string{"components.survey": "needs a weight"})

	// A weight that is not a number is the decoder's to name.
	d = surveytest.ExampleDefinition(t)
	if err := validation.DecodeStrict([]byte(`{"components": {"survey": "much"}}`), &d); !fault.Is(err, fault.Invalid) {
		t.Errorf("a text weight: %v", err)
	} else if e, _ := fault.As(err); len(e.Problems) != 1 || e.Problems[0].Path != "components.survey" {
		t.Errorf("a text weight: %+v", e.Problems)
	}
}

func validateErr(t *testing.T, d survey.Definition) *fault.Error {
	t.Helper()
	e, ok := fault.As(survey.Validate(validation.New(), &d))
	if !ok {
		t.Fatal("accepted")
	}
	return e
}

// assertProblems checks that e lists exactly the problems wanted, by path.
func assertProblems(t *testing.T, e *fault.Error, want map[string]string) {
	t.Helper()
	got := map[string]string{}
	for _, p := range e.Problems {
		got[p.Path] = p.Reason.String()
	}
	for path, reason := range want {
		if r, ok := got[path]; !ok || !strings.Contains(r, reason) {
			t.Errorf("%s: %q, want a problem containing %q", path, r, reason)
		}
	}
	if len(got) != len(want) {
		t.Errorf("problems %v, want exactly %d", got, len(want))
	}
}

// A campaign keeps its components and hotline settings: the structure read
// back gives the same scoring hotline, period and definition.
func TestHotlineComponentSurvivesStorage(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s, ctx := newStore(t, db), context.Background()
		d := withHotline(t, `, "min_rate_n": 7`)
		if _, err := s.Create(ctx, d, audit.Actor{Login: "cli"}); err != nil {
			t.Fatal(err)
		}
		st, err := s.Structure(ctx, d.Code)
		if err != nil {
			t.Fatal(err)
		}
		h := st.ScoringHotline()
		want := [5]float64{0.1, 0.3, 0.3, 0.3, 0}
		if h == nil || h.Survey != 0.8 || h.Hotline != 0.2 || h.MinCases != 20 || h.MinRateN != 7 || h.Weights != want {
			t.Fatalf("stored hotline = %+v", h)
		}
		from, to, ok := st.HotlinePeriod()
		if !ok || from.UTC().Format(time.RFC3339) != "2025-12-31T16:00:00Z" || to.UTC().Format(time.RFC3339) != "2026-12-31T16:00:00Z" {
			t.Errorf("period = %v, %v, %v", from, to, ok)
		}
		back := st.Definition()
		if !reflect.DeepEqual(back.Components, d.Components) || !reflect.DeepEqual(back.Hotline, d.Hotline) {
			t.Errorf("definition round trip: %v %+v", back.Components, back.Hotline)
		}
		// An edit that drops the components removes them.
		st, err = s.Update(ctx, d.Code, audit.Actor{Login: "cli"}, "campaign.update", func(d *survey.Definition) error {
			d.Components, d.Hotline = nil, nil
			return nil
		})
		if err != nil || st.ScoringHotline() != nil || st.Campaign.Components != nil {
			t.Errorf("after dropping the components: %v, %+v", err, st.ScoringHotline())
		}
		if _, _, ok := st.HotlinePeriod(); ok {
			t.Error("a campaign without components has a hotline period")
		}
	})
}
