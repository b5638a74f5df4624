package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/responses"
)

func wantRedirect(t *testing.T, rec interface {
	Result() *http.Response
}, code int, to string) {
	t.Helper()
	res := rec.Result()
	if res.StatusCode != code || res.Header.Get("Location") != to {
		t.Fatalf("got %d to %q, want %d to %q", res.StatusCode, res.Header.Get("Location"), code, to)
	}
}

// The whole form works as plain HTML forms: no script, nothing but posts
// and redirects.
func TestTheFormWorksWithoutJavaScript(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		const base = "/s/2026-annual"
		rec := h.Page(apptest.Stranger, "GET", base, nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "开始填写") || strings.Contains(rec.Body.String(), "<script") ||
			!strings.Contains(rec.Header().Get("Content-Security-Policy"), "script-src 'none'") || rec.Header().Get("Cache-Control") != "no-store" {
			t.Fatalf("intro: %d %v %s", rec.Code, rec.Header(), rec.Body)
		}
		wantRedirect(t, h.Page(apptest.Stranger, "GET", base+"/p/1", nil), http.StatusSeeOther, base)
		wantRedirect(t, h.Page(apptest.Stranger, "POST", base+"/start", nil), http.StatusSeeOther, base+"/p/1")
		page := h.Page(apptest.Stranger, "GET", base+"/p/1", nil).Body.String()
		for _, want := range []string{"第 1 页，共 2 页", `<legend>市公安局</legend>`, `name="r:U001:efficiency" value="A"`, `name="c:U001-1"`, "下一页"} {
			if !strings.Contains(page, want) {
				t.Fatalf("page 1 lacks %q: %s", want, page)
			}
		}
		forged := url.Values{"r:U001:efficiency": {"Z"}, "go": {"next"}}
		if rec := h.Page(apptest.Stranger, "POST", base+"/p/1", forged); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "未知的选项") {
			t.Fatalf("a forged option: %d %s", rec.Code, rec.Body)
		}
		wantRedirect(t, h.Page(apptest.Stranger, "POST", base+"/p/1", url.Values{"r:U001:efficiency": {"A"}, "r:U001:overall": {"X"},
			"c:U001": {" 好 "}, "go": {"next"}}), http.StatusSeeOther, base+"/p/2")
		wantRedirect(t, h.Page(apptest.Stranger, "GET", base, nil), http.StatusSeeOther, base+"/p/2")
		wantRedirect(t, h.Page(apptest.Stranger, "POST", base+"/p/2", url.Values{"go": {"review"}}), http.StatusSeeOther, base+"/review")
		review := h.Page(apptest.Stranger, "GET", base+"/review", nil).Body.String()
		for _, want := range []string{"您已评价 1 个单位", "服务效率：满意", "总体满意度：不了解", "意见建议：", "好", "未评价", "市教育局", `href="/s/2026-annual/p/2#u-U002"`} {
			if !strings.Contains(review, want) {
				t.Fatalf("review lacks %q: %s", want, review)
			}
		}
		wantRedirect(t, h.Page(apptest.Stranger, "POST", base+"/submit", nil), http.StatusSeeOther, base+"/done")
		done := h.Page(apptest.Stranger, "GET", base+"/done", nil).Body.String()
		ref := regexp.MustCompile(`W-[0-9A-Z]{4}-[0-9A-Z]{4}`).FindString(done)
		if ref == "" || !strings.Contains(done, "感谢您的参与") {
			t.Fatalf("thank-you page: %s", done)
		}
		for _, again := range []struct{ method, path string }{{"GET", base}, {"POST", base + "/submit"}, {"GET", base + "/p/1"}, {"POST", base + "/start"}} {
			rec := h.Page(apptest.Stranger, again.method, again.path, nil)
			if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "您已参加过本次测评") || !strings.Contains(rec.Body.String(), ref) {
				t.Fatalf("%s %s after submitting: %d %s", again.method, again.path, rec.Code, rec.Body)
			}
		}
		var rows []responses.Response
		h.App.DB.Gorm.Find(&rows)
		if len(rows) != 1 || rows[0].Ref != ref || rows[0].StartedAt == nil {
			t.Fatalf("stored %+v", rows)
		}
		if logs := h.Logs.String(); strings.Contains(logs, "192.0.2.1") || strings.Contains(logs, "/s/2026-annual") {
			t.Fatalf("the log holds a client address or a path: %s", logs)
		}
	})
}

func TestLinksThatCannotBeAnsweredGetAClearPage(t *testing.T) {
	h := apptest.New(t, "sqlite")
	h.OpenCampaigns()
	ctx := context.Background()
	batch, _ := h.App.Collection.CreateBatch(ctx, "2026-annual", "deputies", 2, "", audit.Actor{Login: "test"})
	used, revoked := h.App.Collection.Token(batch.ID, 1), h.App.Collection.Token(batch.ID, 2)
	h.API(apptest.Stranger, "POST", "/api/v1/campaigns/2026-annual/responses", map[string]any{"token": used, "answers": apptest.AnswersJSON("A")})
	h.App.Collection.RevokeBatch(ctx, "2026-annual", batch.ID, audit.Actor{Login: "test"})
	other, _ := h.App.Collection.CreateBatch(ctx, "closed", "deputies", 1, "", audit.Actor{Login: "test"})
	tests := []struct {
		path   string
		status int
		text   string
	}{
		{"/i/NOTATOKEN", http.StatusNotFound, "邀请链接无效"},
		{"/i/" + used, http.StatusConflict, "该邀请链接已被使用"},
		{"/i/" + used + "/p/1", http.StatusConflict, "该邀请链接已被使用"},
		{"/i/" + revoked, http.StatusGone, "该邀请链接已被收回"},
		{"/i/" + h.App.Collection.Token(other.ID, 1), http.StatusConflict, "本次测评当前不接受答卷"},
		{"/s/closed", http.StatusConflict, "答卷收集已经结束"},
		{"/s/nope", http.StatusNotFound, "页面不存在"},
		{"/s/2026-annual/p/99", http.StatusSeeOther, ""},
	}
	for _, tt := range tests {
		rec := h.Page(apptest.Stranger, "GET", tt.path, nil)
		if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.text) || strings.Contains(rec.Body.String(), "internal") {
			t.Errorf("%s: %d %s", tt.path, rec.Code, rec.Body)
		}
	}
}

// Where a campaign asks for it, the open link's respondents verify a
// mobile number first; the number is never stored or logged.
func TestPhoneVerificationOnTheOpenLink(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		const base = "/s/2026-annual"
		wantRedirect(t, h.Page(account.Admin, "POST", "/admin/campaigns/2026-annual/collection",
			url.Values{"phone_verification": {"1"}, "submissions_per_ip_hour": {"5"}}), http.StatusSeeOther, "/admin/campaigns/2026-annual")
		if body := h.Page(apptest.Stranger, "GET", base, nil).Body.String(); !strings.Contains(body, `name="phone"`) {
			t.Fatalf("no phone field: %s", body)
		}
		if rec := h.Page(apptest.Stranger, "POST", base+"/start", url.Values{"phone": {"12345"}}); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "11 位") {
			t.Fatalf("not a mobile: %d %s", rec.Code, rec.Body)
		}
		wantRedirect(t, h.Page(apptest.Stranger, "GET", base, nil), http.StatusSeeOther, base+"/verify")
		wantRedirect(t, h.Page(apptest.Stranger, "POST", base+"/code", url.Values{"phone": {"138-1234-5678"}}), http.StatusSeeOther, base+"/verify")
		wantRedirect(t, h.Page(apptest.Stranger, "GET", base+"/p/1", nil), http.StatusSeeOther, base+"/verify")
		logs := h.Logs.String()
		code := regexp.MustCompile(`code=(\d{6})`).FindStringSubmatch(logs)
		if code == nil || !strings.Contains(logs, "DEVELOPMENT ONLY") || strings.Contains(logs, "13812345678") || !strings.Contains(logs, "138****5678") {
			t.Fatalf("the development sender's log: %s", logs)
		}
		if rec := h.Page(apptest.Stranger, "POST", base+"/verify", url.Values{"code": {"000000"}}); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "验证码不正确") {
			t.Fatalf("a wrong code: %d %s", rec.Code, rec.Body)
		}
		wantRedirect(t, h.Page(apptest.Stranger, "POST", base+"/verify", url.Values{"code": {code[1]}}), http.StatusSeeOther, base+"/p/1")
		h.Page(apptest.Stranger, "POST", base+"/p/1", url.Values{"r:U001:efficiency": {"B"}, "go": {"review"}})
		wantRedirect(t, h.Page(apptest.Stranger, "POST", base+"/submit", nil), http.StatusSeeOther, base+"/done")
		var claims int64
		h.App.DB.Gorm.Table("phone_claims").Count(&claims)
		if claims != 1 {
			t.Fatalf("%d phone claims", claims)
		}
		if rec := h.API(apptest.Stranger, "POST", "/api/v1/campaigns/2026-annual/responses", map[string]any{"answers": apptest.AnswersJSON("A")}); rec.Code != http.StatusForbidden {
			t.Fatalf("the API without a verified phone: %d %s", rec.Code, rec.Body)
		}
	})
}
