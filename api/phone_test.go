package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/responses"
)

var digitsOfFrame = regexp.MustCompile(`1360000\d{4}`)

func TestPhoneSurveyOverHTTP(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.PhoneCampaign()
		base := "/api/v1/campaigns/2026-annual/phone"
		rec := h.API(account.Admin, "POST", base+"/draw", `{"method": "equal", "completes": 4, "minimum": 1, "response_rate": 0.5, "replicates": 2}`)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"status":"planned"`) || strings.Contains(rec.Body.String(), `"seed":"`) {
			t.Fatalf("plan: %d %s", rec.Code, rec.Body)
		}
		// The administrator who planned may not fix the witness; a special
		// supervisor does, on the progress page.
		if rec := h.API(account.Admin, "POST", base+"/draw/witness", `{"witness": "1"}`); rec.Code != http.StatusForbidden {
			t.Fatalf("admin witness: %d", rec.Code)
		}
		page := h.Page(account.Supervisor, "GET", "/admin/campaigns/2026-annual/phone/progress", nil)
		if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), "种子承诺值") || !strings.Contains(page.Body.String(), `name="witness"`) {
			t.Fatalf("progress page for the supervisor: %d", page.Code)
		}
		// A witness naming an event from before the plan is refused: its
		// result could have been known when the seed was committed.
		rec = h.Page(account.Supervisor, "POST", "/admin/campaigns/2026-annual/phone/witness",
			url.Values{"witness": {"2026112103"}, "witness_event_at": {"2026-11-01T21:15"}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "抽样计划") {
			t.Fatalf("a witness from before the plan: %d %s", rec.Code, rec.Body)
		}
		rec = h.Page(account.Supervisor, "POST", "/admin/campaigns/2026-annual/phone/witness",
			url.Values{"witness": {"2026112103"}, "witness_event_at": {time.Now().Format(time.RFC3339Nano)}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("witness: %d %s", rec.Code, rec.Body)
		}
		if rec := h.API(account.Admin, "POST", base+"/draw/execute", nil); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"seed":"`) {
			t.Fatalf("execute: %d %s", rec.Code, rec.Body)
		}
		if rec := h.API(account.Admin, "POST", base+"/draw/release", `{"units": []}`); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"cases":4`) {
			t.Fatalf("release: %d %s", rec.Code, rec.Body)
		}

		// The operator asks for a number and sees it whole, once.
		rec = h.API(account.Operator, "POST", base+"/next", nil)
		if rec.Code != http.StatusOK || !digitsOfFrame.MatchString(rec.Body.String()) || rec.Header().Get("Cache-Control") != "no-store" {
			t.Fatalf("next: %d %s", rec.Code, rec.Body)
		}
		held := apptest.Decode[struct {
			ID    int64  `json:"id"`
			Unit  string `json:"unit"`
			Phone string `json:"phone"`
		}](t, rec)
		console := h.Page(account.Operator, "GET", "/phone/2026-annual", nil).Body.String()
		grouped := held.Phone[:3] + " " + held.Phone[3:7] + " " + held.Phone[7:]
		if !strings.Contains(console, grouped) || !strings.Contains(console, "您好，这里是2026年度市直单位社会满意度测评回访") ||
			strings.Contains(console, `accesskey=`) || !strings.Contains(console, "不了解") {
			t.Fatalf("console does not show the held case: %s", console)
		}
		// Nobody else sees a number: not another operator's console, not
		// the overseers' pages, not the administrator's.
		for _, p := range []struct {
			role account.Role
			path string
		}{{account.Admin, "/phone/2026-annual"}, {account.Supervisor, "/admin/campaigns/2026-annual/phone/progress"},
			{account.Admin, "/admin/campaigns/2026-annual/phone"}, {account.Committee, base + "/progress"}, {account.Committee, base + "/draw"}} {
			body := h.Page(p.role, "GET", p.path, nil).Body.String()
			if p.role == account.Committee {
				body = h.API(p.role, "GET", p.path, nil).Body.String()
			}
			if digitsOfFrame.MatchString(body) || strings.Contains(body, held.Phone[7:]+"<") {
				t.Errorf("%s as %s shows a number", p.path, p.role)
			}
		}
		if rec := h.Page(account.Supervisor, "GET", "/phone/2026-annual", nil); rec.Code != http.StatusForbidden {
			t.Fatalf("a supervisor at the console: %d", rec.Code)
		}

		// Nobody answers; then the interview, on the console's forms.
		caseURL := fmt.Sprintf("/phone/2026-annual/cases/%d", held.ID)
		rec = h.Page(account.Operator, "POST", caseURL+"/outcome", url.Values{"disposition": {"3.13", ""}})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/phone/2026-annual?recorded=3.13" {
			t.Fatalf("outcome: %d %s", rec.Code, rec.Body)
		}
		if rec := h.Page(account.Operator, "POST", caseURL+"/outcome", url.Values{"disposition": {"3.13"}}); rec.Code != http.StatusConflict ||
			!strings.Contains(rec.Body.String(), "您没有占用这个号码") {
			t.Fatalf("an outcome on a case no longer held: %d", rec.Code)
		}
		rec = h.Page(account.Operator, "POST", "/phone/2026-annual/next", nil)
		next := regexp.MustCompile(`/phone/2026-annual/cases/(\d+)/interview`).FindStringSubmatch(rec.Body.String())
		if rec.Code != http.StatusOK || next == nil {
			t.Fatalf("next on the console: %d %s", rec.Code, rec.Body)
		}
		form := url.Values{"q_efficiency": {"A"}, "q_attitude": {"B"}, "q_quality": {"X"}, "q_overall": {"A"}, "comment": {"很好"}}
		rec = h.Page(account.Operator, "POST", "/phone/2026-annual/cases/"+next[1]+"/interview", form)
		if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/phone/2026-annual?receipt=P-") {
			t.Fatalf("interview: %d %s", rec.Code, rec.Body)
		}
		var resp responses.Response
		h.App.DB.Gorm.Where("channel = ?", responses.Phone).Take(&resp)
		if resp.Weight != 10 || resp.Stratum == "" {
			t.Fatalf("phone response %+v: want weight 20/2 and a stratum", resp)
		}

		rec = h.API(account.Supervisor, "GET", base+"/progress", nil)
		body := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(body, `"RR1":0.25`) || !strings.Contains(body, `"completes":1`) {
			t.Fatalf("progress: %d %s", rec.Code, body)
		}
		if rec := h.API(account.Operator, "GET", base+"/progress", nil); rec.Code != http.StatusForbidden {
			t.Fatalf("an operator reads progress: %d", rec.Code)
		}
		// Every administrator and supervisor action is in the audit log,
		// and no number is.
		var entries []struct{ Action, Actor, Detail string }
		h.App.DB.Gorm.Table("audit_log").Where("action LIKE 'phone.%'").Order("seq").Find(&entries)
		var actions []string
		for _, e := range entries {
			actions = append(actions, e.Action+" by "+e.Actor)
			if digitsOfFrame.MatchString(e.Detail) || strings.Contains(e.Detail, held.Phone[3:]) {
				t.Errorf("audit detail of %s holds a number: %s", e.Action, e.Detail)
			}
		}
		want := "phone.frame.import by t-admin,phone.rules by t-admin,phone.draw.plan by t-admin,phone.draw.witness by t-supervisor,phone.draw.execute by t-admin,phone.draw.release by t-admin"
		if strings.Join(actions, ",") != want {
			t.Errorf("audited %v", actions)
		}

		// Every page renders whole, in both languages.
		for _, p := range []struct {
			role account.Role
			path string
		}{{account.Admin, "/admin/campaigns/2026-annual/phone"}, {account.Supervisor, "/admin/campaigns/2026-annual/phone/progress"},
			{account.Operator, "/phone/2026-annual"}, {account.Admin, "/admin/sample-size?margin=2&confidence=0.9&sd=15&response_rate=0.3&population=500"},
			{account.Admin, "/admin/campaigns/2026-annual"}} {
			for _, lang := range []string{"zh", "en"} {
				req := apptest.Request("GET", p.path)
				req.AddCookie(&http.Cookie{Name: "pingyi_lang", Value: lang})
				rec := h.Do(h.Browser(p.role, req))
				if rec.Code != http.StatusOK || !strings.HasSuffix(strings.TrimSpace(rec.Body.String()), "</html>") {
					t.Errorf("%s in %s: %d, cut short: %s", p.path, lang, rec.Code, rec.Body)
				}
			}
		}
		page = h.Page(account.Committee, "GET", "/admin/campaigns/2026-annual/phone/progress?e=0.5", nil)
		if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), "AAPOR") || !strings.Contains(page.Body.String(), "25.0%") {
			t.Fatalf("progress page: %d", page.Code)
		}
	})
}

func TestSampleSizeThroughTheAPI(t *testing.T) {
	h := apptest.New(t, "sqlite")
	rec := h.API(account.Admin, "POST", "/api/v1/sample-size", `{"margin": 0.05, "confidence": 0.95, "population": 2000, "response_rate": 0.5}`)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"completes":323`) || !strings.Contains(rec.Body.String(), `"contacts":646`) {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	if rec := h.API(account.Admin, "POST", "/api/v1/sample-size", `{"margin": 0, "confidence": 0.95, "response_rate": 0.5}`); rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("bad input: %d", rec.Code)
	}
}
