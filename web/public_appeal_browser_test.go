package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"pingyi/app/apptest"
	"pingyi/appeals"
	"pingyi/i18n"
)

// A person on a 360 px phone files a case with a password on /appeal,
// without script; the dispatcher assigns it and the unit replies; the
// person follows it at /q with the number and the password, and rates the
// reply.
func TestAPersonFilesAndFollowsACaseInABrowser(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		base := h.Serve()
		tab := apptest.NewBrowser(t).Tab() // 360 × 740, a phone
		if status := tab.Open(base + "/"); status != http.StatusOK {
			t.Fatalf("home: %d", status)
		}
		if status := tab.Submit(`a[href="/appeal"]`); status != http.StatusOK || !strings.Contains(tab.Text("h1"), "我要留言") {
			t.Fatalf("the form from the home page: %d %q", status, tab.Text("h1"))
		}
		if wide := tab.TooWide(360); len(wide) > 0 {
			t.Errorf("the form is wider than 360 px: %v", wide)
		}
		// First without consent: refused, the answers kept.
		tab.Do(
			chromedp.Click(chromedp.CSS(`input[name="kind"][value="help"]`)),
			chromedp.SendKeys(chromedp.CSS(`#content`), "小区门口路灯坏了一个月"),
			chromedp.SendKeys(chromedp.CSS(`#contact`), "13812341234"),
			chromedp.SendKeys(chromedp.CSS(`#password`), "my-pass-2026"),
			chromedp.SendKeys(chromedp.CSS(`#confirm`), "my-pass-2026"),
		)
		tab.Screenshot("form")
		if status := tab.Submit(`form[action="/appeal"] button[type="submit"]`); status != http.StatusUnprocessableEntity ||
			!strings.Contains(tab.Text(".problems"), "请勾选") || apptest.Eval[string](tab, `document.querySelector("#content").value`) != "小区门口路灯坏了一个月" {
			t.Fatalf("without consent: %d %q", status, tab.Text("main"))
		}
		tab.Screenshot("refused")
		tab.Do(
			chromedp.SendKeys(chromedp.CSS(`#password`), "my-pass-2026"),
			chromedp.SendKeys(chromedp.CSS(`#confirm`), "my-pass-2026"),
			chromedp.Click(chromedp.CSS(`#consent`)),
		)
		if status := tab.Submit(`form[action="/appeal"] button[type="submit"]`); status != http.StatusOK {
			t.Fatalf("filing: %d %q", status, tab.Text("main"))
		}
		number := tab.Text("#case-number")
		tab.Screenshot("received")
		if len(number) != 12 || !strings.Contains(tab.Text("main"), "/q") {
			t.Fatalf("receipt: %q", tab.Text("main"))
		}

		// The staff side: assigned, accepted, replied.
		ctx := context.Background()
		var id int64
		h.App.DB.Gorm.Table("appeal_cases").Select("id").Where("number = ?", number).Scan(&id)
		a := h.App.Appeals
		for _, err := range []error{
			a.Assign(ctx, id, "U002", dispatcherA),
			a.Accept(ctx, id, "U002", liaisonA),
			a.Reply(ctx, id, "U002", "已联系物业修复路灯", true, liaisonA),
		} {
			if err != nil {
				t.Fatal(err)
			}
		}

		// Following it at /q.
		tab.Submit(`a[href="/q"]`)
		tab.Do(
			chromedp.SendKeys(chromedp.CSS(`#number`), number),
			chromedp.SendKeys(chromedp.CSS(`#password`), "my-pass-2026"),
		)
		if status := tab.Submit(`form[action="/q"] button`); status != http.StatusOK {
			t.Fatalf("lookup: %d %q", status, tab.Text("main"))
		}
		if strings.Contains(tab.URL(), "my-pass-2026") {
			t.Fatalf("the password is in the address %s", tab.URL())
		}
		tab.Screenshot("case")
		if tab.Text("#case-unit") != "市教育局" || !strings.Contains(tab.Text("#case-reply"), "已联系物业修复路灯") ||
			!strings.Contains(tab.Text("#case-stages"), "交办") {
			t.Fatalf("the case at /q: %q", tab.Text("main"))
		}
		if wide := tab.TooWide(360); len(wide) > 0 {
			t.Errorf("the case page is wider than 360 px: %v", wide)
		}
		tab.Do(chromedp.Click(chromedp.CSS(`input[name="result"][value="satisfied"]`)))
		if status := tab.Submit(`form[action="/q/rate"] button`); status != http.StatusOK || !strings.Contains(tab.Text(".notice"), "谢谢") {
			t.Fatalf("rating: %d %q", status, tab.Text("main"))
		}
		if c, _ := a.Get(ctx, id); c.Callback != appeals.Satisfied {
			t.Fatalf("the rating was not recorded: %+v", c)
		}

		// The public rates of this month: the unit's row, its chart drawn, a phone's width.
		if status := tab.Open(base + "/appeals/rates?month=" + time.Now().In(i18n.China).Format("2006-01")); status != http.StatusOK ||
			!strings.Contains(tab.Text(`tr[data-unit="U002"]`), "市教育局") {
			t.Fatalf("rates page: %d %q", status, tab.Text("main"))
		}
		if w := apptest.Eval[int](tab, `new Promise(r => { const i = document.querySelector("main img"); i.complete ? r(i.naturalWidth) : i.onload = () => r(i.naturalWidth) })`); w == 0 {
			t.Error("the chart did not load")
		}
		if wide := tab.TooWide(360); len(wide) > 0 {
			t.Errorf("the rates page is wider than 360 px: %v", wide)
		}
		tab.Screenshot("rates")
	})
}
