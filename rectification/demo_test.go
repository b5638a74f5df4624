package rectification

import (
	"testing"

	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// The demo makes tasks in every state, some overdue, one returned and
// re-submitted, several closed with evidence, the same every time.
func TestDemoCoversEveryState(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		in := DemoInput{Campaign: "2025-annual", Version: 1, Units: []string{"tax", "police", "water"},
			Opened: china("2026-09-01", 10), Member: member, Liaison: liaison}
		s := f.on("2026-11-30", 12)
		f.must(Demo(ctx, s, in))
		tasks, err := s.Tasks(ctx, "2025-annual")
		f.must(err)
		status := map[Status]int{}
		overdue, returned, closedWithFiles := 0, 0, 0
		for _, tk := range tasks {
			status[tk.Status]++
			if tk.Overdue {
				overdue++
			}
			full := f.task(tk.ID)
			files := 0
			for _, st := range full.Steps {
				if st.Kind == "returned" {
					returned++
				}
				files += len(st.Files)
			}
			if tk.Status == Closed && files > 0 {
				closedWithFiles++
			}
		}
		if len(tasks) != 8 || status[Open] != 1 || status[InProgress] != 2 || status[CloseRequested] != 1 || status[Closed] != 4 {
			t.Fatalf("%d tasks by status %v", len(tasks), status)
		}
		if overdue < 2 || returned != 1 || closedWithFiles != 4 {
			t.Fatalf("overdue %d, returned %d, closed with files %d", overdue, returned, closedWithFiles)
		}
		units, err := s.Public(ctx, "2025-annual", china("2026-11-30", 12))
		f.must(err)
		late := 0
		for _, u := range units {
			late += u.Rates.Closed - u.Rates.OnTime
		}
		if late != 1 {
			t.Fatalf("%d closed late; the demo closes one late", late)
		}
		if pending, _ := s.PendingFollowUps(ctx); len(pending) != 0 {
			t.Fatalf("the demo's appeal task's follow-up is unanswered: %+v", pending)
		}
	})
}
