package api_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/rectification"
)

type taskBody struct {
	ID       int64   `json:"id"`
	Unit     string  `json:"unit"`
	Status   string  `json:"status"`
	Overdue  bool    `json:"overdue"`
	ClosedAt *string `json:"closed_at"`
	Steps    []struct {
		Kind  string `json:"kind"`
		Files []struct {
			MediaType string `json:"media_type"`
			SHA256    string `json:"sha256"`
		} `json:"files"`
	} `json:"steps"`
}

// evidence posts a multipart evidence call by bearer token.
func evidence(h *apptest.Harness, role account.Role, path, text, name string, content []byte) *httptest.ResponseRecorder {
	return h.Multipart(role, path, map[string]string{"text": text}, map[string][]byte{name: content})
}

// The same life of a task through /api/v1, with its permissions.
func TestRectificationThroughTheAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.PublishCampaign()
		base := "/api/v1/campaigns/2026-annual/rectification"
		below := 50.0
		props := apptest.Decode[struct {
			Proposals []struct {
				ID     int64  `json:"id"`
				Unit   string `json:"unit"`
				Source struct {
					Kind string `json:"kind"`
				} `json:"source"`
			} `json:"proposals"`
		}](t, apptest.Expect(t, h.API(account.Committee, "POST", base+"/proposals", map[string]any{"indicator_below": below}), http.StatusOK))
		if len(props.Proposals) != 4 {
			t.Fatalf("proposals: %+v", props)
		}
		apptest.Expect(t, h.API(account.Supervisor, "POST", base+"/proposals", map[string]any{}), http.StatusForbidden)
		apptest.Expect(t, h.API(account.Supervisor, "GET", base+"/proposals", nil), http.StatusOK)
		p := props.Proposals[0].ID
		apptest.Expect(t, h.API(account.Committee, "POST", fmt.Sprintf("%s/proposals/%d/confirm", base, p), map[string]any{"measures": "整改", "deadline": map[string]any{}}),
			http.StatusUnprocessableEntity)
		created := apptest.Decode[struct {
			ID int64 `json:"id"`
		}](t, apptest.Expect(t, h.API(account.Committee, "POST", fmt.Sprintf("%s/proposals/%d/confirm", base, p),
			map[string]any{"measures": "制定整改方案", "deadline": map[string]any{"working_days": 10}}), http.StatusCreated))
		apptest.Expect(t, h.API(account.Committee, "POST", fmt.Sprintf("%s/proposals/%d/drop", base, props.Proposals[1].ID), map[string]any{"text": "合并整改"}), http.StatusNoContent)

		open := map[string]any{"version": 1, "unit": "U001", "problem": "投诉电话无人接听", "source": map[string]any{"kind": "clue", "text": "暗访"},
			"measures": "专人值守", "deadline": map[string]any{"working_days": 5}}
		mine := apptest.Decode[struct {
			ID int64 `json:"id"`
		}](t, apptest.Expect(t, h.API(account.Committee, "POST", base+"/tasks", open), http.StatusCreated)).ID
		apptest.Expect(t, h.API(account.Committee, "POST", base+"/tasks", open), http.StatusConflict)
		apptest.Expect(t, h.API(account.Committee, "POST", base+"/tasks", map[string]any{"version": 1, "unit": "U001"}), http.StatusUnprocessableEntity)

		// A supervisor reads every task; a liaison its own unit's only.
		all := apptest.Decode[struct {
			Tasks []taskBody `json:"tasks"`
		}](t, apptest.Expect(t, h.API(account.Supervisor, "GET", base+"/tasks", nil), http.StatusOK))
		if len(all.Tasks) != 2 {
			t.Fatalf("tasks: %+v", all)
		}
		apptest.Expect(t, h.API(account.Liaison, "GET", base+"/tasks", nil), http.StatusForbidden)
		own := apptest.Decode[struct {
			Tasks []taskBody `json:"tasks"`
		}](t, apptest.Expect(t, h.API(account.Liaison, "GET", "/api/v1/liaison/tasks", nil), http.StatusOK))
		if len(own.Tasks) != 1 || own.Tasks[0].ID != mine || own.Tasks[0].Unit != "U001" {
			t.Fatalf("the liaison's tasks: %+v", own)
		}
		lt := fmt.Sprintf("/api/v1/liaison/tasks/%d", mine)
		other := fmt.Sprintf("/api/v1/liaison/tasks/%d", created.ID)
		apptest.Expect(t, h.API(account.Liaison, "GET", other, nil), http.StatusNotFound)
		apptest.Expect(t, h.API(account.Liaison, "POST", other+"/report", map[string]string{"text": "x"}), http.StatusNotFound)
		apptest.Expect(t, h.API(account.Committee, "GET", lt, nil), http.StatusForbidden)

		apptest.Expect(t, h.API(account.Liaison, "POST", lt+"/report", map[string]string{"text": "已安排专人"}), http.StatusOK)
		apptest.Expect(t, h.API(account.Liaison, "POST", lt+"/close", map[string]string{}), http.StatusConflict)
		refused := apptest.Expect(t, evidence(h, account.Liaison, lt+"/evidence", "说明", "scan.pdf", []byte("MZ\x90\x00 not a pdf")), http.StatusUnprocessableEntity)
		if !strings.Contains(refused.Body.String(), "5 MiB") || !strings.Contains(refused.Body.String(), "scan.pdf") {
			t.Fatalf("refusal: %s", refused.Body)
		}
		apptest.Expect(t, evidence(h, account.Liaison, lt+"/evidence", "值班表", "值班表.pdf", rectification.DemoPDF("duty")), http.StatusOK)
		apptest.Expect(t, h.API(account.Liaison, "POST", lt+"/close", map[string]string{"text": "申请销号"}), http.StatusOK)
		ct := fmt.Sprintf("%s/tasks/%d", base, mine)
		apptest.Expect(t, h.API(account.Committee, "POST", ct+"/return", map[string]string{"text": ""}), http.StatusUnprocessableEntity)
		apptest.Expect(t, h.API(account.Supervisor, "POST", ct+"/accept", map[string]string{}), http.StatusForbidden)
		closed := apptest.Decode[taskBody](t, apptest.Expect(t, h.API(account.Committee, "POST", ct+"/accept", map[string]string{"text": "同意"}), http.StatusOK))
		if closed.Status != "closed" || closed.ClosedAt == nil {
			t.Fatalf("accepted: %+v", closed)
		}
		apptest.Expect(t, h.API(account.Committee, "POST", fmt.Sprintf("/api/v1/campaigns/other/rectification/tasks/%d/accept", mine), map[string]string{}), http.StatusNotFound)

		// The public list, for anyone: nothing personal.
		pub := apptest.Expect(t, h.API(apptest.Stranger, "GET", base, nil), http.StatusOK)
		body := pub.Body.String()
		if !strings.Contains(body, `"closed_rate":1`) || strings.Contains(body, "暗访") || strings.Contains(body, apptest.Login(account.Liaison)) {
			t.Fatalf("public list: %s", body)
		}
		apptest.Expect(t, h.API(apptest.Stranger, "GET", base+"/tasks", nil), http.StatusUnauthorized)
		apptest.Expect(t, h.API(apptest.Stranger, "GET", "/api/v1/liaison/tasks", nil), http.StatusUnauthorized)
	})
}
