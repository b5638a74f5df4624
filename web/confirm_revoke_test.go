package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
)

// Withdrawing an invitation batch's unused links asks first, with the
// batch's figures; the form without the confirmation changes nothing; a
// notice says what was done; the button goes once nothing is left.
func TestWithdrawingInvitationsAsksFirst(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		const base = "/admin/campaigns/2026-annual/invitations"
		apptest.Expect(t, h.Page(account.Admin, "POST", base, url.Values{"group": {"deputies"}, "size": {"3"}, "label": {"第一批"}}), http.StatusSeeOther)
		list := h.Page(account.Admin, "GET", base, nil).Body.String()
		if !strings.Contains(list, `href="`+base+`/1/revoke/confirm"`) || strings.Contains(list, `action="`+base+`/1/revoke"`) {
			t.Fatal("the invitations page withdraws in one click, or does not lead to the confirmation")
		}
		rec := apptest.Expect(t, h.Page(account.Admin, "POST", base+"/1/revoke", nil), http.StatusSeeOther)
		if loc := rec.Header().Get("Location"); loc != base+"/1/revoke/confirm" {
			t.Fatalf("an unconfirmed withdrawal led to %q", loc)
		}
		if l := h.Page(account.Admin, "GET", base, nil).Body.String(); strings.Contains(l, "已收回") {
			t.Fatal("an unconfirmed form withdrew the batch")
		}
		confirm := apptest.Expect(t, h.Page(account.Admin, "GET", base+"/1/revoke/confirm", nil), http.StatusOK).Body.String()
		for _, want := range []string{"收回第 1 批中 3 个未使用的邀请链接？", "第一批", "人大代表、政协委员", "3 个未使用的链接立即失效", `name="confirm" value="1"`, `action="` + base + `/1/revoke"`} {
			if !strings.Contains(confirm, want) {
				t.Errorf("the confirmation lacks %q", want)
			}
		}
		rec = apptest.Expect(t, h.Page(account.Admin, "POST", base+"/1/revoke", url.Values{"confirm": {"1"}}), http.StatusSeeOther)
		after := followNotice(h, account.Admin, rec)
		if !strings.Contains(after, "第 1 批未使用的邀请链接已收回。") || strings.Contains(after, base+"/1/revoke/confirm") {
			t.Fatal("no notice after withdrawing, or the batch can still be withdrawn")
		}
		refused := apptest.Expect(t, h.Page(account.Admin, "GET", base+"/1/revoke/confirm", nil), http.StatusConflict).Body.String()
		if !strings.Contains(refused, "第 1 批邀请已经收回") {
			t.Fatal("withdrawing twice is not refused in words")
		}
		apptest.Expect(t, h.Page(account.Admin, "GET", base+"/9/revoke/confirm", nil), http.StatusNotFound)
	})
}

// Revoking a batch of exclusions previews the responses that will count
// again, keeps the reason typed, and refuses a batch with nothing in force.
func TestRevokingAnExclusionBatchAsksFirst(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		var refs []string
		for range 2 {
			refs = append(refs, apptest.Decode[struct{ Ref string }](t,
				h.API(apptest.Stranger, "POST", "/api/v1/campaigns/2026-annual/responses", map[string]any{"answers": apptest.AnswersJSON("A")})).Ref)
		}
		const code = "/review/2026-annual"
		apptest.Expect(t, h.Page(account.Committee, "POST", code+"/exclusions",
			url.Values{"refs_text": {strings.Join(refs, " ")}, "reason": {"同一设备连续提交"}, "batch": {"burst-1"}}), http.StatusSeeOther)
		page := h.Page(account.Committee, "GET", code+"/exclusions", nil).Body.String()
		if !strings.Contains(page, `method="get" action="`+code+`/batches/revoke/confirm"`) {
			t.Fatal("the exclusions page revokes a batch without a confirmation")
		}
		rec := apptest.Expect(t, h.Page(account.Committee, "POST", code+"/batches/revoke", url.Values{"batch": {"burst-1"}, "reason": {"复核有效"}}), http.StatusSeeOther)
		loc := rec.Header().Get("Location")
		if !strings.HasPrefix(loc, code+"/batches/revoke/confirm?") || !strings.Contains(loc, "batch=burst-1") {
			t.Fatalf("an unconfirmed revocation led to %q", loc)
		}
		confirm := apptest.Expect(t, h.Page(account.Committee, "GET", loc, nil), http.StatusOK).Body.String()
		for _, want := range []string{"撤销批次 burst-1 的 2 项排除？", refs[0], refs[1], "这 2 份答卷将在下一次计分中重新计入", `name="reason"`, ">复核有效</textarea>", `name="batch" value="burst-1"`} {
			if !strings.Contains(confirm, want) {
				t.Errorf("the confirmation lacks %q", want)
			}
		}
		if p := h.Page(account.Committee, "GET", code+"/exclusions", nil).Body.String(); strings.Contains(p, "已撤销") {
			t.Fatal("an unconfirmed form revoked the batch")
		}
		rec = apptest.Expect(t, h.Page(account.Committee, "POST", code+"/batches/revoke", url.Values{"batch": {"burst-1"}, "reason": {"复核有效"}, "confirm": {"1"}}), http.StatusSeeOther)
		if after := followNotice(h, account.Committee, rec); !strings.Contains(after, "批次 burst-1 的 2 份答卷已恢复计入。") {
			t.Fatal("no notice after revoking the batch")
		}
		refused := apptest.Expect(t, h.Page(account.Committee, "GET", code+"/batches/revoke/confirm?batch=burst-1", nil), http.StatusConflict).Body.String()
		if !strings.Contains(refused, "没有生效中的排除") {
			t.Fatal("revoking a spent batch is not refused in words")
		}
	})
}
