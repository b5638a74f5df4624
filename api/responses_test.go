package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/responses"
)

type receipt struct {
	Ref         string `json:"ref"`
	SubmittedAt string `json:"submitted_at"`
	Replayed    bool   `json:"replayed"`
}

// traces counts every row a submission could leave.
func traces(t *testing.T, h *apptest.Harness) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for table, where := range map[string]string{"responses": "", "response_comments": "", "drafts": "", "rate_counters": "",
		"phone_claims": "", "invitations": "used_at IS NOT NULL"} {
		var n int64
		q := h.App.DB.Gorm.Table(table)
		if where != "" {
			q = q.Where(where)
		}
		if err := q.Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func TestBadSubmissionsGetAClear4xxAndLeaveNoTrace(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		ctx := context.Background()
		batch, err := h.App.Collection.CreateBatch(ctx, "2026-annual", "deputies", 3, "", audit.Actor{Login: "test"})
		if err != nil {
			t.Fatal(err)
		}
		used, revoked := h.App.Collection.Token(batch.ID, 1), h.App.Collection.Token(batch.ID, 2)
		if rec := h.API(apptest.Stranger, "POST", "/api/v1/campaigns/2026-annual/responses",
			map[string]any{"token": used, "answers": apptest.AnswersJSON("A")}); rec.Code != http.StatusCreated {
			t.Fatalf("first use of the invitation: %d %s", rec.Code, rec.Body)
		}
		other, _ := h.App.Collection.CreateBatch(ctx, "2026-annual", "officials", 1, "", audit.Actor{Login: "test"})
		h.App.Collection.RevokeBatch(ctx, "2026-annual", other.ID, audit.Actor{Login: "test"})
		revoked = h.App.Collection.Token(other.ID, 1)

		good := map[string]any{"answers": apptest.AnswersJSON("A"), "comments": map[string]string{"U001": "好"}}
		with := func(changes map[string]any) map[string]any {
			out := map[string]any{}
			for k, v := range good {
				out[k] = v
			}
			for k, v := range changes {
				out[k] = v
			}
			return out
		}
		tests := []struct {
			name     string
			role     account.Role
			campaign string
			body     any
			status   int
			code     string
			path     string
		}{
			{"unknown unit", apptest.Stranger, "2026-annual", with(map[string]any{"answers": []map[string]string{{"unit": "U404", "indicator": "efficiency", "option": "A"}}}), 422, "invalid", "answers[0].unit"},
			{"unknown indicator", apptest.Stranger, "2026-annual", with(map[string]any{"answers": []map[string]string{{"unit": "U001", "indicator": "speed", "option": "A"}}}), 422, "invalid", "answers[0].indicator"},
			{"wrong option", apptest.Stranger, "2026-annual", with(map[string]any{"answers": []map[string]string{{"unit": "U001", "indicator": "efficiency", "option": "E"}}}), 422, "invalid", "answers[0].option"},
			{"a cell rated twice", apptest.Stranger, "2026-annual", with(map[string]any{"answers": append(apptest.AnswersJSON("A"), apptest.AnswersJSON("B")[0])}), 422, "invalid", "answers[2]"},
			{"comment on an unknown unit", apptest.Stranger, "2026-annual", with(map[string]any{"comments": map[string]string{"U404": "?"}}), 422, "invalid", "comments.U404"},
			{"no answers", apptest.Stranger, "2026-annual", map[string]any{}, 422, "invalid", "answers"},
			{"unknown field", apptest.Stranger, "2026-annual", with(map[string]any{"answerz": 1}), 422, "invalid", "answerz"},
			{"answers of the wrong type", apptest.Stranger, "2026-annual", `{"answers": "all good"}`, 422, "invalid", "answers"},
			{"malformed JSON", apptest.Stranger, "2026-annual", `{"answers": [`, 400, "malformed", ""},
			{"empty body", apptest.Stranger, "2026-annual", "", 400, "malformed", ""},
			{"closed campaign", apptest.Stranger, "closed", good, 409, "conflict", ""},
			{"unknown campaign", apptest.Stranger, "nope", good, 404, "not_found", ""},
			{"reused invitation", apptest.Stranger, "2026-annual", with(map[string]any{"token": used, "answers": apptest.AnswersJSON("D")}), 409, "conflict", ""},
			{"withdrawn invitation", apptest.Stranger, "2026-annual", with(map[string]any{"token": revoked}), 409, "conflict", ""},
			{"unknown invitation", apptest.Stranger, "2026-annual", with(map[string]any{"token": "ZZZZZZZZZZZZZZZZ"}), 404, "not_found", ""},
			{"invitation of another group", apptest.Stranger, "2026-annual", with(map[string]any{"token": h.App.Collection.Token(batch.ID, 3), "group": "officials"}), 422, "invalid", "group"},
			{"anonymous to an invitation-only group", apptest.Stranger, "2026-annual", with(map[string]any{"group": "deputies"}), 403, "forbidden", ""},
			{"anonymous sets a channel", apptest.Stranger, "2026-annual", with(map[string]any{"channel": "paper"}), 403, "forbidden", ""},
			{"a committee member sets a weight", account.Committee, "2026-annual", with(map[string]any{"weight": 2}), 403, "forbidden", ""},
			{"staff give weight 0", account.Operator, "2026-annual", with(map[string]any{"weight": 0, "channel": "phone"}), 422, "invalid", "weight"},
			{"staff give an unknown channel", account.Operator, "2026-annual", with(map[string]any{"channel": "fax"}), 422, "invalid", "channel"},
			// Issue 17: one weight bound everywhere, and staff keep to
			// what the group's source allows.
			{"an administrator gives weight 1e308", account.Admin, "2026-annual", with(map[string]any{"weight": 1e308}), 422, "invalid", "weight"},
			{"an operator to an invitation-only group", account.Operator, "2026-annual", with(map[string]any{"group": "officials", "channel": "phone"}), 403, "forbidden", ""},
			{"an administrator to an invitation-only group", account.Admin, "2026-annual", with(map[string]any{"group": "deputies"}), 403, "forbidden", ""},
			{"an operator weighs a kiosk response", account.Operator, "2026-annual", with(map[string]any{"weight": 12.5}), 422, "invalid", "weight"},
			{"an administrator stratifies an open-link response", account.Admin, "2026-annual", with(map[string]any{"stratum": "U001"}), 422, "invalid", "stratum"},
			{"started_at not a time", apptest.Stranger, "2026-annual", with(map[string]any{"started_at": "yesterday"}), 422, "invalid", "started_at"},
			{"idempotency key too long", apptest.Stranger, "2026-annual", with(map[string]any{"idempotency_key": strings.Repeat("k", 129)}), 422, "invalid", "idempotency_key"},
			{"oversized body", apptest.Stranger, "2026-annual", `{"comments": {"U001": "` + strings.Repeat("长", 1<<20) + `"}}`, 413, "too_large", ""},
		}
		before := traces(t, h)
		for _, tt := range tests {
			rec := h.API(tt.role, "POST", "/api/v1/campaigns/"+tt.campaign+"/responses", tt.body)
			body := apptest.Decode[errorJSON](t, rec)
			if rec.Code != tt.status || body.Error.Code != tt.code || body.Error.Message == "" || body.Error.RequestID == "" {
				t.Errorf("%s: %d %s, want %d %s", tt.name, rec.Code, rec.Body, tt.status, tt.code)
				continue
			}
			if tt.path != "" && !hasProblem(body, tt.path) {
				t.Errorf("%s: no problem at %s: %s", tt.name, tt.path, rec.Body)
			}
			if after := traces(t, h); !equalCounts(before, after) {
				t.Errorf("%s left a trace: %v, before %v", tt.name, after, before)
			}
		}

		req := httptest.NewRequest("POST", "/api/v1/campaigns/2026-annual/responses", strings.NewReader("answers=U001"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if rec := h.Do(req); rec.Code != http.StatusUnsupportedMediaType || apptest.Decode[errorJSON](t, rec).Error.Code != "unsupported" {
			t.Errorf("a form post: %d %s", rec.Code, rec.Body)
		}
		if after := traces(t, h); !equalCounts(before, after) {
			t.Errorf("the form post left a trace: %v", after)
		}
	})
}

func hasProblem(body errorJSON, path string) bool {
	for _, p := range body.Error.Problems {
		if p.Path == path && p.Reason != "" {
			return true
		}
	}
	return false
}

func equalCounts(a, b map[string]int64) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestGoodSubmissionsAndTheirRetries(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		ctx := context.Background()
		post := func(body any, header map[string]string) (int, receipt) {
			req := httptest.NewRequest("POST", "/api/v1/campaigns/2026-annual/responses", strings.NewReader(mustJSON(t, body)))
			req.Header.Set("Content-Type", "application/json")
			for k, v := range header {
				req.Header.Set(k, v)
			}
			rec := h.Do(req)
			return rec.Code, apptest.Decode[receipt](t, rec)
		}
		code, first := post(map[string]any{"answers": apptest.AnswersJSON("A"), "started_at": "2026-11-21T09:00:00+08:00"},
			map[string]string{"Idempotency-Key": "kiosk-1:42"})
		if code != http.StatusCreated || !strings.HasPrefix(first.Ref, "W-") || first.Replayed {
			t.Fatalf("first: %d %+v", code, first)
		}
		code, again := post(map[string]any{"answers": apptest.AnswersJSON("A"), "idempotency_key": "kiosk-1:42"}, nil)
		if code != http.StatusOK || again.Ref != first.Ref || !again.Replayed {
			t.Fatalf("retry: %d %+v", code, again)
		}

		batch, _ := h.App.Collection.CreateBatch(ctx, "2026-annual", "deputies", 1, "", audit.Actor{Login: "test"})
		token := h.App.Collection.Token(batch.ID, 1)
		body := map[string]any{"token": strings.ToLower(token), "answers": apptest.AnswersJSON("B"), "comments": map[string]string{"U002": "好"}}
		code, invited := post(body, nil)
		if code != http.StatusCreated {
			t.Fatalf("invitation: %d %+v", code, invited)
		}
		code, retried := post(body, nil)
		if code != http.StatusOK || !retried.Replayed || retried.Ref != invited.Ref {
			t.Fatalf("identical retry with the token: %d %+v", code, retried)
		}

		// An operator's kiosk: the open group, any channel; the operator is
		// recorded as the submitter and in the audit log.
		rec := h.API(account.Operator, "POST", "/api/v1/campaigns/2026-annual/responses", map[string]any{
			"group": "public", "channel": "paper", "answers": apptest.AnswersJSON("C")})
		paper := apptest.Decode[receipt](t, rec)
		if rec.Code != http.StatusCreated || !strings.HasPrefix(paper.Ref, "P-") {
			t.Fatalf("operator: %d %s", rec.Code, rec.Body)
		}
		var r responses.Response
		h.App.DB.Gorm.Where("ref = ?", paper.Ref).Take(&r)
		if r.Channel != responses.Paper || r.Stratum != "" || r.Weight != 1 || r.SubmittedBy == nil || *r.SubmittedBy != apptest.Login(account.Operator) {
			t.Fatalf("stored %+v", r)
		}
		var audited int64
		h.App.DB.Gorm.Table("audit_log").Where("action = ? AND actor = ? AND detail LIKE ?", "responses.submit", apptest.Login(account.Operator), "%"+paper.Ref+"%").Count(&audited)
		if audited != 1 {
			t.Fatalf("the operator's submission is audited %d times", audited)
		}
		r = responses.Response{}
		h.App.DB.Gorm.Where("ref = ?", first.Ref).Take(&r)
		if r.StartedAt == nil || r.StartedAt.Hour() != 1 || r.IPHash == nil || len(*r.IPHash) != 64 {
			t.Fatalf("open-link response %+v", r)
		}
	})
}

func mustJSON(t *testing.T, v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}
