package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
)

// uploadPage sends a page's upload form as role: the file and the fields.
func uploadPage(h *apptest.Harness, role account.Role, path string, fields map[string]string, filename, content string) *httptest.ResponseRecorder {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf_token", h.CSRF())
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("file", filename)
	fw.Write([]byte(content))
	mw.Close()
	req := httptest.NewRequest("POST", path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return h.Do(h.Browser(role, req))
}

func appealCount(t *testing.T, h *apptest.Harness) int64 {
	t.Helper()
	var n int64
	if err := h.App.DB.Gorm.Table("appeal_cases").Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// The import page refuses a bad file whole, naming every bad row, and
// writes nothing; a good file is imported with its counts; importing it
// again updates.
func TestTheAppealsImportPageNamesEveryBadRowAndWritesNothing(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		const page = "/admin/appeals/import"
		if rec := h.Page(account.Admin, "GET", page, nil); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "工单编号") {
			t.Fatalf("the form: %d", rec.Code)
		}
		if rec := h.Page(account.Dispatcher, "GET", page, nil); rec.Code != http.StatusForbidden {
			t.Errorf("a dispatcher reached the import: %d", rec.Code)
		}
		bad := "工单编号,受理时间,承办单位,办结时间\n" +
			"H001,2026-03-02 09:00,U001,2026-03-04 10:00\n" +
			"H002,2026-03-02 09:00,U404,\n" + // unknown unit
			"H003,yesterday,U002,\n" + // bad date
			"H004,2026-03-05 09:00,U002,2026-03-01 10:00\n" // a reply before its receipt
		rec := uploadPage(h, account.Admin, page, map[string]string{"source": "12345"}, "orders.csv", bad)
		body := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("a bad file: %d %s", rec.Code, body)
		}
		for _, line := range []string{"line 3", "line 4", "line 5"} {
			if !strings.Contains(body, line) {
				t.Errorf("the refusal does not name %s: %s", line, body)
			}
		}
		if strings.Contains(body, "line 2") {
			t.Error("the good row was named as a problem")
		}
		if n := appealCount(t, h); n != 0 {
			t.Fatalf("a refused file wrote %d cases", n)
		}

		mapping := `{"单号": "工单编号"}`
		good := "单号,受理时间,承办单位,诉求类型,办结时间,是否解决,回访结果\n" +
			"H001,2026-03-02 09:00,U001,投诉,2026-03-04 10:00,是,满意\n" +
			"H002,2026-03-02 09:00,市教育局,咨询,,,\n"
		rec = uploadPage(h, account.Admin, page, map[string]string{"source": "12345", "mapping": mapping}, "orders.csv", good)
		if rec.Code != http.StatusCreated || !strings.Contains(rec.Body.String(), "已导入 2 件诉求：新增 2 件，更新 0 件") {
			t.Fatalf("a good file: %d %s", rec.Code, rec.Body)
		}
		rec = uploadPage(h, account.Admin, page, map[string]string{"source": "12345", "mapping": mapping}, "orders.csv", good)
		if rec.Code != http.StatusCreated || !strings.Contains(rec.Body.String(), "新增 0 件，更新 2 件") {
			t.Fatalf("the same file again: %d %s", rec.Code, rec.Body)
		}
		if n := appealCount(t, h); n != 2 {
			t.Errorf("%d cases, want 2", n)
		}
		rec = uploadPage(h, account.Admin, page, map[string]string{"source": "12345", "mapping": `{"单号": "ticket"}`}, "orders.csv", good)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "mapping.单号") {
			t.Errorf("a mapping to an unknown column: %d %s", rec.Code, rec.Body)
		}
		entries, _ := h.App.Audit.Entries(context.Background(), "appeal.import")
		if len(entries) != 2 || entries[0].Actor != apptest.Login(account.Admin) {
			t.Errorf("imports audited: %+v", entries)
		}
	})
}

// The calendar page lists the known years, shows a year's notice, and
// loads a corrected or new year from a file, refusing a bad one whole.
func TestTheCalendarPageLoadsAYear(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		rec := h.Page(account.Admin, "GET", "/admin/calendar?year=2025", nil)
		body := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(body, "2025-10-01") || !strings.Contains(body, "国庆") ||
			!strings.Contains(body, "调休上班") || !strings.Contains(body, `href="/admin/calendar?year=2026"`) {
			t.Fatalf("2025: %d %s", rec.Code, body)
		}
		if rec := h.Page(account.Dispatcher, "GET", "/admin/calendar", nil); rec.Code != http.StatusForbidden {
			t.Errorf("a dispatcher reached the calendar: %d", rec.Code)
		}
		rec = h.Page(account.Admin, "GET", "/admin/calendar?year=2091", nil)
		if !strings.Contains(rec.Body.String(), "该年度节假日安排尚未载入") {
			t.Errorf("an unknown year is not said to be provisional")
		}
		bad := "date,kind,name\n2091-01-01,holiday,元旦\n2091-02-30,holiday,春节\n2091-02-01,rest,春节\n"
		rec = uploadPage(h, account.Admin, "/admin/calendar", nil, "2091.csv", bad)
		body = rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "line 3") || !strings.Contains(body, "line 4") {
			t.Fatalf("a bad file: %d %s", rec.Code, body)
		}
		if strings.Contains(h.Page(account.Admin, "GET", "/admin/calendar?year=2091", nil).Body.String(), "元旦") {
			t.Fatal("a refused file loaded a day")
		}
		good := "date,kind,name\n2091-01-01,holiday,元旦\n2091-01-02,holiday,元旦\n2091-01-06,workday,元旦\n"
		rec = uploadPage(h, account.Admin, "/admin/calendar", nil, "2091.csv", good)
		body = rec.Body.String()
		if rec.Code != http.StatusCreated || !strings.Contains(body, "已载入 2 个放假日和 1 个调休上班日") || !strings.Contains(body, "2091-01-06") {
			t.Fatalf("a good file: %d %s", rec.Code, body)
		}
		days, err := h.App.Calendar.Load(context.Background())
		if err != nil || !days.Known(2091) {
			t.Fatalf("2091 is not known after the import: %v", err)
		}
	})
}
