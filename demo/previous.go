package demo

import (
	"context"
	"time"

	"pingyi/app"
	"pingyi/review"
	"pingyi/survey"
)

// loadPrevious runs last year's campaign through the whole review as the
// committee would: collect, close, review, score, approve (by all three
// members, so the quorum holds even where more committee accounts exist),
// publish.
func loadPrevious(ctx context.Context, a *app.App) (bool, error) {
	if _, created, err := openCampaign(ctx, a, PreviousDefinition(), PreviousResponses); !created || err != nil {
		return false, err
	}
	for _, to := range []survey.Status{survey.Closed, survey.Review} {
		if _, err := a.Survey.SetStatus(ctx, PreviousCode, to, "demo"); err != nil {
			return false, err
		}
	}
	// Its collection ran last November, whenever the demo is loaded.
	opened := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	if err := a.Survey.SetCollectionDates(ctx, PreviousCode, opened, opened.AddDate(0, 0, days), "demo"); err != nil {
		return false, err
	}
	run, _, err := a.Results.Create(ctx, PreviousCode, "weiyuan1")
	if err != nil {
		return false, err
	}
	for _, login := range []string{"weiyuan1", "weiyuan2", "weiyuan3"} {
		u, err := a.Accounts.ByLogin(ctx, login)
		if err != nil {
			return false, err
		}
		if err := a.Review.Approve(ctx, PreviousCode, run.ID, u); err != nil {
			return false, err
		}
	}
	publisher, err := a.Accounts.ByLogin(ctx, "weiyuan1")
	if err != nil {
		return false, err
	}
	if _, err = a.Review.Publish(ctx, PreviousCode, review.PublishRequest{Run: run.ID}, publisher); err != nil {
		return false, err
	}
	return true, loadRectification(ctx, a)
}
