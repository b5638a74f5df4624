package survey_test

import (
	"context"
	"encoding/json"
	"testing"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/survey/surveytest"
	"pingyi/validation"
)

// withOrganizer is the SPEC example with its "organizer" (and "series")
// replaced by raw JSON, decoded as the API decodes definitions.
func withOrganizer(t *testing.T, organizer, series string) (survey.Definition, error) {
	t.Helper()
	raw, err := json.Marshal(surveytest.ExampleDefinition(t))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	doc["organizer"] = json.RawMessage(organizer)
	if series != "" {
		doc["series"] = json.RawMessage(series)
	}
	raw, _ = json.Marshal(doc)
	var d survey.Definition
	return d, validation.DecodeStrict(raw, &d)
}

func TestOrganizerIsAnObjectOrTheDefaultOrganisersName(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		d, err := withOrganizer(t, `"市社会满意度测评工作领导小组办公室"`, "")
		if err != nil {
			t.Fatal(err)
		}
		st, err := s.Create(ctx, d, audit.Actor{Login: "cli"})
		if err != nil {
			t.Fatal(err)
		}
		if c := st.Campaign; c.OrganizerCode != "default" || c.Organizer != "市社会满意度测评工作领导小组办公室" || c.Series != "default-annual" {
			t.Fatalf("a plain name: organiser %q named %q, series %q", c.OrganizerCode, c.Organizer, c.Series)
		}
		d, err = withOrganizer(t, `{"code": "county-a", "name": "某县测评办"}`, `"county-a-yearly"`)
		if err != nil {
			t.Fatal(err)
		}
		d.Code = "county-2026"
		st, err = s.Create(ctx, d, audit.Actor{Login: "cli"})
		if err != nil {
			t.Fatal(err)
		}
		if c := st.Campaign; c.OrganizerCode != "county-a" || c.Organizer != "某县测评办" || c.Series != "county-a-yearly" {
			t.Fatalf("an object: organiser %q named %q, series %q", c.OrganizerCode, c.Organizer, c.Series)
		}
		if owner, err := s.OrganizerOf(ctx, "county-2026"); err != nil || owner != "county-a" {
			t.Fatalf("OrganizerOf = %q, %v", owner, err)
		}
	})
}

func TestMalformedOrganizerIsRefusedByName(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		for _, tc := range []struct{ organizer, series, path string }{
			{`42`, "", "organizer"},
			{`{"name": "no code"}`, "", "organizer"},
			{`{"code": "city", "nmae": "typo"}`, "", "organizer"},
			{`{"code": "市 办", "name": "x"}`, "", "organizer.code"},
			{`{"code": "city", "name": "x"}`, `"not a code!"`, "series"},
		} {
			d, err := withOrganizer(t, tc.organizer, tc.series)
			if err != nil {
				t.Fatalf("%s: decoding refused before validation: %v", tc.organizer, err)
			}
			_, err = s.Create(context.Background(), d, audit.Actor{Login: "cli"})
			if !fault.Is(err, fault.Invalid) || !hasProblemAt(err, tc.path) {
				t.Fatalf("%s / %s: %v, want a problem at %q", tc.organizer, tc.series, err, tc.path)
			}
		}
		if list, err := s.Campaigns(context.Background()); err != nil || len(list) != 0 {
			t.Fatalf("something was written: %d campaigns, %v", len(list), err)
		}
	})
}

func hasProblemAt(err error, path string) bool {
	e, ok := fault.As(err)
	if !ok {
		return false
	}
	for _, p := range e.Problems {
		if p.Path == path {
			return true
		}
	}
	return false
}
