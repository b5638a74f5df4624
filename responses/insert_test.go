package responses_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"pingyi/fault"
	"pingyi/responses"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// TestInsertResponsesIsAllOrNothing stores responses over several of the
// writer's batches, then refuses two sets that go wrong only in their last
// response (one rating outside the campaign, one ref already stored):
// nothing of either is left behind.
func TestInsertResponsesIsAllOrNothing(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		st := openExample(t, s)
		ctx := context.Background()
		at := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
		many := func(prefix string, n int) []responses.NewResponse {
			rs := make([]responses.NewResponse, n)
			for i := range rs {
				rs[i] = responses.NewResponse{Ref: fmt.Sprintf("%s-%04d", prefix, i), Weight: 1.5, Channel: responses.Paper,
					Stratum: "district-1", SubmittedAt: at.Add(time.Duration(i) * time.Second),
					Ratings: []responses.Rating{{Unit: 0, Indicator: i % 4, Option: i % 4}}}
				if i%700 == 0 {
					rs[i].Comments = map[int]string{0: "意见 " + rs[i].Ref}
				}
			}
			return rs
		}
		if err := s.InsertResponses(ctx, st, many("A", 2100)); err != nil {
			t.Fatal(err)
		}
		stored := func() (responses, comments int64, weights float64) {
			t.Helper()
			db.Gorm.Raw("SELECT COUNT(*), SUM(weight) FROM responses").Row().Scan(&responses, &weights)
			db.Gorm.Raw("SELECT COUNT(*) FROM response_comments").Scan(&comments)
			return
		}
		if n, c, w := stored(); n != 2100 || c != 3 || w != 3150 {
			t.Fatalf("stored %d responses weighing %g with %d comments, want 2100, 3150 and 3", n, w, c)
		}
		var last struct {
			Ref, Stratum, Channel string
			SubmittedAt           time.Time
		}
		db.Gorm.Raw("SELECT ref, stratum, channel, submitted_at FROM responses WHERE ref = ?", "A-2099").Scan(&last)
		if last.Stratum != "district-1" || last.Channel != "paper" || !last.SubmittedAt.Equal(at.Add(2099*time.Second)) {
			t.Errorf("the last response reads back as %+v", last)
		}

		outside := many("B", 1500)
		outside[1499].Ratings[0].Unit = len(st.Units)
		if err := s.InsertResponses(ctx, st, outside); !fault.Is(err, fault.Invalid) {
			t.Errorf("a rating outside the campaign: want invalid, got %v", err)
		}
		held := many("C", 1500)
		held[1499].Ref = "A-0001"
		if err := s.InsertResponses(ctx, st, held); !fault.Is(err, fault.Conflict) {
			t.Errorf("a ref already stored: want a conflict, got %v", err)
		}
		if n, c, _ := stored(); n != 2100 || c != 3 {
			t.Errorf("after the refusals %d responses and %d comments, want 2100 and 3", n, c)
		}
	})
}
