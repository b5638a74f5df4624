package demo_test

import (
	"context"
	"testing"
	"time"

	"pingyi/demo"
	"pingyi/rectification"
	"pingyi/storage/storagetest"
)

// Last year's campaign comes with its rectification tasks in every
// state, the liaison's unit among them, and the appeal task names a case
// the ledger knows.
func TestDemoHasLastYearsTasks(t *testing.T) {
	for _, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			a := openApp(t, d)
			ctx := context.Background()
			if _, err := demo.Load(ctx, a); err != nil {
				t.Fatal(err)
			}
			tasks, err := a.Rectification.Tasks(ctx, demo.PreviousCode)
			if err != nil {
				t.Fatal(err)
			}
			status := map[rectification.Status]int{}
			overdue, liaison := 0, 0
			for _, tk := range tasks {
				status[tk.Status]++
				if tk.Overdue {
					overdue++
				}
				if tk.Unit == "U001" {
					liaison++
				}
				if tk.Source.Kind == rectification.FromAppeal {
					if known, err := a.Appeals.CaseKnown(ctx, tk.Source.Case); err != nil || !known {
						t.Fatalf("the appeal task names case %q, unknown to the ledger", tk.Source.Case)
					}
				}
			}
			if len(tasks) != 8 || status[rectification.Closed] != 4 || status[rectification.CloseRequested] != 1 || overdue < 2 || liaison == 0 {
				t.Fatalf("%d tasks by status %v, %d overdue, %d of U001", len(tasks), status, overdue, liaison)
			}
			// What the tasks add to the demo's load time.
			start := time.Now()
			in := rectification.DemoInput{Campaign: "timing", Version: 1, Units: []string{"U001", "U002"}, Opened: time.Now().AddDate(0, -3, 0)}
			if err := rectification.Demo(ctx, rectification.New(a.DB, a.Audit, a.Calendar), in); err != nil {
				t.Fatal(err)
			}
			t.Logf("the rectification demo takes %v", time.Since(start))
		})
	}
}
