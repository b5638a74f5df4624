package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/responses"
)

// What a member does through the API is audited under their login, the
// one actor every domain package takes: the campaign they create and open,
// the responses they exclude and the score run they compute; and the
// chain of the log still verifies.
func TestAPIActionsAreAuditedWithTheActorsLogin(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		ctx := context.Background()
		wang, zhou := h.NewMember(account.Admin, "wang"), h.NewMember(account.Committee, "zhou")
		base := "/api/v1/campaigns/2026-annual"
		apptest.Expect(t, wang.API("POST", "/api/v1/campaigns", apptest.Definition()), http.StatusCreated)
		apptest.Expect(t, wang.API("POST", base+"/status", map[string]string{"status": "open"}), http.StatusOK)
		st, err := h.App.Survey.Structure(ctx, "2026-annual")
		if err != nil {
			t.Fatal(err)
		}
		var rs []responses.NewResponse
		for i := range 4 {
			rs = append(rs, responses.NewResponse{Ref: fmt.Sprintf("R%d", i), Weight: 1, Channel: responses.Paper, SubmittedAt: time.Now(),
				Ratings: []responses.Rating{{Unit: 0, Indicator: 0, Option: i % 2}}})
		}
		if err := h.App.Responses.InsertResponses(ctx, st, rs); err != nil {
			t.Fatal(err)
		}
		apptest.Expect(t, zhou.API("POST", base+"/exclusions", map[string]any{"refs": []string{"R1"}, "reason": "重复提交"}), http.StatusCreated)
		apptest.Expect(t, zhou.API("POST", base+"/score-runs", nil), http.StatusCreated)
		for action, login := range map[string]string{"campaign.create": "wang", "campaign.status": "wang", "exclusion.add": "zhou", "score_run.create": "zhou"} {
			entries, err := h.App.Audit.Entries(ctx, action)
			if err != nil || len(entries) != 1 || entries[0].Actor != login {
				t.Errorf("%s: %+v %v, want one entry by %s", action, entries, err, login)
			}
		}
		if n, brk, err := h.App.Audit.Verify(ctx); err != nil || brk != nil || n == 0 {
			t.Errorf("the chain: %d entries, break %+v, %v", n, brk, err)
		}
	})
}
