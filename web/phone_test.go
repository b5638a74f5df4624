package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/demo"
)

func TestPhoneAdminPageReportsAnImport(t *testing.T) {
	h := apptest.New(t, "sqlite")
	h.PhoneCampaign()
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
}

// The outcome rates are named in Chinese and explained, not 17 English
// abbreviations.
func TestPhoneRatesAreNamedAndExplained(t *testing.T) {
	h := apptest.New(t, "sqlite")
	if _, err := demo.Load(context.Background(), h.App); err != nil {
		t.Fatal(err)
	}
	page := apptest.Expect(t, h.Page(account.Committee, "GET", "/admin/campaigns/"+demo.CampaignCode+"/phone/progress", nil), http.StatusOK).Body.String()
	for _, want := range []string{"应答率1（最低）", "合作率3", "接触率2", "拒访（R）", "始终无人接听，无法确定号码是否在用", "完成访问数 ÷ 全部合格及资格未知个案", "各项比率和计数的含义"} {
		if !strings.Contains(page, want) {
			t.Errorf("the progress page lacks %q", want)
		}
	}
}

// An operator lands on the campaign list and goes straight to the console
// of an open campaign; the console's buttons carry no Alt-only access keys.
func TestOperatorLandsOnTheConsole(t *testing.T) {
	h := apptest.New(t, "sqlite")
	h.PhoneCampaign()
	home := apptest.Expect(t, h.Page(account.Operator, "GET", "/admin", nil), http.StatusOK).Body.String()
	if !strings.Contains(home, `href="/phone/2026-annual"`) {
		t.Fatal("the operator's landing page does not lead to the console")
	}
	console := apptest.Expect(t, h.Page(account.Operator, "GET", "/phone/2026-annual", nil), http.StatusOK).Body.String()
	if strings.Contains(console, "accesskey") {
		t.Fatal("the console still offers Alt-only access keys")
	}
}
