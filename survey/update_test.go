package survey_test

import (
	"context"
	"testing"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/survey/surveytest"
)

func TestUpdateKeepsIdsAndVersionsEveryEdit(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		st, err := s.Create(ctx, surveytest.ExampleDefinition(t), audit.Actor{Login: "admin"})
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]int64{}
		for _, u := range st.Units {
			ids[u.Code] = u.ID
		}
		renamed, err := s.Update(ctx, "2026-annual", audit.Actor{Login: "admin"}, "unit.update", func(d *survey.Definition) error {
			d.Units[2].Name = "市教育局（更名）"
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if renamed.Campaign.StructureVersion != st.Campaign.StructureVersion+1 || renamed.Units[2].Name != "市教育局（更名）" {
			t.Fatalf("a rename gave version %d and name %q", renamed.Campaign.StructureVersion, renamed.Units[2].Name)
		}
		moved, err := s.Update(ctx, "2026-annual", audit.Actor{Login: "admin"}, "campaign.replace", func(d *survey.Definition) error {
			d.Units[0], d.Units[2] = d.Units[2], d.Units[0]
			d.Units = append(d.Units, survey.UnitDef{Code: "U003", Name: "市民政局", Category: "service"})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if moved.Campaign.StructureVersion != st.Campaign.StructureVersion+2 {
			t.Fatalf("structure version %d after a structural change", moved.Campaign.StructureVersion)
		}
		if moved.Units[0].Code != "U002" || moved.Units[0].Name != "市教育局（更名）" || len(moved.Units) != 4 {
			t.Fatalf("units after update: %+v", moved.Units)
		}
		for _, u := range moved.Units {
			if id, ok := ids[u.Code]; ok && id != u.ID {
				t.Errorf("unit %s changed id from %d to %d", u.Code, id, u.ID)
			}
		}
		station := moved.Units[1]
		if station.Code != "U001-1" || station.ParentID == nil || *station.ParentID != ids["U001"] {
			t.Fatalf("station lost its parent: %+v", station)
		}
	})
}

func TestOpenCampaignAcceptsRenamesButNotStructure(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		s.Create(ctx, surveytest.ExampleDefinition(t), audit.Actor{Login: "admin"})
		if _, err := s.SetStatus(ctx, "2026-annual", survey.Open, audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
		_, err := s.Update(ctx, "2026-annual", audit.Actor{Login: "admin"}, "group.update", func(d *survey.Definition) error {
			w := 0.7
			d.Groups[0].Weight = &w
			return nil
		})
		if !fault.Is(err, fault.Conflict) {
			t.Fatalf("weight change while open: %v", err)
		}
		st, _ := s.Structure(ctx, "2026-annual")
		if st.Groups[0].Weight != 0.6 {
			t.Fatalf("rejected change was written: weight %v", st.Groups[0].Weight)
		}
		st, err = s.Update(ctx, "2026-annual", audit.Actor{Login: "admin"}, "group.update", func(d *survey.Definition) error {
			d.Groups[0].Name = "群众代表"
			return nil
		})
		if err != nil || st.Groups[0].Name != "群众代表" {
			t.Fatalf("rename while open: %v", err)
		}
	})
}

func TestLifecycle(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		s.Create(ctx, surveytest.ExampleDefinition(t), audit.Actor{Login: "admin"})
		steps := []struct {
			to survey.Status
			ok bool
		}{
			{survey.Closed, false}, {survey.Review, false}, {survey.Published, false},
			{survey.Open, true}, {survey.Draft, true}, {survey.Open, true}, {survey.Closed, true},
			{survey.Open, true}, {survey.Closed, true}, {survey.Review, true}, {survey.Open, false},
			{survey.Published, false},
		}
		for i, step := range steps {
			_, err := s.SetStatus(ctx, "2026-annual", step.to, audit.Actor{Login: "admin"})
			if step.ok != (err == nil) {
				t.Fatalf("step %d to %s: err = %v", i, step.to, err)
			}
			if !step.ok && !fault.Is(err, fault.Conflict) {
				t.Fatalf("step %d: refused with %v, want a conflict", i, err)
			}
		}
	})
}
