package api_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"testing"
	"time"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/responses"
	"pingyi/review"
)

// The review's JSON API does what the console does, for scripts.
func TestReviewThroughTheAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		def, _ := os.ReadFile("../survey/testdata/spec-example.json")
		apptest.Expect(t, h.API(account.Admin, "POST", "/api/v1/campaigns", def), http.StatusCreated)
		apptest.Expect(t, h.API(account.Admin, "POST", "/api/v1/campaigns/2026-annual/status", map[string]string{"status": "open"}), http.StatusOK)
		ctx := context.Background()
		st, _ := h.App.Survey.Structure(ctx, "2026-annual")
		var rs []responses.NewResponse
		for i := range 80 {
			r := responses.NewResponse{Ref: fmt.Sprintf("R%02d", i), Group: i % 3, Weight: 1, Channel: responses.Paper, SubmittedAt: time.Now()}
			for ind := range 3 {
				r.Ratings = append(r.Ratings, responses.Rating{Unit: 0, Indicator: ind, Option: i % 4}, responses.Rating{Unit: 2, Indicator: ind, Option: (i + 1) % 4})
			}
			rs = append(rs, r)
		}
		if err := h.App.Responses.InsertResponses(ctx, st, rs); err != nil {
			t.Fatal(err)
		}
		for _, to := range []string{"closed", "review"} {
			apptest.Expect(t, h.API(account.Admin, "POST", "/api/v1/campaigns/2026-annual/status", map[string]string{"status": to}), http.StatusOK)
		}
		li, chen := h.NewMember(account.Committee, "li"), h.NewMember(account.Committee, "chen")
		base := "/api/v1/campaigns/2026-annual"

		set := review.DefaultSettings()
		set.Tiers = []review.Tier{{Name: "好", Min: 50}, {Name: "差", Min: 0}}
		apptest.Expect(t, h.API(account.Committee, "PUT", base+"/review-settings", set), http.StatusForbidden)
		apptest.Expect(t, h.API(account.Admin, "PUT", base+"/review-settings", set), http.StatusOK)
		got := apptest.Decode[review.Settings](t, apptest.Expect(t, h.API(account.Supervisor, "GET", base+"/review-settings", nil), http.StatusOK))
		if len(got.Tiers) != 2 || got.Tiers[0].Name != "好" {
			t.Fatalf("settings: %+v", got)
		}

		apptest.Expect(t, h.API(account.Committee, "POST", base+"/exclusions", map[string]any{"refs": []string{"R01"}}), http.StatusUnprocessableEntity)
		apptest.Expect(t, h.API(account.Admin, "POST", base+"/exclusions", map[string]any{"refs": []string{"R01"}, "reason": "x"}), http.StatusForbidden)
		res := apptest.Decode[responses.ExclusionResult](t, apptest.Expect(t, h.API(account.Committee, "POST", base+"/exclusions",
			map[string]any{"refs": []string{"R01", "R02"}, "reason": "重复提交", "batch": "dup"}), http.StatusCreated))
		if res.Excluded != 2 {
			t.Fatalf("exclusion: %+v", res)
		}
		list := apptest.Decode[struct {
			Exclusions []struct {
				ID        int64  `json:"id"`
				Ref       string `json:"ref"`
				CreatedBy string `json:"created_by"`
			} `json:"exclusions"`
		}](t, apptest.Expect(t, h.API(account.Supervisor, "GET", base+"/exclusions", nil), http.StatusOK))
		if len(list.Exclusions) != 2 || list.Exclusions[0].CreatedBy != apptest.Login(account.Committee) {
			t.Fatalf("exclusions: %+v", list)
		}
		apptest.Expect(t, h.API(account.Committee, "POST", base+fmt.Sprintf("/exclusions/%d/revoke", list.Exclusions[0].ID), map[string]string{"reason": "复核有效"}), http.StatusNoContent)
		flags := apptest.Decode[map[string]any](t, apptest.Expect(t, h.API(account.Supervisor, "GET", base+"/flags", nil), http.StatusOK))
		if flags["checked"].(float64) != 79 {
			t.Fatalf("flags checked %v responses, want 79", flags["checked"])
		}

		run := apptest.Decode[struct {
			Run int64 `json:"run"`
		}](t, apptest.Expect(t, h.API(account.Admin, "POST", base+"/score-runs", nil), http.StatusCreated)).Run
		approvals := fmt.Sprintf("%s/score-runs/%d/approvals", base, run)
		apptest.Expect(t, li.API("POST", approvals, nil), http.StatusCreated)
		apptest.Expect(t, h.API(account.Committee, "POST", approvals, nil), http.StatusCreated)
		apptest.Expect(t, h.API(account.Committee, "DELETE", approvals, nil), http.StatusOK)
		status := apptest.Decode[review.RunStatus](t, apptest.Expect(t, h.API(account.Supervisor, "GET", approvals, nil), http.StatusOK))
		if status.Tally.Approvals != 1 || status.Tally.Required != 2 || !status.Current {
			t.Fatalf("status: %+v", status)
		}
		apptest.Expect(t, chen.API("POST", base+"/publications", map[string]any{"run": run}), http.StatusConflict)
		apptest.Expect(t, chen.API("POST", approvals, nil), http.StatusCreated)
		pub := apptest.Decode[map[string]any](t, apptest.Expect(t, chen.API("POST", base+"/publications", map[string]any{"run": run}), http.StatusCreated))
		if pub["version"].(float64) != 1 || pub["document"] != "/p/2026-annual/v/1/publication.json" {
			t.Fatalf("publication: %v", pub)
		}
		pubs := apptest.Decode[map[string][]map[string]any](t, apptest.Expect(t, h.API(apptest.Stranger, "GET", base+"/publications", nil), http.StatusOK))
		if len(pubs["publications"]) != 1 || pubs["publications"][0]["digest"] != pub["digest"] {
			t.Fatalf("publications: %v", pubs)
		}
	})
}
