package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
)

// followNotice fetches the page a form's redirect leads to, with the
// cookie the redirect set, as a browser would.
func followNotice(h *apptest.Harness, role account.Role, rec interface {
	Result() *http.Response
}) string {
	res := rec.Result()
	req := apptest.Request("GET", res.Header.Get("Location"))
	for _, ck := range res.Cookies() {
		req.AddCookie(ck)
	}
	return h.Do(h.Browser(role, req)).Body.String()
}

// Closing collection, going back to draft and disabling an account each
// ask first on a page that says what will happen; the form without that
// page's confirmation changes nothing; a notice says what was done; a
// button that can only fail is not offered, its reason is.
func TestIrreversibleActionsAskFirst(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		h.API(apptest.Stranger, "POST", "/api/v1/campaigns/2026-annual/responses", map[string]any{"answers": apptest.AnswersJSON("A")})

		// The campaign page leads to confirmations, and says why 退回草稿 cannot work.
		page := apptest.Expect(t, h.Page(account.Admin, "GET", "/admin/campaigns/2026-annual", nil), http.StatusOK).Body.String()
		if !strings.Contains(page, `href="/admin/campaigns/2026-annual/status/confirm?status=closed"`) {
			t.Fatal("the campaign page does not lead to the confirmation of closing collection")
		}
		if strings.Contains(page, "status=draft") || !strings.Contains(page, "测评已有 1 份答卷，不能退回草稿") {
			t.Fatal("back to draft is offered with responses, or its reason is missing")
		}

		// Without the confirmation, nothing happens.
		rec := apptest.Expect(t, h.Page(account.Admin, "POST", "/admin/campaigns/2026-annual/status", url.Values{"status": {"closed"}}), http.StatusSeeOther)
		if loc := rec.Header().Get("Location"); loc != "/admin/campaigns/2026-annual/status/confirm?status=closed" {
			t.Fatalf("an unconfirmed form led to %q", loc)
		}
		if body := h.Page(account.Admin, "GET", "/admin/campaigns/2026-annual", nil).Body.String(); !strings.Contains(body, "s-open") {
			t.Fatal("an unconfirmed form closed collection")
		}

		// The confirmation previews it; confirming does it and says so.
		confirm := apptest.Expect(t, h.Page(account.Admin, "GET", "/admin/campaigns/2026-annual/status/confirm?status=closed", nil), http.StatusOK).Body.String()
		for _, want := range []string{"截止收集", "已收到的 1 份答卷全部保留", `name="confirm" value="1"`, `name="status" value="closed"`, "收集中", "已截止"} {
			if !strings.Contains(confirm, want) {
				t.Errorf("the confirmation lacks %q", want)
			}
		}
		rec = apptest.Expect(t, h.Page(account.Admin, "POST", "/admin/campaigns/2026-annual/status", url.Values{"status": {"closed"}, "confirm": {"1"}}), http.StatusSeeOther)
		if after := followNotice(h, account.Admin, rec); !strings.Contains(after, `class="notice" role="status">测评状态已改为“已截止”。`) {
			t.Fatal("no notice after closing collection")
		}
		if again := h.Page(account.Admin, "GET", "/admin/campaigns/2026-annual", nil).Body.String(); strings.Contains(again, `class="notice"`) {
			t.Fatal("the notice shows on every page, not once")
		}

		// A confirmation of what cannot work says why, in words.
		refused := apptest.Expect(t, h.Page(account.Admin, "GET", "/admin/campaigns/2026-annual/status/confirm?status=published", nil), http.StatusConflict).Body.String()
		if !strings.Contains(refused, "状态为“已截止”的测评不能改为“已发布”") || strings.Contains(refused, "closed") {
			t.Fatalf("the refusal is not in words: %.300s", refused[strings.Index(refused, "<main"):])
		}

		// Disabling an account.
		created := apptest.Decode[struct{ User struct{ ID int64 } }](t,
			h.API(account.Admin, "POST", "/api/v1/users", `{"login":"wu","display_name":"吴敏","role":"operator"}`))
		id := strconv.FormatInt(created.User.ID, 10)
		users := h.Page(account.Admin, "GET", "/admin/users", nil).Body.String()
		if !strings.Contains(users, `href="/admin/users/`+id+`/disable/confirm"`) {
			t.Fatal("the accounts page does not lead to the confirmation")
		}
		apptest.Expect(t, h.Page(account.Admin, "POST", "/admin/users/"+id+"/disable", nil), http.StatusSeeOther)
		confirm = apptest.Expect(t, h.Page(account.Admin, "GET", "/admin/users/"+id+"/disable/confirm", nil), http.StatusOK).Body.String()
		if !strings.Contains(confirm, "停用 吴敏 的账号？") || !strings.Contains(confirm, "吴敏 将立即被登出") {
			t.Fatal("the confirmation does not preview disabling the account")
		}
		rec = apptest.Expect(t, h.Page(account.Admin, "POST", "/admin/users/"+id+"/disable", url.Values{"confirm": {"1"}}), http.StatusSeeOther)
		if after := followNotice(h, account.Admin, rec); !strings.Contains(after, "账号已停用。") || strings.Contains(after, `href="/admin/users/`+id+`/disable/confirm"`) {
			t.Fatal("no notice after disabling, or the account can still be disabled")
		}
	})
}

// Approving and publishing: not offered while collecting (the reason is),
// each previewed on its confirmation, each followed by a notice.
func TestApprovingAndPublishingAskFirst(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		for range 3 {
			h.API(apptest.Stranger, "POST", "/api/v1/campaigns/2026-annual/responses", map[string]any{"answers": apptest.AnswersJSON("A")})
		}
		rec := apptest.Expect(t, h.Page(account.Committee, "POST", "/review/2026-annual/runs", nil), http.StatusSeeOther)
		run := runFrom(t, rec)
		console := h.Page(account.Committee, "GET", "/review/2026-annual?run="+run, nil).Body.String()
		if strings.Contains(console, "/approve") || !strings.Contains(console, "管理员提交审议后才能批准和发布（测评当前为“收集中”）") {
			t.Fatal("approving is offered while collecting, or the reason is missing")
		}
		refused := apptest.Expect(t, h.Page(account.Committee, "GET", "/review/2026-annual/runs/"+run+"/approve/confirm", nil), http.StatusConflict).Body.String()
		if !strings.Contains(refused, "测评当前为“收集中”") {
			t.Fatal("the refusal to approve while collecting is not in words")
		}
		for _, to := range []string{"closed", "review"} {
			apptest.Expect(t, h.Page(account.Admin, "POST", "/admin/campaigns/2026-annual/status", url.Values{"status": {to}, "confirm": {"1"}}), http.StatusSeeOther)
		}
		console = h.Page(account.Committee, "GET", "/review/2026-annual?run="+run, nil).Body.String()
		if !strings.Contains(console, `href="/review/2026-annual/runs/`+run+`/approve/confirm"`) {
			t.Fatal("the console does not lead to the approval's confirmation")
		}
		apptest.Expect(t, h.Page(account.Committee, "POST", "/review/2026-annual/runs/"+run+"/approve", nil), http.StatusSeeOther)
		confirm := apptest.Expect(t, h.Page(account.Committee, "GET", "/review/2026-annual/runs/"+run+"/approve/confirm", nil), http.StatusOK).Body.String()
		if !strings.Contains(confirm, "批准第 "+run+" 次计分？") || !strings.Contains(confirm, "您批准后：已获 1 票") {
			t.Fatal("the approval's confirmation does not preview it")
		}
		rec = apptest.Expect(t, h.Page(account.Committee, "POST", "/review/2026-annual/runs/"+run+"/approve", url.Values{"confirm": {"1"}}), http.StatusSeeOther)
		if after := followNotice(h, account.Committee, rec); !strings.Contains(after, "已记录您对第 "+run+" 次计分的批准。") ||
			!strings.Contains(after, `href="/review/2026-annual/publish/confirm?run=`+run+`"`) {
			t.Fatal("no notice after approving, or no way on to publishing")
		}
		apptest.Expect(t, h.Page(account.Committee, "POST", "/review/2026-annual/publish", url.Values{"run": {run}}), http.StatusSeeOther)
		if v := h.Page(apptest.Stranger, "GET", "/p/2026-annual", nil); v.Code != http.StatusNotFound {
			t.Fatalf("an unconfirmed form published: %d", v.Code)
		}
		confirm = apptest.Expect(t, h.Page(account.Committee, "GET", "/review/2026-annual/publish/confirm?run="+run, nil), http.StatusOK).Body.String()
		if !strings.Contains(confirm, "发布为第 1 版？") || !strings.Contains(confirm, "/p/2026-annual/v/1") || !strings.Contains(confirm, "永远不能修改或撤回") {
			t.Fatal("the publication's confirmation does not preview it")
		}
		rec = apptest.Expect(t, h.Page(account.Committee, "POST", "/review/2026-annual/publish", url.Values{"run": {run}, "confirm": {"1"}}), http.StatusSeeOther)
		if after := followNotice(h, account.Committee, rec); !strings.Contains(after, "已发布为第 1 版") {
			t.Fatal("no notice after publishing")
		}
		apptest.Expect(t, h.Page(apptest.Stranger, "GET", "/p/2026-annual", nil), http.StatusOK)
	})
}

// A refusal names a campaign's status in words, not by its code.
func TestRefusalsNameTheStatusInWords(t *testing.T) {
	h := apptest.New(t, "sqlite")
	h.OpenCampaigns()
	run := runFrom(t, apptest.Expect(t, h.Page(account.Committee, "POST", "/review/2026-annual/runs", nil), http.StatusSeeOther))
	body := apptest.Expect(t, h.Page(account.Committee, "POST", "/review/2026-annual/runs/"+run+"/approve", url.Values{"confirm": {"1"}}), http.StatusConflict).Body.String()
	if !strings.Contains(body, "当前状态为 收集中") || strings.Contains(body, "状态为 open") {
		t.Fatal("the refusal does not name the status in words")
	}
}

// An administrator sees a lock-out and lifts it, and resets a password
// after a confirmation, the new one shown once.
func TestAdministratorsUnlockAndResetFromThePage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		created := apptest.Decode[struct{ User struct{ ID int64 } }](t,
			h.API(account.Admin, "POST", "/api/v1/users", `{"login":"wu","display_name":"吴敏","role":"operator","password":"correct horse battery"}`))
		id := strconv.FormatInt(created.User.ID, 10)
		for range 6 {
			h.App.Accounts.SignIn(t.Context(), "wu", "wrong password", "somewhere")
		}
		users := h.Page(account.Admin, "GET", "/admin/users", nil).Body.String()
		if !strings.Contains(users, "锁定至") || !strings.Contains(users, `action="/admin/users/`+id+`/unlock"`) {
			t.Fatal("the accounts page does not show the lock-out")
		}
		rec := apptest.Expect(t, h.Page(account.Admin, "POST", "/admin/users/"+id+"/unlock", nil), http.StatusSeeOther)
		if after := followNotice(h, account.Admin, rec); !strings.Contains(after, "已解除锁定") || strings.Contains(after, "锁定至") {
			t.Fatalf("the lock-out is not lifted, or not said: %s", after[strings.Index(after, "<main"):])
		}
		confirm := apptest.Expect(t, h.Page(account.Admin, "GET", "/admin/users/"+id+"/password/confirm", nil), http.StatusOK).Body.String()
		if !strings.Contains(confirm, "重置 吴敏 的密码？") {
			t.Fatal("no confirmation before a reset")
		}
		apptest.Expect(t, h.Page(account.Admin, "POST", "/admin/users/"+id+"/password", nil), http.StatusSeeOther)
		reset := apptest.Expect(t, h.Page(account.Admin, "POST", "/admin/users/"+id+"/password", url.Values{"confirm": {"1"}}), http.StatusOK)
		body := reset.Body.String()
		if !strings.Contains(body, "wu 的新一次性密码") || reset.Header().Get("Cache-Control") != "no-store" {
			t.Fatal("the new password is not shown once, uncached")
		}
		if _, _, err := h.App.Accounts.SignIn(t.Context(), "wu", "correct horse battery", "office"); err == nil {
			t.Fatal("the old password still works")
		}
	})
}
