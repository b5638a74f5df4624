package demo

import (
	"context"
	"slices"
	"time"

	"pingyi/app"
	"pingyi/audit"
	"pingyi/results"
	"pingyi/review"
	"pingyi/survey"
)

// loadPrevious runs last year's campaign through the whole review as the
// committee would: collect, close, review, score, approve (by all three
// members, so the quorum holds even where more committee accounts exist),
// publish; each step unless it is stored already.
func loadPrevious(ctx context.Context, a *app.App) error {
	st, err := openCampaign(ctx, a, PreviousDefinition(), PreviousResponses)
	if err != nil {
		return err
	}
	status := st.Campaign.Status
	if status == survey.Published {
		return nil
	}
	for _, step := range []struct{ from, to survey.Status }{{survey.Open, survey.Closed}, {survey.Closed, survey.Review}} {
		if status != step.from {
			continue
		}
		if _, err := a.Survey.SetStatus(ctx, PreviousCode, step.to, loader); err != nil {
			return err
		}
		if err := afterStep(PreviousCode + " " + string(step.to)); err != nil {
			return err
		}
		status = step.to
	}
	// Its collection ran last November, whenever the demo is loaded.
	opened := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	if err := a.Survey.SetCollectionDates(ctx, PreviousCode, opened, opened.AddDate(0, 0, days), loader); err != nil {
		return err
	}
	run, err := previousRun(ctx, a)
	if err != nil {
		return err
	}
	if err := approve(ctx, a, run); err != nil {
		return err
	}
	publisher, err := a.Accounts.ByLogin(ctx, "weiyuan1")
	if err != nil {
		return err
	}
	if _, err = a.Review.Publish(ctx, PreviousCode, review.PublishRequest{Run: run.ID}, publisher.Actor()); err != nil {
		return err
	}
	return afterStep(PreviousCode + " published")
}

// previousRun is last year's score run, computed unless it was already.
func previousRun(ctx context.Context, a *app.App) (*results.Run, error) {
	runs, err := a.Results.List(ctx, PreviousCode)
	if err != nil {
		return nil, err
	}
	if len(runs) > 0 {
		return a.Results.Get(ctx, PreviousCode, runs[0].ID)
	}
	run, _, err := a.Results.Create(ctx, PreviousCode, audit.Actor{Login: "weiyuan1"})
	if err != nil {
		return nil, err
	}
	return run, afterStep(PreviousCode + " run")
}

// approve has each of the three committee members approve the run, but
// those who already have.
func approve(ctx context.Context, a *app.App, run *results.Run) error {
	status, err := a.Review.Status(ctx, PreviousCode, run)
	if err != nil {
		return err
	}
	for _, login := range []string{"weiyuan1", "weiyuan2", "weiyuan3"} {
		if slices.ContainsFunc(status.Approvers, func(ap review.Approver) bool { return ap.Login == login }) {
			continue
		}
		u, err := a.Accounts.ByLogin(ctx, login)
		if err != nil {
			return err
		}
		if err := a.Review.Approve(ctx, PreviousCode, run.ID, u.Actor()); err != nil {
			return err
		}
		if err := afterStep(PreviousCode + " approved by " + login); err != nil {
			return err
		}
	}
	return nil
}
