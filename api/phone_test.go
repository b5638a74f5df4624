package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/responses"
)

// phoneCampaign is the API test campaign with a phone group, open, with a
// frame of 40 contacts and calling allowed around the clock (the tests run
// on the real clock).
func phoneCampaign(t *testing.T, h *apptest.Harness) {
	t.Helper()
	def := strings.Replace(definition(t), `"weight": 0.15}`, `"weight": 0.15}, {"code": "service_users", "name": "服务对象（电话回访）", "weight": 0.1}`, 1)
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

var digitsOfFrame = regexp.MustCompile(`1360000\d{4}`)

func TestPhoneSurveyOverHTTP(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		phoneCampaign(t, h)
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
		rec = h.Page(account.Supervisor, "POST", "/admin/campaigns/2026-annual/phone/witness", url.Values{"witness": {"2026112103"}})
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
			!strings.Contains(console, `accesskey="1"`) || !strings.Contains(console, "不了解") {
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
				req := httptestRequest("GET", p.path)
				req.AddCookie(&http.Cookie{Name: "pingyi_lang", Value: lang})
				rec := h.Do(withAuth(h, p.role, req))
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

func TestPhoneAdminPageReportsAnImport(t *testing.T) {
	h := apptest.New(t, "sqlite")
	phoneCampaign(t, h)
	rec := h.Upload(account.Admin, "/admin/campaigns/2026-annual/phone/frame", "第二批.csv", []byte("单位,电话\nU001,13600000000\nU002,abc\nU001,13900001111\n"))
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.Contains(body, "已导入 第二批.csv") || !strings.Contains(body, "号码含有数字以外的字符") ||
		!strings.Contains(body, "先前导入文件的第 2 行") {
		t.Fatalf("%d %s", rec.Code, body)
	}
	rec = h.Page(account.Admin, "POST", "/admin/campaigns/2026-annual/phone/plan", url.Values{"method": {"neyman"}, "completes": {"4"},
		"response_rate": {"0.5"}, "replicates": {"1"}, "sds": {"U001 x"}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "U001 12.5") || !strings.Contains(rec.Body.String(), `value="neyman" selected`) {
		t.Fatalf("a bad plan: %d %s", rec.Code, rec.Body)
	}
	rec = h.Page(account.Admin, "POST", "/admin/campaigns/2026-annual/phone/plan", url.Values{"method": {"neyman"}, "completes": {"4"},
		"response_rate": {"0.5"}, "replicates": {"1"}, "default_sd": {"10"}, "sds": {"U002 20"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("plan: %d %s", rec.Code, rec.Body)
	}
	page := h.Page(account.Admin, "GET", "/admin/campaigns/2026-annual/phone", nil).Body.String()
	if !strings.Contains(page, "等待特约监督员") || !strings.Contains(page, "奈曼分配") {
		t.Fatalf("admin page after planning: %s", page)
	}
	rec = h.Upload(account.Admin, "/admin/phone/donotcall", "免打扰.csv", []byte("电话\n13600000001\n13600000001\nabc\n"))
	if body := rec.Body.String(); rec.Code != http.StatusOK || !strings.Contains(body, "新增 1，重复 1") || !strings.Contains(body, "line 4, column 电话") {
		t.Fatalf("do-not-call upload: %d %s", rec.Code, body)
	}
}

func TestSampleSizeCalculator(t *testing.T) {
	h := apptest.New(t, "sqlite")
	rec := h.Page(account.Operator, "GET", "/admin/sample-size?margin=0.05&confidence=0.95&population=0&proportion=0&sd=0&response_rate=0.25", nil)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "<strong>385</strong>") || !strings.Contains(rec.Body.String(), "<strong>1540</strong>") {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	rec = h.API(account.Admin, "POST", "/api/v1/sample-size", `{"margin": 0.05, "confidence": 0.95, "population": 2000, "response_rate": 0.5}`)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"completes":323`) || !strings.Contains(rec.Body.String(), `"contacts":646`) {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	if rec := h.API(account.Admin, "POST", "/api/v1/sample-size", `{"margin": 0, "confidence": 0.95, "response_rate": 0.5}`); rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("bad input: %d", rec.Code)
	}
}
