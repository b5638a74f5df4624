package responses_test

import (
	"context"
	"testing"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/survey/surveytest"
)

// A campaign with responses cannot go back to draft: the responses store
// tells the survey store so when it is made.
func TestCampaignWithResponsesCannotGoBackToDraft(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		st, _ := s.Create(ctx, surveytest.ExampleDefinition(t), audit.Actor{Login: "admin"})
		s.SetStatus(ctx, "2026-annual", survey.Open, audit.Actor{Login: "admin"})
		s.SetStatus(ctx, "2026-annual", survey.Closed, audit.Actor{Login: "admin"})
		s.SetStatus(ctx, "2026-annual", survey.Open, audit.Actor{Login: "admin"})
		answers, _ := responses.EncodeAnswers([]responses.Rating{{Unit: 0, Indicator: 0, Option: 0}}, 4)
		r := responses.Response{CampaignID: st.Campaign.ID, Ref: "P-1", GroupID: st.Groups[0].ID, Weight: 1,
			Channel: responses.Paper, SubmittedAt: db.Now(), Answers: answers}
		if err := db.Gorm.Create(&r).Error; err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetStatus(ctx, "2026-annual", survey.Draft, audit.Actor{Login: "admin"}); !fault.Is(err, fault.Conflict) {
			t.Fatalf("back to draft with a response: %v", err)
		}
	})
}
