package web_test

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/demo"
	"pingyi/responses"
	"pingyi/storage"
	"pingyi/survey"
)

// The staff pages at a phone's width and a desktop's, in Chromium, with
// axe-core run on each (the harness's Open does): the confirmations, the
// exclusions with the demo's 40 excluded responses, the phone pages, the
// rates, the accounts.
func TestStaffPagesAtBothWidths(t *testing.T) {
	h := apptest.New(t, storage.SQLite)
	base := h.Serve()
	ctx := context.Background()
	if _, err := demo.Load(ctx, h.App); err != nil {
		t.Fatal(err)
	}
	code := demo.CampaignCode
	run, _, err := h.App.Results.Create(ctx, code, audit.Actor{Login: "weiyuan1"})
	if err != nil {
		t.Fatal(err)
	}
	flags := apptest.Expect(t, h.Page(account.Committee, "GET", "/review/"+code+"/flags", nil), http.StatusOK).Body.String()
	batch := regexp.MustCompile(`name="batch" value="(burst-[0-9a-f]+)"`).FindStringSubmatch(flags)
	member, _ := h.App.Accounts.ByLogin(ctx, "weiyuan1")
	if _, err := h.App.Responses.Exclude(ctx, code, responses.ExclusionRequest{Refs: burstRefs(flags, batch[1]), Batch: batch[1],
		Reason: "同一设备12分钟内提交40份，均只评价市港务集团且全部满意，用时均不足90秒"}, member.Actor()); err != nil {
		t.Fatal(err)
	}
	operator, _ := h.App.Accounts.ByLogin(ctx, "diaocha1")
	pages := []string{
		"/admin", "/admin/campaigns/" + code, "/admin/campaigns/" + code + "/status/confirm?status=closed",
		"/admin/users", "/admin/users/" + strconv.FormatInt(operator.ID, 10) + "/disable/confirm",
		"/admin/campaigns/" + code + "/phone", "/admin/campaigns/" + code + "/phone/progress",
		"/review/" + code + "/exclusions", "/review/" + code + "?run=" + strconv.FormatInt(run.ID, 10),
	}
	tab := apptest.NewBrowser(t).Tab()
	h.SignInTab(tab, base, account.Admin)
	for _, width := range []int64{360, 1280} {
		tab.Viewport(width, 800)
		for _, path := range pages {
			open(t, tab, base+path)
			if width == 360 {
				if wide := tab.TooWide(360); wide != nil {
					t.Errorf("at 360 px %s is too wide because of %v", path, wide)
				}
			}
			tab.Screenshot(strconv.FormatInt(width, 10) + path)
		}
	}
	// The unit drill-down draws its answers, per indicator.
	for _, width := range []int64{360, 1280} {
		tab.Viewport(width, 800)
		open(t, tab, base+"/review/"+code+"/units/U001?run="+strconv.FormatInt(run.ID, 10))
		if w := apptest.Eval[int](tab, `new Promise(r => { const i = document.querySelector(".chart img"); i.scrollIntoView();
			i.complete ? r(i.naturalWidth) : (i.onload = () => r(i.naturalWidth), i.onerror = () => r(0)) })`); w < 200 {
			t.Fatalf("the answers chart has width %d", w)
		}
		tab.Screenshot(strconv.FormatInt(width, 10) + "-unit")
	}
	open(t, tab, base+"/review/"+code+"/units/U001/answers.svg?run="+strconv.FormatInt(run.ID, 10))
	if fill := apptest.Eval[string](tab, `getComputedStyle(document.querySelector("path")).fill`); fill != "rgb(255, 255, 255)" {
		t.Fatalf("the answers chart opened alone has a background of %s", fill)
	}

	// The 40 exclusions read as cards on a phone, not two characters a
	// line down 17,000 px.
	tab.Viewport(360, 800)
	open(t, tab, base+"/review/"+code+"/exclusions")
	if height := apptest.Eval[int](tab, `document.documentElement.scrollHeight`); height > 12000 {
		t.Errorf("the exclusions page is %d px long at 360 px", height)
	}
	if w := apptest.Eval[float64](tab, `document.querySelector("table.exclusions td[data-label] + td + td").getBoundingClientRect().width`); w < 250 {
		t.Errorf("the reason column is %.0f px wide at 360 px", w)
	}

	// The committee's approval, once the campaign is under review.
	for _, to := range []survey.Status{survey.Closed, survey.Review} {
		if _, err := h.App.Survey.SetStatus(ctx, code, to, audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
	}
	run, _, err = h.App.Results.Create(ctx, code, audit.Actor{Login: "weiyuan1"})
	if err != nil {
		t.Fatal(err)
	}
	h.SignIn("weiyuan1", demo.Password).SignInTab(tab, base)
	for _, width := range []int64{360, 1280} {
		tab.Viewport(width, 800)
		open(t, tab, base+"/review/"+code+"?run="+strconv.FormatInt(run.ID, 10))
		if status := tab.Submit(`a[href$="/approve/confirm"]`); status != http.StatusOK {
			t.Fatalf("the approval's confirmation: %d", status)
		}
		if wide := tab.TooWide(360); width == 360 && wide != nil {
			t.Errorf("at 360 px the approval's confirmation is too wide because of %v", wide)
		}
		tab.Screenshot(strconv.FormatInt(width, 10) + "-approve-confirm")
	}
	if status := tab.Submit(`form button[type="submit"]:not(.link)`); status != http.StatusOK || tab.Text(".notice") == "" {
		t.Fatalf("approving: %d, notice %q", status, tab.Text(".notice"))
	}
	tab.Screenshot("approved")
}
