package web_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/tabular"
)

func TestInvitationPages(t *testing.T) {
	h := apptest.New(t, "sqlite")
	h.OpenCampaigns()
	const base = "/admin/campaigns/2026-annual/invitations"
	if rec := h.Page(account.Admin, "POST", base, url.Values{"group": {"deputies"}, "size": {"0"}}); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "每批邀请数") {
		t.Fatalf("an empty batch: %d %s", rec.Code, rec.Body)
	}
	wantRedirect(t, h.Page(account.Admin, "POST", base, url.Values{"group": {"deputies"}, "size": {"3"}, "label": {"人大代表"}}), http.StatusSeeOther, base)
	list := h.Page(account.Admin, "GET", base, nil).Body.String()
	if !strings.Contains(list, "人大代表、政协委员") || !strings.Contains(list, base+"/1/print") {
		t.Fatalf("list: %s", list)
	}
	rec := h.Page(account.Admin, "GET", base+"/1/csv", nil)
	lines := strings.Split(strings.TrimSpace(rec.Body.String()), "\n")
	if rec.Code != http.StatusOK || len(lines) != 4 || !strings.HasPrefix(lines[1], "1,deputies,http://pingyi.test/i/") || rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("csv: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
	token := strings.TrimPrefix(strings.Split(lines[1], ",")[2], "http://pingyi.test/i/")
	if body := h.Page(apptest.Stranger, "GET", "/i/"+token, nil).Body.String(); !strings.Contains(body, "人大代表、政协委员") {
		t.Fatalf("the exported link does not open the form: %s", body)
	}
	sheet := h.Page(account.Admin, "GET", base+"/1/print", nil).Body.String()
	if strings.Count(sheet, `<svg class="qr"`) != 3 || !strings.Contains(sheet, token) {
		t.Fatalf("print sheet: %s", sheet)
	}
	wantRedirect(t, h.Page(account.Admin, "POST", base+"/1/revoke", url.Values{"confirm": {"1"}}), http.StatusSeeOther, base)
	if rec := h.Page(apptest.Stranger, "GET", "/i/"+token, nil); rec.Code != http.StatusGone {
		t.Fatalf("a withdrawn link: %d", rec.Code)
	}
	if rec := h.Page(account.Committee, "GET", base+"/1/csv", nil); rec.Code != http.StatusForbidden {
		t.Fatalf("a committee member downloads tokens: %d", rec.Code)
	}
	var exports int64
	h.App.DB.Gorm.Table("audit_log").Where("action = ?", "invitations.export").Count(&exports)
	if exports != 2 {
		t.Fatalf("%d audited exports, want 2", exports)
	}
}

func TestImportPageAndExports(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		const page = "/admin/campaigns/2026-annual/import"
		if rec := h.Page(account.Admin, "GET", page, nil); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "导入纸质问卷") {
			t.Fatalf("import page: %d", rec.Code)
		}
		bad := "response_ref,group,unit_code,indicator_code,option\nP-1,public,U001,efficiency,A\nP-1,public,U002,quality,E\n"
		rec := h.Upload(account.Admin, page, "paper.csv", []byte(bad))
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "line 3, column option") || !strings.Contains(rec.Body.String(), "未知的选项") {
			t.Fatalf("a bad file: %d %s", rec.Code, rec.Body)
		}
		good := "\ufeffresponse_ref,group,unit_code,indicator_code,option,comment\nP-1,public,U001,efficiency,A,很好\nP-2,deputies,U002,quality,不满意,\nP-1,public,U002,quality,B,\n"
		rec = h.Upload(account.Admin, page, "paper.csv", []byte(good))
		if rec.Code != http.StatusCreated || !strings.Contains(rec.Body.String(), "已导入 2 份答卷，共 3 条评价、1 条意见建议") {
			t.Fatalf("a good file: %d %s", rec.Code, rec.Body)
		}
		rec = h.Upload(account.Admin, "/api/v1/campaigns/2026-annual/responses/import", "paper.csv", []byte(good))
		if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), `\"P-1\"`) {
			t.Fatalf("the same file again: %d %s", rec.Code, rec.Body)
		}

		rec = h.API(account.Committee, "GET", "/api/v1/campaigns/2026-annual/responses/export?format=csv", nil)
		text := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.HasPrefix(text, "\ufeffresponse_ref,group,unit_code,indicator_code,option,channel,weight,stratum,submitted_at,comment,excluded\n") ||
			strings.Count(text, "\n") != 4 || !strings.Contains(text, "P-1,public,U001,efficiency,A,paper,1,,") || !strings.Contains(rec.Header().Get("Content-Disposition"), "responses-2026-annual.csv") {
			t.Fatalf("csv export: %d %v\n%s", rec.Code, rec.Header(), text)
		}
		rec = h.API(account.Supervisor, "GET", "/api/v1/campaigns/2026-annual/responses/export?format=xlsx", nil)
		r, err := tabular.Open(bytes.NewReader(rec.Body.Bytes()), tabular.XLSX)
		if rec.Code != http.StatusOK || err != nil || !r.Has("excluded") {
			t.Fatalf("xlsx export: %d %v", rec.Code, err)
		}
		if rec := h.API(account.Admin, "GET", "/api/v1/campaigns/2026-annual/responses/export?format=pdf", nil); rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("a pdf export: %d", rec.Code)
		}
		if rec := h.API(account.Liaison, "GET", "/api/v1/campaigns/2026-annual/responses/export", nil); rec.Code != http.StatusForbidden {
			t.Fatalf("a liaison exports: %d", rec.Code)
		}

		h.API(apptest.Stranger, "POST", "/api/v1/campaigns/2026-annual/responses", map[string]any{"answers": apptest.AnswersJSON("A")})
		campaign := h.Page(account.Supervisor, "GET", "/admin/campaigns/2026-annual", nil).Body.String()
		for _, want := range []string{"答卷收集", "3 份答卷", "<td>网上</td><td>1</td>", "<td>纸质</td><td>2</td>", "/admin/campaigns/2026-annual/export?format=xlsx"} {
			if !strings.Contains(campaign, want) {
				t.Fatalf("campaign page lacks %q: %s", want, campaign)
			}
		}
		if strings.Contains(campaign, `action="/admin/campaigns/2026-annual/collection"`) {
			t.Fatal("a supervisor sees the settings form")
		}
		if body := h.Page(account.Operator, "GET", "/admin/campaigns/2026-annual", nil).Body.String(); strings.Contains(body, "/export?") {
			t.Fatal("an operator is offered the export")
		}

		// An upload past the default 2 MiB body limit: the route's own
		// limit applies before anything reads the body.
		var big strings.Builder
		big.WriteString("response_ref,group,unit_code,indicator_code,option,comment\n")
		for i := 0; big.Len() < 3<<20; i++ {
			fmt.Fprintf(&big, "B-%06d,public,U001,efficiency,A,请把办事指南放到网上，方便群众查询和准备材料\n", i)
		}
		if rec := h.Upload(account.Admin, "/api/v1/campaigns/2026-annual/responses/import", "big.csv", []byte(big.String())); rec.Code != http.StatusCreated {
			t.Fatalf("a 3 MiB file: %d %s", rec.Code, rec.Body.String()[:min(300, rec.Body.Len())])
		}
	})
}

// A file over its route's limit is refused as too large, naming the limit,
// whether a script or a browser sends it.
func TestAnUploadOverItsLimitIs413(t *testing.T) {
	h := apptest.New(t, "sqlite")
	big := bytes.Repeat([]byte("x"), 21<<20) // the definition and unit list limit is 20 MiB
	if rec := h.Upload(account.Admin, "/api/v1/campaigns/nope/units/import", "units.csv", big); rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "20 MiB") {
		t.Errorf("API: %d %s", rec.Code, rec.Body)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf_token", h.CSRF())
	fw, _ := mw.CreateFormFile("file", "def.json")
	fw.Write(big)
	mw.Close()
	req := httptest.NewRequest("POST", "/admin/campaigns/new", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if rec := h.Do(h.Browser(account.Admin, req)); rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "20 MiB") {
		t.Errorf("page: %d %s", rec.Code, rec.Body.String()[:min(500, rec.Body.Len())])
	}
	form := url.Values{"csrf_token": {h.CSRF()}, "definition": {strings.Repeat("x", 3<<20)}} // the default limit is 2 MiB
	req = httptest.NewRequest("POST", "/admin/campaigns/2026-annual/status", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if rec := h.Do(h.Browser(account.Admin, req)); rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("a form: %d", rec.Code)
	}
}
