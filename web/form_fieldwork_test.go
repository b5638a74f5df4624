package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/collection"
	"pingyi/secret"
)

// strangerPost is a form post from a browser that lost its cookies: no
// device id, so its anti-forgery token matches nothing.
func strangerPost(h *apptest.Harness, path string, form url.Values) *httptest.ResponseRecorder {
	form.Set("csrf_token", "stale-token")
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return h.Do(req)
}

// valueAfter is the text after prefix up to the next quote.
func valueAfter(body, prefix string) string {
	_, rest, ok := strings.Cut(body, prefix)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, `"`)
	return v
}

// A lost cookie or a stale token keeps the page's answers: the page comes
// back with them checked and a fresh token, and sending it again saves
// them, also on the open link whose draft the lost cookie took away.
func TestALostCookieKeepsWhatWasTyped(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		const base = "/s/2026-annual"
		rec := strangerPost(h, base+"/p/1", url.Values{"r:U001:efficiency": {"B"}, "c:U001": {"窗口排队太久"}, "go": {"next"}})
		body := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(body, `name="r:U001:efficiency" value="B" checked`) ||
			!strings.Contains(body, "窗口排队太久") || !strings.Contains(body, "再点一次“下一页”") || strings.Contains(body, "无权访问") {
			t.Fatalf("stale save: %d %s", rec.Code, body)
		}
		cookie := rec.Result().Cookies()
		var device string
		for _, c := range cookie {
			if c.Name == "pingyi_device" {
				device = c.Value
			}
		}
		token := valueAfter(body, `name="csrf_token" value="`)
		if device == "" || token == "" {
			t.Fatalf("no fresh device (%q) or token (%q)", device, token)
		}
		again := url.Values{"r:U001:efficiency": {"B"}, "c:U001": {"窗口排队太久"}, "go": {"next"}, "csrf_token": {token}}
		req := httptest.NewRequest("POST", base+"/p/1", strings.NewReader(again.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: "pingyi_device", Value: device})
		wantRedirect(t, h.Do(req), http.StatusSeeOther, base+"/p/2")
		var drafts []collection.Draft
		h.App.DB.Gorm.Find(&drafts)
		if len(drafts) != 1 || drafts[0].Page != 2 || drafts[0].Comments == nil || !strings.Contains(*drafts[0].Comments, "窗口排队太久") {
			t.Fatalf("drafts %+v", drafts)
		}
		// The other posts of the form come back as their pages, never 403.
		for _, path := range []string{base + "/start", base + "/submit"} {
			if rec := strangerPost(h, path, url.Values{}); rec.Code == http.StatusForbidden {
				t.Errorf("%s: %d %s", path, rec.Code, rec.Body)
			}
		}
		// Staff forms still refuse a stale token.
		if rec := strangerPost(h, "/login", url.Values{"login": {"x"}}); rec.Code != http.StatusForbidden {
			t.Errorf("login with a stale token: %d", rec.Code)
		}
	})
}

// Problems on a respondent's page name the field as the page labels it,
// never an internal path, and never two contradicting messages.
func TestRespondentsProblemsSpeakTheFormsWords(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		const base = "/s/2026-annual"
		h.Page(apptest.Stranger, "POST", base+"/start", nil)
		rec := h.Page(apptest.Stranger, "POST", base+"/submit", nil)
		body := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "您还没有评价任何单位") || strings.Contains(body, "answers") {
			t.Fatalf("an empty form: %d %s", rec.Code, body)
		}
		wantRedirect(t, h.Page(account.Admin, "POST", "/admin/campaigns/2026-annual/collection",
			url.Values{"phone_verification": {"1"}, "submissions_per_ip_hour": {"5"}}), http.StatusSeeOther, "/admin/campaigns/2026-annual")
		rec = h.Page(apptest.Stranger, "POST", base+"/code", url.Values{"phone": {"12345"}})
		body = rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "手机号码：请输入 11 位中国大陆手机号码") ||
			!strings.Contains(body, "请检查手机号码") || strings.Contains(body, "<code>phone</code>") || strings.Contains(body, "无法接收") {
			t.Fatalf("a short number: %d %s", rec.Code, body)
		}
	})
}

// One tap answers 不了解 on every question about a unit, and the page
// stays where it was.
func TestOneTapForDontKnow(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		const base = "/s/2026-annual"
		h.Page(apptest.Stranger, "POST", base+"/start", nil)
		page := h.Page(apptest.Stranger, "GET", base+"/p/1", nil).Body.String()
		if !strings.Contains(page, `name="unknown" value="U001"`) || !strings.Contains(page, "本单位各项均选“不了解”") {
			t.Fatalf("no 不了解 button: %s", page)
		}
		wantRedirect(t, h.Page(apptest.Stranger, "POST", base+"/p/1", url.Values{"r:U001-1:efficiency": {"A"}, "unknown": {"U001"}}),
			http.StatusSeeOther, base+"/p/1#u-U001")
		review := h.Page(apptest.Stranger, "GET", base+"/review", nil).Body.String()
		for _, want := range []string{"服务效率：不了解", "服务态度：不了解", "服务质量：不了解", "总体满意度：不了解", "服务效率：满意"} {
			if !strings.Contains(review, want) {
				t.Fatalf("review lacks %q: %s", want, review)
			}
		}
	})
}

// Behind a shared address, the limit says when to come back.
func TestTheAddressLimitSaysWhenToComeBack(t *testing.T) {
	h := apptest.New(t, "sqlite")
	h.OpenCampaigns()
	wantRedirect(t, h.Page(account.Admin, "POST", "/admin/campaigns/2026-annual/collection",
		url.Values{"submissions_per_ip_hour": {"1"}}), http.StatusSeeOther, "/admin/campaigns/2026-annual")
	ctx := context.Background()
	st, _ := h.App.Survey.Structure(ctx, "2026-annual")
	ip := h.App.Keys.Hash(secret.IP, "192.0.2.1")
	for i := range 10 {
		if _, err := h.App.Collection.StartDraft(ctx, collection.DraftKey{CampaignID: st.Campaign.ID, DeviceHash: "d" + string(rune('a'+i))}, ip); err != nil {
			t.Fatal(err)
		}
	}
	rec := h.Page(apptest.Stranger, "POST", "/s/2026-annual/start", nil)
	if body := rec.Body.String(); rec.Code != http.StatusTooManyRequests || !strings.Contains(body, "以后再试") || !strings.Contains(body, ":00（北京时间）") {
		t.Fatalf("limited: %d %s", rec.Code, body)
	}
}
