package api_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/i18n"
)

type appealCase struct {
	ID                  int64      `json:"id"`
	Number              string     `json:"number"`
	Status              string     `json:"status"`
	Unit                string     `json:"unit"`
	Contact             string     `json:"contact"`
	Deadline            *time.Time `json:"deadline"`
	DeadlineProvisional bool       `json:"deadline_provisional"`
	Extension           string     `json:"extension"`
	ExtensionTo         *time.Time `json:"extension_to"`
	Resolved            *bool      `json:"resolved"`
	Reply               string     `json:"reply"`
	Callback            string     `json:"callback"`
	ReviewLevel         int        `json:"review_level"`
	History             []struct {
		Stage, Actor, Value, Note string
	} `json:"history"`
}

type appealQueue struct {
	Total int64 `json:"total"`
	Items []struct {
		ID                 int64 `json:"id"`
		ExtensionRequested bool  `json:"extension_requested"`
	} `json:"items"`
}

func (q appealQueue) has(id int64) bool {
	for _, it := range q.Items {
		if it.ID == id {
			return true
		}
	}
	return false
}

// The staff workflow over JSON, with the roles of the pages: dispatchers
// take in, assign, decide, call back and record reviews; a liaison works
// only its unit's cases, and never sees a report about its unit.
func TestTheAppealsWorkflowOverJSON(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		for _, role := range []account.Role{account.Operator, account.Liaison, account.Supervisor} {
			if rec := h.API(role, "GET", "/api/v1/appeals/queues", nil); rec.Code != http.StatusForbidden {
				t.Errorf("%s read the dispatcher's queues: %d", role, rec.Code)
			}
		}
		if rec := h.API(account.Dispatcher, "GET", "/api/v1/liaison/appeals", nil); rec.Code != http.StatusForbidden {
			t.Errorf("a dispatcher read a liaison's queue: %d", rec.Code)
		}
		rec := h.API(account.Dispatcher, "POST", "/api/v1/appeals/cases", map[string]any{"channel": "fax", "type": "闲聊", "content": ""})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `"path":"channel"`) ||
			!strings.Contains(rec.Body.String(), `"path":"kind"`) || !strings.Contains(rec.Body.String(), `"path":"content"`) {
			t.Fatalf("a bad intake: %d %s", rec.Code, rec.Body)
		}
		receive := func(body map[string]any) int64 {
			t.Helper()
			rec := h.API(account.Dispatcher, "POST", "/api/v1/appeals/cases", body)
			got := apptest.Decode[struct {
				ID     int64  `json:"id"`
				Number string `json:"number"`
			}](t, rec)
			if rec.Code != http.StatusCreated || len(got.Number) != 12 {
				t.Fatalf("intake: %d %s", rec.Code, rec.Body)
			}
			return got.ID
		}
		id := receive(map[string]any{"channel": "hotline", "type": "投诉", "content": "噪音扰民", "contact": "13912345678", "complexity": "simple"})
		path := "/api/v1/appeals/cases/" + strconv.FormatInt(id, 10)
		lpath := "/api/v1/liaison/appeals/" + strconv.FormatInt(id, 10)

		queues := apptest.Decode[map[string]appealQueue](t, h.API(account.Dispatcher, "GET", "/api/v1/appeals/queues", nil))
		if q := queues["unassigned"]; q.Total != 1 || !q.has(id) {
			t.Errorf("the unassigned queue: %+v", q)
		}
		if rec := h.API(account.Dispatcher, "GET", "/api/v1/appeals/cases?queue=everything", nil); rec.Code != http.StatusBadRequest {
			t.Errorf("an unknown queue: %d", rec.Code)
		}
		got := apptest.Decode[appealCase](t, h.API(account.Dispatcher, "GET", path, nil))
		if got.Contact != "139****5678" || got.Status != "received" || len(got.History) != 1 || got.History[0].Actor != apptest.Login(account.Dispatcher) {
			t.Fatalf("the case: %+v", got)
		}
		if rec := h.API(account.Liaison, "POST", lpath+"/accept", nil); rec.Code != http.StatusNotFound {
			t.Errorf("a liaison accepted an unassigned case: %d", rec.Code)
		}
		rec = h.API(account.Dispatcher, "POST", path+"/assign", map[string]string{"unit": "市公安局"})
		got = apptest.Decode[appealCase](t, rec)
		if rec.Code != http.StatusOK || got.Unit != "U001" || got.Status != "assigned" || got.Deadline == nil {
			t.Fatalf("assign: %d %s", rec.Code, rec.Body)
		}
		if rec := h.API(account.Dispatcher, "POST", path+"/assign", map[string]string{"unit": "U002"}); rec.Code != http.StatusConflict {
			t.Errorf("a second assignment: %d", rec.Code)
		}

		// The liaison of the unit.
		mine := apptest.Decode[appealQueue](t, h.API(account.Liaison, "GET", "/api/v1/liaison/appeals", nil))
		if !mine.has(id) {
			t.Fatalf("the liaison's queue lacks the case: %+v", mine)
		}
		got = apptest.Decode[appealCase](t, h.API(account.Liaison, "GET", lpath, nil))
		if got.Contact != "" {
			t.Errorf("a liaison got the contact %q", got.Contact)
		}
		if rec := h.API(account.Liaison, "POST", lpath+"/reply", map[string]any{"text": "已处理", "resolved": true}); rec.Code != http.StatusConflict {
			t.Errorf("a reply before acceptance: %d", rec.Code)
		}
		if rec := h.API(account.Liaison, "POST", lpath+"/accept", nil); rec.Code != http.StatusOK {
			t.Fatalf("accept: %d %s", rec.Code, rec.Body)
		}
		days, _ := h.App.Calendar.Load(context.Background())
		at, _ := days.AddWorkingDays(time.Now(), 10)
		to := at.Add(-time.Hour).In(i18n.China).Format(time.DateOnly)
		rec = h.API(account.Liaison, "POST", lpath+"/extension", map[string]string{"to": "soon", "reason": "需协调"})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `"path":"to"`) {
			t.Errorf("an extension without a date: %d %s", rec.Code, rec.Body)
		}
		if rec := h.API(account.Liaison, "POST", lpath+"/extension", map[string]string{"to": to, "reason": "需协调"}); rec.Code != http.StatusOK {
			t.Fatalf("extension: %d %s", rec.Code, rec.Body)
		}
		queues = apptest.Decode[map[string]appealQueue](t, h.API(account.Dispatcher, "GET", "/api/v1/appeals/queues", nil))
		if !queues["extensions"].has(id) {
			t.Errorf("the extension request is not in the dispatcher's queue")
		}
		if rec := h.API(account.Dispatcher, "POST", path+"/extension/decision", map[string]any{}); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("a decision without approve: %d", rec.Code)
		}
		got = apptest.Decode[appealCase](t, h.API(account.Dispatcher, "POST", path+"/extension/decision", map[string]any{"approve": true}))
		if got.Extension != "approved" || got.Deadline == nil || got.Deadline.In(i18n.China).Add(-time.Hour).Format(time.DateOnly) != to {
			t.Errorf("after approval: %+v (want the deadline on %s)", got, to)
		}
		if rec := h.API(account.Liaison, "POST", lpath+"/extension", map[string]string{"to": to, "reason": "再延"}); rec.Code != http.StatusConflict {
			t.Errorf("a second extension: %d", rec.Code)
		}
		if rec := h.API(account.Liaison, "POST", lpath+"/reply", map[string]any{"text": "已处理"}); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("a reply without resolved: %d", rec.Code)
		}
		got = apptest.Decode[appealCase](t, h.API(account.Liaison, "POST", lpath+"/reply", map[string]any{"text": "已约谈商户", "resolved": true}))
		if got.Status != "replied" || got.Resolved == nil || !*got.Resolved {
			t.Fatalf("reply: %+v", got)
		}
		if rec := h.API(account.Dispatcher, "POST", path+"/callback", map[string]string{"result": "还行"}); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("an unknown callback result: %d", rec.Code)
		}
		got = apptest.Decode[appealCase](t, h.API(account.Dispatcher, "POST", path+"/callback", map[string]string{"result": "不满意"}))
		if got.Callback != "dissatisfied" {
			t.Errorf("callback: %+v", got)
		}
		got = apptest.Decode[appealCase](t, h.API(account.Dispatcher, "POST", path+"/review", nil))
		if got.ReviewLevel != 1 || got.Status != "accepted" {
			t.Errorf("review: %+v", got)
		}
		stages := []string{}
		for _, e := range got.History {
			stages = append(stages, e.Stage)
		}
		if strings.Join(stages, " ") != "receive assign accept extension extension reply callback review" {
			t.Errorf("history: %v", stages)
		}
		contact := apptest.Decode[struct {
			Contact string `json:"contact"`
		}](t, h.API(account.Dispatcher, "POST", path+"/contact", nil))
		if contact.Contact != "13912345678" || strings.Contains(h.Logs.String(), "13912345678") {
			t.Errorf("the contact: %q, or it was logged", contact.Contact)
		}
		if rec := h.API(account.Liaison, "POST", path+"/contact", nil); rec.Code != http.StatusForbidden {
			t.Errorf("a liaison revealed a contact: %d", rec.Code)
		}

		// Another unit's liaison, and a report about the liaison's unit.
		if _, _, err := h.App.Accounts.Create(context.Background(), account.NewUser{Login: "liaison-u002", Role: account.Liaison,
			Password: apptest.Password, UnitCode: "U002"}, audit.Actor{Login: "test"}); err != nil {
			t.Fatal(err)
		}
		other := h.SignIn("liaison-u002", apptest.Password)
		if rec := other.API("GET", lpath, nil); rec.Code != http.StatusNotFound {
			t.Errorf("another unit's liaison read the case: %d", rec.Code)
		}
		if rec := other.API("POST", lpath+"/reply", map[string]any{"text": "x", "resolved": true}); rec.Code != http.StatusNotFound {
			t.Errorf("another unit's liaison replied: %d", rec.Code)
		}
		report := receive(map[string]any{"channel": "letter", "type": "举报", "content": "窗口人员收受红包", "concerns_unit": "U001"})
		rpath := "/api/v1/appeals/cases/" + strconv.FormatInt(report, 10)
		if rec := h.API(account.Dispatcher, "POST", rpath+"/assign", map[string]string{"unit": "U001-1"}); rec.Code != http.StatusForbidden {
			t.Errorf("a report assigned to a station of the unit it is about: %d", rec.Code)
		}
		if rec := h.API(account.Dispatcher, "POST", rpath+"/assign", map[string]string{"unit": "U002"}); rec.Code != http.StatusOK {
			t.Fatalf("assign the report: %d %s", rec.Code, rec.Body)
		}
		if rec := h.API(account.Liaison, "GET", "/api/v1/liaison/appeals/"+strconv.FormatInt(report, 10), nil); rec.Code != http.StatusNotFound {
			t.Errorf("the unit a report is about read it: %d", rec.Code)
		}
		if rec := other.API("POST", "/api/v1/liaison/appeals/"+strconv.FormatInt(report, 10)+"/return", map[string]string{"reason": "非本单位职责"}); rec.Code != http.StatusNoContent {
			t.Errorf("return: %d %s", rec.Code, rec.Body)
		}
		queues = apptest.Decode[map[string]appealQueue](t, h.API(account.Dispatcher, "GET", "/api/v1/appeals/queues", nil))
		if !queues["unassigned"].has(report) {
			t.Errorf("the returned report is not waiting for a unit")
		}
	})
}

// Imports over JSON: a hotline export (refused whole, naming rows) and a
// calendar notice; only administrators.
func TestAppealsAndCalendarImportsOverJSON(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		file := []byte("case_no,received_at,unit\nA1,2026-03-02 09:00,U001\nA2,2026-03-02,U999\n")
		if rec := h.Upload(account.Dispatcher, "/api/v1/appeals/import?source=12345", "a.csv", file); rec.Code != http.StatusForbidden {
			t.Errorf("a dispatcher imported: %d", rec.Code)
		}
		rec := h.Upload(account.Admin, "/api/v1/appeals/import?source=12345", "a.csv", file)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `"path":"line 3, column unit"`) && !strings.Contains(rec.Body.String(), `line 3`) {
			t.Fatalf("a bad file: %d %s", rec.Code, rec.Body)
		}
		rec = h.Upload(account.Admin, "/api/v1/appeals/import", "a.csv", []byte("case_no,received_at,unit\nA1,2026-03-02 09:00,U001\n"))
		if rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("an import without a source: %d", rec.Code)
		}
		rec = h.Upload(account.Admin, "/api/v1/appeals/import?source=12345", "a.csv", []byte("case_no,received_at,unit\nA1,2026-03-02 09:00,U001\n"))
		if rec.Code != http.StatusOK || rec.Body.String() != `{"rows":1,"created":1,"updated":0}` {
			t.Fatalf("a good file: %d %s", rec.Code, rec.Body)
		}

		years := apptest.Decode[struct {
			Years []struct {
				Year     int  `json:"year"`
				Imported bool `json:"imported"`
			} `json:"years"`
		}](t, h.API(account.Admin, "GET", "/api/v1/calendar/years", nil))
		has2026 := false
		for _, y := range years.Years {
			has2026 = has2026 || y.Year == 2026 && !y.Imported
		}
		if !has2026 {
			t.Errorf("2026 is not a known year: %+v", years)
		}
		rec = h.Upload(account.Admin, "/api/v1/calendar/import", "2090.csv", []byte("date,kind,name\n2090-01-01,holiday,元旦\n2090-01-07,workday,元旦\n"))
		if rec.Code != http.StatusOK || rec.Body.String() != `{"years":[2090],"replaced":[],"holidays":1,"workdays":1}` {
			t.Fatalf("calendar import: %d %s", rec.Code, rec.Body)
		}
		rec = h.API(account.Admin, "GET", "/api/v1/calendar/years/2090", nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `{"date":"2090-01-07","kind":"workday","name":"元旦"}`) {
			t.Errorf("2090: %d %s", rec.Code, rec.Body)
		}
		if rec := h.API(account.Dispatcher, "GET", "/api/v1/calendar/years", nil); rec.Code != http.StatusForbidden {
			t.Errorf("a dispatcher read the calendar: %d", rec.Code)
		}
	})
}
