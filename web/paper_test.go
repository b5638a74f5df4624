package web_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/responses"
)

// fillTemplate keys forms into a downloaded template: cells maps a line
// to its values by header.
func fillTemplate(t *testing.T, template []byte, lines map[int]map[string]string) []byte {
	t.Helper()
	book, err := excelize.OpenReader(bytes.NewReader(template))
	if err != nil {
		t.Fatal(err)
	}
	sheet := book.GetSheetList()[0]
	header, _ := book.GetRows(sheet)
	for line, values := range lines {
		for name, v := range values {
			col := -1
			for i, h := range header[0] {
				if h == name {
					col = i
				}
			}
			if col < 0 {
				t.Fatalf("the template has no column %q: %v", name, header[0])
			}
			cell, _ := excelize.CoordinatesToCellName(col+1, line)
			book.SetCellStr(sheet, cell, v)
		}
	}
	var buf bytes.Buffer
	if err := book.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A blank questionnaire prints per group, its template matches it, and
// forms filled for two units and keyed into the template import; a
// mistake is named by line, unit and question as printed.
func TestAPaperFormKeyedIntoItsTemplateImports(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		const base = "/admin/campaigns/2026-annual/paper"
		paper := apptest.Expect(t, h.Page(account.Admin, "GET", base+"?group=deputies", nil), http.StatusOK).Body.String()
		for _, want := range []string{"<caption>市公安局</caption>", "<th scope=\"row\">服务效率</th>", "<th scope=\"col\">不了解</th>", "人大代表、政协委员",
			"template.xlsx?group=deputies", "问卷编号"} {
			if !strings.Contains(paper, want) {
				t.Fatalf("the paper form lacks %q: %s", want, paper)
			}
		}
		rec := apptest.Expect(t, h.Page(account.Admin, "GET", base+"/template.xlsx?group=deputies", nil), http.StatusOK)
		book, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := book.GetRows("问卷录入")
		if len(rows) < 3 || rows[0][0] != "问卷编号" || rows[0][1] != "群体" || rows[0][2] != "市公安局·服务效率" || rows[1][1] != "人大代表、政协委员" {
			t.Fatalf("template: %v", rows[:2])
		}
		filled := fillTemplate(t, rec.Body.Bytes(), map[int]map[string]string{
			2: {"问卷编号": "D-001", "市公安局·服务效率": "满意", "市公安局·服务态度": "比较满意", "市教育局·服务质量": "不满意", "市公安局·意见建议": "窗口少"},
			3: {"问卷编号": "D-002", "市教育局·服务效率": "不了解", "市教育局·总体满意度": "满意"},
		})
		res := apptest.Expect(t, h.Upload(account.Admin, "/admin/campaigns/2026-annual/import", "paper.xlsx", filled), http.StatusCreated).Body.String()
		if !strings.Contains(res, "已导入 2 份答卷，共 5 条评价、1 条意见建议") {
			t.Fatalf("import: %s", res)
		}
		var stored []responses.Response
		h.App.DB.Gorm.Order("ref").Find(&stored)
		if len(stored) != 2 || stored[0].Ref != "D-001" || stored[0].Channel != responses.Paper {
			t.Fatalf("stored %+v", stored)
		}
		bad := fillTemplate(t, rec.Body.Bytes(), map[int]map[string]string{
			2: {"问卷编号": "D-003", "市公安局·服务效率": "很好"},
			3: {"问卷编号": "D-003", "市公安局·服务态度": "满意"},
			4: {"市教育局·服务质量": "满意"},
		})
		body := h.Upload(account.Admin, "/admin/campaigns/2026-annual/import", "paper.xlsx", bad).Body.String()
		for _, want := range []string{"第 2 行，市公安局·服务效率：“很好”不是可选的答案", "第 3 行，问卷编号：", "第 4 行，问卷编号："} {
			if !strings.Contains(body, want) {
				t.Fatalf("errors lack %q: %s", want, body)
			}
		}
		if strings.Contains(body, "column") {
			t.Fatalf("an English position: %s", body)
		}
	})
}
