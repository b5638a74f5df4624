package api_test

import (
	"net/http"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/results/resultstest"
)

func TestScoreRunsThroughTheAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.API(account.Admin, "POST", "/api/v1/campaigns", apptest.Definition())
		if rec := h.API(account.Committee, "POST", "/api/v1/campaigns/2026-annual/score-runs", nil); rec.Code != http.StatusConflict {
			t.Fatalf("scoring a draft: %d", rec.Code)
		}
		h.API(account.Admin, "POST", "/api/v1/campaigns/2026-annual/status", `{"status":"open"}`)
		rec := h.API(account.Committee, "POST", "/api/v1/campaigns/2026-annual/score-runs", nil)
		if rec.Code != http.StatusCreated {
			t.Fatalf("create: %d %s", rec.Code, rec.Body)
		}
		if err := resultstest.CheckShape(rec.Body.Bytes()); err != nil {
			t.Fatal(err)
		}
		created := apptest.Decode[struct {
			Run  int64
			Meta struct {
				InputDigest string `json:"input_digest"`
				CreatedBy   string `json:"created_by"`
			}
		}](t, rec)
		if len(created.Meta.InputDigest) != 64 || created.Meta.CreatedBy != apptest.Login(account.Committee) {
			t.Fatalf("run record: %+v", created)
		}
		got := h.API(account.Supervisor, "GET", rec.Header().Get("Location"), nil)
		if got.Code != http.StatusOK || resultstest.CheckShape(got.Body.Bytes()) != nil {
			t.Fatalf("read back: %d %s", got.Code, got.Body)
		}
		list := apptest.Decode[struct{ Runs []struct{ Run int64 } }](t, h.API(account.Admin, "GET", "/api/v1/campaigns/2026-annual/score-runs", nil))
		if len(list.Runs) != 1 || list.Runs[0].Run != created.Run {
			t.Fatalf("list: %+v", list)
		}
		if rec := h.API(account.Admin, "GET", "/api/v1/campaigns/2026-annual/score-runs/424242", nil); rec.Code != http.StatusNotFound {
			t.Fatalf("unknown run: %d", rec.Code)
		}
	})
}
