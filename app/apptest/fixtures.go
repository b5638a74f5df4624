package apptest

import (
	_ "embed"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"pingyi/account"
)

// The fixtures the API's and the pages' tests share.

//go:embed testdata/campaign.json
var campaignJSON string

// Definition is the test campaign "2026-annual" as the API takes it.
func Definition() string { return campaignJSON }

// OpenCampaigns makes the test campaign (open) and a closed copy.
func (h *Harness) OpenCampaigns() {
	h.T.Helper()
	for _, code := range []string{"2026-annual", "closed"} {
		def := strings.Replace(Definition(), `"code": "2026-annual"`, `"code": "`+code+`"`, 1)
		if rec := h.API(account.Admin, "POST", "/api/v1/campaigns", def); rec.Code != http.StatusCreated {
			h.T.Fatalf("create %s: %d %s", code, rec.Code, rec.Body)
		}
		h.API(account.Admin, "POST", "/api/v1/campaigns/"+code+"/status", map[string]string{"status": "open"})
	}
	h.API(account.Admin, "POST", "/api/v1/campaigns/closed/status", map[string]string{"status": "closed"})
}

// AnswersJSON are two answers to the test campaign, the first with opt.
func AnswersJSON(opt string) []map[string]string {
	return []map[string]string{
		{"unit": "U001", "indicator": "efficiency", "option": opt},
		{"unit": "U002", "indicator": "quality", "option": "比较满意"},
	}
}

// Expect stops the test unless rec has the status, showing the page's
// alert (or the body's start) when it has not.
func Expect(t *testing.T, rec *httptest.ResponseRecorder, status int) *httptest.ResponseRecorder {
	t.Helper()
	if rec.Code != status {
		body := rec.Body.String()
		if i := strings.Index(body, `role="alert"`); i >= 0 {
			body = body[i:min(len(body), i+400)]
		}
		t.Fatalf("status %d, want %d: %.600s", rec.Code, status, body)
	}
	return rec
}

// Request is a bare request with no body, for Browser and Do.
func Request(method, path string) *http.Request {
	req, _ := http.NewRequest(method, path, nil)
	return req
}

// PhoneCampaign is the test campaign with a phone group, open, with a
// frame of 40 contacts and calling allowed around the clock (the tests run
// on the real clock).
func (h *Harness) PhoneCampaign() {
	t := h.T
	t.Helper()
	def := strings.Replace(Definition(), `"weight": 0.15}`, `"weight": 0.15}, {"code": "service_users", "name": "服务对象（电话回访）", "weight": 0.1, "source": "draw"}`, 1)
	if rec := h.API(account.Admin, "POST", "/api/v1/campaigns", def); rec.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	h.API(account.Admin, "POST", "/api/v1/campaigns/2026-annual/status", `{"status": "open"}`)
	var csv strings.Builder
	csv.WriteString("单位编码,手机号,姓名\n")
	for i := range 40 {
		fmt.Fprintf(&csv, "U00%d,1360000%04d,李%d\n", 1+i%2, i, i)
	}
	csv.WriteString("U002,12345,\n")
	rec := h.Upload(account.Admin, "/api/v1/campaigns/2026-annual/phone/frame", "名单.csv", []byte(csv.String()))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"added":40`) || !strings.Contains(rec.Body.String(), "line 42, column 手机号") {
		t.Fatalf("frame: %d %s", rec.Code, rec.Body)
	}
	rules := `{"group": "service_users", "calling_hours": "00:00-24:00", "calling_days": "1234567", "max_attempts": 5,
		"min_interval_minutes": 0, "lease_minutes": 15, "script": "您好，这里是{campaign}回访，关于{unit}。"}`
	if rec := h.API(account.Admin, "PUT", "/api/v1/campaigns/2026-annual/phone/rules", rules); rec.Code != http.StatusOK {
		t.Fatalf("rules: %d %s", rec.Code, rec.Body)
	}
}
