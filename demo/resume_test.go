package demo_test

import (
	"context"
	"errors"
	"testing"

	"pingyi/app"
	"pingyi/demo"
	"pingyi/phone"
	"pingyi/storage/storagetest"
	"pingyi/survey"
)

// A demo load stopped at any step (the serve process killed) is completed
// by the next start, and nothing it had stored is stored twice.
func TestAnInterruptedDemoLoadIsCompletedOnTheNextStart(t *testing.T) {
	for _, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			a := openApp(t, d)
			ctx := context.Background()
			crash := errors.New("killed")
			defer demo.FailAfter("", nil)
			for _, step := range []string{"accounts", demo.PreviousCode + " responses", demo.PreviousCode + " review",
				demo.PreviousCode + " approved by weiyuan2", demo.CampaignCode + " opened", "phone frame", "phone draw witnessed", "phone interviews", "appeals ledger"} {
				demo.FailAfter(step, crash)
				if loaded, err := demo.Load(ctx, a); !errors.Is(err, crash) || loaded {
					t.Fatalf("a load stopped after %q: %v %v", step, loaded, err)
				}
			}
			demo.FailAfter("", nil)
			if loaded, err := demo.Load(ctx, a); err != nil || !loaded {
				t.Fatalf("the load that completes: %v %v", loaded, err)
			}
			if loaded, err := demo.Load(ctx, a); err != nil || loaded {
				t.Fatalf("a load after completion: %v %v", loaded, err)
			}
			for code, want := range map[string]func(*survey.Structure) int{
				demo.PreviousCode: func(st *survey.Structure) int { return len(demo.PreviousResponses(st, a.Keys)) },
				// This year's, with the phone interviews of its drawn cases.
				demo.CampaignCode: func(st *survey.Structure) int { return len(demo.Responses(st, a.Keys)) + phoneCompletes(t, a) },
			} {
				st, err := a.Survey.Structure(ctx, code)
				if err != nil {
					t.Fatal(err)
				}
				prog, err := a.Responses.Progress(ctx, code)
				if err != nil || prog.Responses != want(st) {
					t.Errorf("%s: %d responses, want %d (%v)", code, prog.Responses, want(st), err)
				}
			}
			prev, _ := a.Survey.Campaign(ctx, demo.PreviousCode)
			runs, _ := a.Results.List(ctx, demo.PreviousCode)
			versions, _ := a.Review.Versions(ctx, demo.PreviousCode)
			if prev.Status != survey.Published || len(runs) != 1 || len(versions) != 1 {
				t.Fatalf("last year: %s, %d runs, %d publications", prev.Status, len(runs), len(versions))
			}
			_, content, err := a.Review.Get(ctx, demo.PreviousCode, 0)
			if err != nil || content.Approval.Approvals != 3 {
				t.Fatalf("last year's approvals: %v", err)
			}
			prog, err := a.Phone.Progress(ctx, demo.CampaignCode)
			if err != nil || len(prog.Imports) != 1 || prog.Draw == nil || prog.Draw.Status != phone.Executed ||
				prog.Total.Released == 0 || prog.Total.Quota != 8*82 {
				t.Fatalf("the phone survey: %d imports, %+v, %v", len(prog.Imports), prog.Total, err)
			}
			if v, err := phone.Verify(ctx, a.DB, prog.Draw.ID); err != nil || !v.Identical() {
				t.Fatalf("the draw does not verify: %v", err)
			}
			// The ledger once, and the one case of last year's appeal task.
			if n, err := a.Appeals.Count(ctx); err != nil || n != demo.LedgerCases+1 {
				t.Errorf("the ledger holds %d cases, want %d (%v)", n, demo.LedgerCases+1, err)
			}
			if tasks, err := a.Rectification.Tasks(ctx, demo.PreviousCode); err != nil || len(tasks) == 0 {
				t.Errorf("last year's rectification: %d tasks (%v)", len(tasks), err)
			}
		})
	}
}

// phoneCompletes is how many interviews the demo's draw completed.
func phoneCompletes(t *testing.T, a *app.App) int {
	prog, err := a.Phone.Progress(context.Background(), demo.CampaignCode)
	if err != nil {
		t.Fatal(err)
	}
	return prog.Total.Completes
}
