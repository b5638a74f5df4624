package apptest

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http/httptest"
	"time"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/responses"
	"pingyi/review"
	"pingyi/survey"
)

// DemoComment is the one comment of PublishCampaign's forms, about U002:
// its writer left a phone number in it.
const DemoComment = "窗口办事要跑三次，联系我13812345678"

// PublishCampaign creates the test campaign "2026-annual", collects 90
// paper forms (30 per group) rating U001 all 满意 and U002 all 不满意,
// and publishes it as version 1, approved by the harness's committee
// member: U002 lands in the lowest tier with every indicator at 0.
func (h *Harness) PublishCampaign() *review.Content {
	t := h.T
	t.Helper()
	ctx := context.Background()
	if rec := h.API(account.Admin, "POST", "/api/v1/campaigns", Definition()); rec.Code != 201 {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	code := "2026-annual"
	if _, err := h.App.Survey.SetStatus(ctx, code, survey.Open, audit.Actor{Login: "test"}); err != nil {
		t.Fatal(err)
	}
	st, err := h.App.Survey.Structure(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	var rs []responses.NewResponse
	for i := range 90 {
		r := responses.NewResponse{Ref: fmt.Sprintf("P%02d", i), Group: i % 3, Weight: 1, Channel: responses.Paper, SubmittedAt: time.Now()}
		for ind := range 3 {
			r.Ratings = append(r.Ratings, responses.Rating{Unit: 0, Indicator: ind, Option: 0}, responses.Rating{Unit: 2, Indicator: ind, Option: 3})
		}
		if i == 0 {
			r.Comments = map[int]string{2: DemoComment}
		}
		rs = append(rs, r)
	}
	return h.publishCollected(code, st, rs)
}

// publishCollected stores the responses of an open campaign, closes it,
// scores it, and publishes the run as version 1, approved by the
// harness's committee member.
func (h *Harness) publishCollected(code string, st *survey.Structure, rs []responses.NewResponse) *review.Content {
	t := h.T
	t.Helper()
	ctx := context.Background()
	if err := h.App.Responses.InsertResponses(ctx, st, rs); err != nil {
		t.Fatal(err)
	}
	for _, to := range []survey.Status{survey.Closed, survey.Review} {
		if _, err := h.App.Survey.SetStatus(ctx, code, to, audit.Actor{Login: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	run, _, err := h.App.Results.Create(ctx, code, audit.Actor{Login: Login(account.Committee)})
	if err != nil {
		t.Fatal(err)
	}
	member, err := h.App.Accounts.ByLogin(ctx, Login(account.Committee))
	if err != nil {
		t.Fatal(err)
	}
	if err := h.App.Review.Approve(ctx, code, run.ID, member.Actor()); err != nil {
		t.Fatal(err)
	}
	if _, err := h.App.Review.Publish(ctx, code, review.PublishRequest{Run: run.ID}, member.Actor()); err != nil {
		t.Fatal(err)
	}
	_, content, err := h.App.Review.Get(ctx, code, 0)
	if err != nil {
		t.Fatal(err)
	}
	return content
}

// Multipart sends a multipart form by bearer token as role: its fields,
// and files (name → content) in the field "files".
func (h *Harness) Multipart(role account.Role, path string, fields map[string]string, files map[string][]byte) *httptest.ResponseRecorder {
	h.T.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for name, content := range files {
		fw, _ := mw.CreateFormFile("files", name)
		fw.Write(content)
	}
	mw.Close()
	req := httptest.NewRequest("POST", path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if role != Stranger {
		req.Header.Set("Authorization", "Bearer "+h.tokens[role])
	}
	return h.Do(req)
}
