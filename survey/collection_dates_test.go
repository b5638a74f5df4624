package survey_test

import (
	"context"
	"testing"
	"time"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/survey/surveytest"
)

// A campaign loaded after the fact is dated when its collection ran, once
// collection is over, backwards only.
func TestCollectionDatesOfACampaignLoadedAfterTheFact(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		s.Create(ctx, surveytest.ExampleDefinition(t), audit.Actor{Login: "admin"})
		opened := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
		closed := opened.AddDate(0, 0, 20)
		s.SetStatus(ctx, "2026-annual", survey.Open, audit.Actor{Login: "admin"})
		if err := s.SetCollectionDates(ctx, "2026-annual", opened, closed, audit.Actor{Login: "admin"}); !fault.Is(err, fault.Conflict) {
			t.Fatalf("dated while collecting: %v", err)
		}
		s.SetStatus(ctx, "2026-annual", survey.Closed, audit.Actor{Login: "admin"})
		for _, bad := range [][2]time.Time{{closed, opened}, {opened, time.Now().AddDate(1, 0, 0)}} {
			if err := s.SetCollectionDates(ctx, "2026-annual", bad[0], bad[1], audit.Actor{Login: "admin"}); !fault.Is(err, fault.Invalid) {
				t.Fatalf("dates %v accepted: %v", bad, err)
			}
		}
		if err := s.SetCollectionDates(ctx, "2026-annual", opened, closed, audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
		st, _ := s.Structure(ctx, "2026-annual")
		if !st.Campaign.OpenedAt.Equal(opened) || !st.Campaign.ClosedAt.Equal(closed) {
			t.Fatalf("dated %v to %v", st.Campaign.OpenedAt, st.Campaign.ClosedAt)
		}
	})
}
