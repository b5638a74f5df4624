package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/i18n"
)

// caseIDFrom reads the case id from the redirect after an intake.
func caseIDFrom(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	m := regexp.MustCompile(`^/dispatch/cases/(\d+)\?done=receive$`).FindStringSubmatch(rec.Header().Get("Location"))
	if rec.Code != http.StatusSeeOther || m == nil {
		t.Fatalf("intake: %d %q %s", rec.Code, rec.Header().Get("Location"), rec.Body)
	}
	return m[1]
}

func intake(kind, content string) url.Values {
	return url.Values{"channel": {"hotline"}, "kind": {kind}, "content": {content}, "contact": {"13812345678"},
		"complexity": {"simple"}}
}

// A working day some ten working days ahead, as the date form field takes it.
func laterWorkingDay(t *testing.T, h *apptest.Harness) string {
	days, err := h.App.Calendar.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	at, _ := days.AddWorkingDays(time.Now(), 10) // 24:00 of that day
	return at.Add(-time.Hour).In(i18n.China).Format(time.DateOnly)
}

// The whole staff workflow on the pages: a dispatcher files a case by
// phone, assigns it; the unit's liaison accepts it, asks for an extension,
// replies; the dispatcher approves the extension, calls back, records a
// review. Every step out of order is refused with a clear message, and
// each role reaches only its own pages and cases.
func TestTheStaffWorkAnAppealOnThePages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		for _, role := range []account.Role{account.Operator, account.Liaison, account.Committee} {
			if rec := h.Page(role, "GET", "/dispatch", nil); rec.Code != http.StatusForbidden {
				t.Errorf("%s reached the dispatcher's console: %d", role, rec.Code)
			}
		}
		if rec := h.Page(account.Dispatcher, "GET", "/liaison/appeals", nil); rec.Code != http.StatusForbidden {
			t.Errorf("a dispatcher reached the liaison's queue: %d", rec.Code)
		}

		// A refused intake names its fields and keeps what was typed.
		bad := url.Values{"channel": {"hotline"}, "kind": {""}, "content": {"  "}, "contact": {"13812345678"}}
		rec := h.Page(account.Dispatcher, "POST", "/dispatch/cases", bad)
		if body := rec.Body.String(); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "<code>kind</code>") ||
			!strings.Contains(body, "<code>content</code>") || !strings.Contains(body, `value="13812345678"`) {
			t.Fatalf("a bad intake: %d %s", rec.Code, body)
		}

		form := intake("complaint", "办证窗口排队两小时")
		form.Set("password", "xiaoming-2026")
		id := caseIDFrom(t, h.Page(account.Dispatcher, "POST", "/dispatch/cases", form))
		casePath := "/dispatch/cases/" + id
		rec = h.Page(account.Dispatcher, "GET", casePath+"?done=receive", nil)
		body := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(body, "已受理。诉求编号为") || !strings.Contains(body, "138****5678") ||
			strings.Contains(body, "13812345678") || !strings.Contains(body, "办证窗口排队两小时") {
			t.Fatalf("the new case: %d %s", rec.Code, body)
		}

		// The whole contact only on an explicit request, which is audited
		// and never logged.
		rec = h.Page(account.Dispatcher, "POST", casePath+"/contact", nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "13812345678") || rec.Header().Get("Cache-Control") != "no-store" {
			t.Fatalf("reveal: %d %s", rec.Code, rec.Header())
		}
		if strings.Contains(h.Logs.String(), "13812345678") {
			t.Error("the contact was logged")
		}
		if entries, _ := h.App.Audit.Entries(context.Background(), "appeal.contact_view"); len(entries) != 1 {
			t.Errorf("%d contact reveals audited, want 1", len(entries))
		}

		// The liaison cannot act before the case is the unit's.
		liaisonPath := "/liaison/appeals/" + id
		if rec := h.Page(account.Liaison, "GET", liaisonPath, nil); rec.Code != http.StatusNotFound {
			t.Fatalf("an unassigned case shown to a liaison: %d", rec.Code)
		}
		rec = h.Page(account.Dispatcher, "POST", casePath+"/assign", url.Values{"unit": {"U001"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("assign: %d %s", rec.Code, rec.Body)
		}
		body = h.Page(account.Dispatcher, "GET", casePath, nil).Body.String()
		if !strings.Contains(body, "待签收") || !strings.Contains(body, "市公安局") || !regexp.MustCompile(`id="deadline">\d{4}-\d\d-\d\d`).MatchString(body) {
			t.Fatalf("the assigned case does not show its unit and deadline: %s", body)
		}
		rec = h.Page(account.Dispatcher, "POST", casePath+"/assign", url.Values{"unit": {"U002"}})
		if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "已交办") && !strings.Contains(rec.Body.String(), "退回") {
			t.Errorf("a second assignment: %d", rec.Code)
		}

		// The liaison's queue and page.
		body = h.Page(account.Liaison, "GET", "/liaison/appeals", nil).Body.String()
		if !strings.Contains(body, `href="/liaison/appeals/`+id+`"`) {
			t.Fatalf("the liaison's queue lacks the case: %s", body)
		}
		body = h.Page(account.Liaison, "GET", liaisonPath, nil).Body.String()
		if strings.Contains(body, "138****5678") || !strings.Contains(body, `action="/liaison/appeals/`+id+`/accept"`) {
			t.Fatalf("the liaison's case page: %s", body)
		}
		rec = h.Page(account.Liaison, "POST", liaisonPath+"/reply", url.Values{"text": {"已处理"}, "resolved": {"yes"}})
		if rec.Code != http.StatusConflict {
			t.Errorf("a reply before acceptance: %d", rec.Code)
		}
		step := func(m *apptest.Member, role account.Role, path string, form url.Values) {
			t.Helper()
			var rec *httptest.ResponseRecorder
			if m != nil {
				rec = m.Page("POST", path, form)
			} else {
				rec = h.Page(role, "POST", path, form)
			}
			if rec.Code != http.StatusSeeOther {
				t.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
			}
		}
		step(nil, account.Liaison, liaisonPath+"/accept", nil)
		rec = h.Page(account.Liaison, "POST", liaisonPath+"/extension", url.Values{"to": {"next week"}, "reason": {"需现场核查"}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "2026-10-09") {
			t.Errorf("an extension without a date: %d", rec.Code)
		}
		step(nil, account.Liaison, liaisonPath+"/extension", url.Values{"to": {laterWorkingDay(t, h)}, "reason": {"需现场核查"}})
		body = h.Page(account.Dispatcher, "GET", "/dispatch", nil).Body.String()
		if !strings.Contains(body, "申请延期") {
			t.Errorf("the console does not show the extension request")
		}
		step(nil, account.Dispatcher, casePath+"/extension", url.Values{"decision": {"approve"}})
		rec = h.Page(account.Liaison, "POST", liaisonPath+"/extension", url.Values{"to": {laterWorkingDay(t, h)}, "reason": {"再延"}})
		if rec.Code != http.StatusConflict {
			t.Errorf("a second extension: %d", rec.Code)
		}
		rec = h.Page(account.Liaison, "POST", liaisonPath+"/reply", url.Values{"text": {"已增开窗口"}})
		if rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("a reply without saying whether it was resolved: %d", rec.Code)
		}
		step(nil, account.Liaison, liaisonPath+"/reply", url.Values{"text": {"已增开窗口"}, "resolved": {"yes"}})
		step(nil, account.Dispatcher, casePath+"/callback", url.Values{"result": {"basic"}})
		step(nil, account.Dispatcher, casePath+"/review", nil)
		body = h.Page(account.Dispatcher, "GET", casePath, nil).Body.String()
		for _, want := range []string{"已增开窗口", "基本满意", "办理中", "需现场核查", "已同意", "复查"} {
			if !strings.Contains(body, want) {
				t.Errorf("the case page lacks %q", want)
			}
		}
		if got := strings.Count(body, "<li>"); got < 8 {
			t.Errorf("the history has %d stages, want receive … review", got)
		}

		// Another unit's liaison sees nothing of it.
		other := otherLiaison(t, h)
		if rec := other.Page("GET", liaisonPath, nil); rec.Code != http.StatusNotFound {
			t.Errorf("another unit's liaison saw the case: %d", rec.Code)
		}
		if rec := other.Page("POST", liaisonPath+"/return", url.Values{"reason": {"不是我们的"}}); rec.Code != http.StatusNotFound {
			t.Errorf("another unit's liaison acted on the case: %d", rec.Code)
		}
	})
}

// otherLiaison is the liaison of U002 (the harness's liaison is U001's).
func otherLiaison(t *testing.T, h *apptest.Harness) *apptest.Member {
	t.Helper()
	if _, _, err := h.App.Accounts.Create(context.Background(), account.NewUser{Login: "liaison-u002", Role: account.Liaison,
		Password: apptest.Password, UnitCode: "U002"}, audit.Actor{Login: "test"}); err != nil {
		t.Fatal(err)
	}
	return h.SignIn("liaison-u002", apptest.Password)
}

// A report (举报) about a unit never goes to, and is never shown to, that
// unit; a returned case goes back to the dispatcher's first queue.
func TestAReportNeverReachesTheUnitItConcernsAndAReturnGoesBack(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		form := intake("report", "某窗口工作人员索要好处")
		form.Set("concerns_unit", "U001")
		id := caseIDFrom(t, h.Page(account.Dispatcher, "POST", "/dispatch/cases", form))
		for _, unit := range []string{"U001", "U001-1"} {
			rec := h.Page(account.Dispatcher, "POST", "/dispatch/cases/"+id+"/assign", url.Values{"unit": {unit}})
			if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "举报") {
				t.Errorf("a report about U001 assigned to %s: %d", unit, rec.Code)
			}
		}
		if rec := h.Page(account.Dispatcher, "POST", "/dispatch/cases/"+id+"/assign", url.Values{"unit": {"U002"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("assign to U002: %d %s", rec.Code, rec.Body)
		}
		if rec := h.Page(account.Liaison, "GET", "/liaison/appeals/"+id, nil); rec.Code != http.StatusNotFound {
			t.Errorf("the unit a report is about saw it: %d", rec.Code)
		}
		if body := h.Page(account.Liaison, "GET", "/liaison/appeals", nil).Body.String(); strings.Contains(body, "/liaison/appeals/"+id+`"`) {
			t.Error("the report is in the queue of the unit it is about")
		}
		other := otherLiaison(t, h)
		if rec := other.Page("GET", "/liaison/appeals/"+id, nil); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "索要好处") {
			t.Errorf("the unit handling the report cannot see it: %d", rec.Code)
		}

		// A return needs a reason, and sends the case back to the dispatcher.
		id2 := caseIDFrom(t, h.Page(account.Dispatcher, "POST", "/dispatch/cases", intake("help", "路灯不亮")))
		h.Page(account.Dispatcher, "POST", "/dispatch/cases/"+id2+"/assign", url.Values{"unit": {"U001"}})
		if rec := h.Page(account.Liaison, "POST", "/liaison/appeals/"+id2+"/return", url.Values{"reason": {" "}}); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("a return without a reason: %d", rec.Code)
		}
		rec := h.Page(account.Liaison, "POST", "/liaison/appeals/"+id2+"/return", url.Values{"reason": {"路灯归城管局管理"}})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/liaison/appeals?done=return" {
			t.Fatalf("return: %d %q", rec.Code, rec.Header().Get("Location"))
		}
		body := h.Page(account.Dispatcher, "GET", "/dispatch", nil).Body.String()
		unassigned := body[strings.Index(body, `id="q-unassigned"`):strings.Index(body, `id="q-overdue"`)]
		if !strings.Contains(unassigned, `href="/dispatch/cases/`+id2+`"`) {
			t.Errorf("the returned case is not waiting for a unit again")
		}
		if body := h.Page(account.Dispatcher, "GET", "/dispatch/cases/"+id2, nil).Body.String(); !strings.Contains(body, "路灯归城管局管理") {
			t.Error("the history lacks the return's reason")
		}
	})
}

// The staff pages render in Chinese and in English, with no key left
// untranslated.
func TestTheAppealsStaffPagesSpeakBothLanguages(t *testing.T) {
	h := apptest.New(t, "sqlite")
	h.OpenCampaigns()
	id := caseIDFrom(t, h.Page(account.Dispatcher, "POST", "/dispatch/cases", intake("consult", "办事指南在哪里")))
	h.Page(account.Dispatcher, "POST", "/dispatch/cases/"+id+"/assign", url.Values{"unit": {"U001"}})
	for _, tt := range []struct {
		role   account.Role
		path   string
		zh, en string
	}{
		{account.Dispatcher, "/dispatch", "诉求派单台", "Appeals console"},
		{account.Dispatcher, "/dispatch/cases/" + id, "待签收", "Waiting for acceptance"},
		{account.Liaison, "/liaison/appeals", "本单位诉求", "unit&#39;s appeal cases"},
		{account.Liaison, "/liaison/appeals/" + id, "签收诉求", "Accept the case"},
		{account.Admin, "/admin/appeals/import", "导入诉求工单", "Import appeal cases"},
		{account.Admin, "/admin/calendar?year=2026", "工作日历", "Working-day calendar"},
		{account.Admin, "/admin", "诉求派单台", "Appeals console"},
	} {
		rec := h.Page(tt.role, "GET", tt.path, nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), tt.zh) || strings.Contains(rec.Body.String(), "appeal_") {
			t.Errorf("%s in Chinese: %d, %q missing or a key shown", tt.path, rec.Code, tt.zh)
		}
		req := apptest.Request("GET", tt.path)
		req.AddCookie(&http.Cookie{Name: "pingyi_lang", Value: "en"})
		rec = h.Do(h.Browser(tt.role, req))
		if !strings.Contains(rec.Body.String(), tt.en) || strings.Contains(rec.Body.String(), "appeal_") {
			t.Errorf("%s in English: %q missing or a key shown", tt.path, tt.en)
		}
	}
}
