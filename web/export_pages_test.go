package web_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pingyi/account"
	"pingyi/app/apptest"
)

// The committee's export opens as one row per response, one column per
// unit × indicator, with Chinese headers; a refusal is a page.
func TestTheWideExportIsOneRowPerResponse(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		good := "response_ref,group,unit_code,indicator_code,option,comment\nP-1,public,U001,efficiency,A,=很好\nP-2,deputies,U002,quality,不满意,\nP-1,public,U002,quality,B,\n"
		apptest.Expect(t, h.Upload(account.Admin, "/admin/campaigns/2026-annual/import", "paper.csv", []byte(good)), http.StatusCreated)
		rec := apptest.Expect(t, h.Page(account.Committee, "GET", "/admin/campaigns/2026-annual/export?format=csv", nil), http.StatusOK)
		lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(rec.Body.String(), "\ufeff")), "\n")
		if len(lines) != 3 || !strings.HasPrefix(lines[0], "问卷编号,群体,渠道,权重,分层,提交时间,已剔除,市公安局·服务效率,市公安局·服务态度,") ||
			!strings.Contains(lines[0], "市教育局·服务质量") || !strings.Contains(lines[0], "市公安局·意见建议") ||
			!strings.Contains(rec.Header().Get("Content-Disposition"), "responses-wide-2026-annual.csv") {
			t.Fatalf("wide csv: %v %q", rec.Header(), lines)
		}
		header := strings.Split(lines[0], ",")
		p1 := strings.Split(lines[1], ",")
		col := func(name string) string {
			for i, h := range header {
				if h == name {
					return p1[i]
				}
			}
			t.Fatalf("no column %q", name)
			return ""
		}
		if len(p1) != len(header) || p1[0] != "P-1" || col("群体") != "群众、企业及社会组织代表" || col("渠道") != "纸质" || col("市公安局·服务效率") != "满意" ||
			col("市教育局·服务质量") != "比较满意" || col("市公安局·意见建议") != "'=很好" || col("已剔除") != "否" || col("市公安局·服务态度") != "" {
			t.Fatalf("P-1: %q", lines[1])
		}
		rec = apptest.Expect(t, h.Page(account.Supervisor, "GET", "/admin/campaigns/2026-annual/export?format=xlsx", nil), http.StatusOK)
		book, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := book.GetRows("答卷1")
		if len(rows) != 3 || rows[0][0] != "问卷编号" || rows[1][0] != "P-1" {
			t.Fatalf("wide xlsx: %v %v", book.GetSheetList(), rows)
		}
		rec = h.Page(account.Committee, "GET", "/admin/campaigns/2026-annual/export?format=pdf", nil)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Header().Get("Content-Type"), "text/html") || !strings.Contains(rec.Body.String(), "csv 或 xlsx") {
			t.Fatalf("a pdf: %d %v %s", rec.Code, rec.Header(), rec.Body)
		}
		rec = h.Page(account.Committee, "GET", "/admin/campaigns/2026-annual/export?format=csv&layout=long", nil)
		if !strings.HasPrefix(rec.Body.String(), "\ufeffresponse_ref,group,unit_code") {
			t.Fatalf("long: %s", rec.Body)
		}
		rec = h.API(account.Committee, "GET", "/api/v1/campaigns/2026-annual/responses/export?format=csv&layout=wide", nil)
		if !strings.HasPrefix(rec.Body.String(), "\ufeff问卷编号,") {
			t.Fatalf("the API's wide export: %s", rec.Body)
		}
		// A wide export reads back: the closed copy of the campaign takes it.
		wide := h.Page(account.Committee, "GET", "/admin/campaigns/2026-annual/export?format=xlsx", nil).Body.Bytes()
		res := apptest.Expect(t, h.Upload(account.Admin, "/admin/campaigns/closed/import", "wide.xlsx", wide), http.StatusCreated).Body.String()
		if !strings.Contains(res, "已导入 2 份答卷，共 3 条评价、1 条意见建议") {
			t.Fatalf("the wide export imported: %s", res)
		}
		if rec := h.Page(account.Liaison, "GET", "/admin/campaigns/2026-annual/export", nil); rec.Code != http.StatusForbidden {
			t.Fatalf("a liaison exports: %d", rec.Code)
		}
	})
}
