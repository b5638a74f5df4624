package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"pingyi/account"
	"pingyi/app/apptest"
)

// On a 360 px phone, a dispatcher files a hotline case and assigns it; the
// unit's liaison finds it in the unit's queue, accepts it and replies; the
// dispatcher sees the reply. Every page fits the screen.
func TestADispatcherAndALiaisonWorkACaseInABrowser(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		base := h.Serve()
		tab := apptest.NewBrowser(t).Tab()
		tab.Viewport(360, 740)
		fits := func(name string) {
			t.Helper()
			if wide := tab.TooWide(360); wide != nil {
				tab.Screenshot(name)
				t.Errorf("%s is wider than 360 px: %v", name, wide)
			}
		}

		h.SignInTab(tab, base, account.Dispatcher)
		if status := tab.Open(base + "/admin"); status != http.StatusOK {
			t.Fatalf("admin home: %d", status)
		}
		if status := tab.Submit(`a[href="/dispatch"]`); status != http.StatusOK || tab.Text("h1") != "诉求派单台" {
			t.Fatalf("console: %d %q", status, tab.Text("h1"))
		}
		fits("console")
		tab.Do(
			chromedp.SetValue(chromedp.CSS("#i-kind"), "complaint"),
			chromedp.SendKeys(chromedp.CSS("#i-content"), "小区门口道路破损多日无人修"),
			chromedp.SendKeys(chromedp.CSS("#i-contact"), "13700001111"),
			chromedp.SendKeys(chromedp.CSS("#i-password"), "lookup-pass-1"),
		)
		if status := tab.Submit(`form[action="/dispatch/cases"] button[type="submit"]`); status != http.StatusOK {
			t.Fatalf("intake: %d", status)
		}
		notice := tab.Text(".notice")
		if !regexp.MustCompile(`诉求编号为 \d{12}`).MatchString(notice) {
			t.Fatalf("no case number after intake: %q", notice)
		}
		if contact := tab.Text("#contact"); contact != "137****1111" {
			t.Errorf("the contact shows as %q, want it masked", contact)
		}
		caseURL := tab.URL()
		tab.Screenshot("case-received")
		fits("case page")
		tab.Do(chromedp.SetValue(chromedp.CSS("#a-unit"), "U001"))
		if status := tab.Submit(`#assign button`); status != http.StatusOK {
			t.Fatalf("assign: %d", status)
		}
		if deadline := tab.Text("#deadline"); !regexp.MustCompile(`^\d{4}-\d\d-\d\d 00:00`).MatchString(deadline) {
			t.Errorf("the deadline shows as %q", deadline)
		}
		id := regexp.MustCompile(`/dispatch/cases/(\d+)`).FindStringSubmatch(caseURL)[1]

		h.SignInTab(tab, base, account.Liaison)
		tab.Open(base + "/admin")
		if status := tab.Submit(`a[href="/liaison/appeals"]`); status != http.StatusOK {
			t.Fatalf("liaison queue: %d", status)
		}
		fits("liaison queue")
		if status := tab.Submit(`a[href="/liaison/appeals/` + id + `"]`); status != http.StatusOK {
			t.Fatalf("liaison case: %d", status)
		}
		// The contact whole or masked, not any "137": the case number is
		// random and held "137" in one CI run (202678839137).
		if body := tab.Text("main"); strings.Contains(body, "13700001111") || strings.Contains(body, "137****") {
			t.Errorf("the liaison sees the contact: %q", body)
		}
		if status := tab.Submit(`#accept button`); status != http.StatusOK || !strings.Contains(tab.Text(".notice"), "签收") {
			t.Fatalf("accept: %d %q", status, tab.Text(".notice"))
		}
		fits("accepted case")
		tab.Do(
			chromedp.SendKeys(chromedp.CSS("#r-text"), "已安排施工队，三日内修复"),
			chromedp.Click(chromedp.CSS(`#reply input[name="resolved"][value="yes"]`)),
		)
		if status := tab.Submit(`#reply button[type="submit"]`); status != http.StatusOK || !strings.Contains(tab.Text(".notice"), "办结") {
			t.Fatalf("reply: %d %q", status, tab.Text(".notice"))
		}
		tab.Screenshot("replied")

		h.SignInTab(tab, base, account.Dispatcher)
		tab.Open(caseURL)
		if body := tab.Text("main"); !strings.Contains(body, "已安排施工队") || !strings.Contains(body, "已办结") {
			t.Errorf("the dispatcher does not see the reply: %q", body)
		}
		if status := tab.Submit(`form[action$="/contact"] button`); status != http.StatusOK || tab.Text("#contact") != "13700001111" {
			t.Errorf("reveal: %d %q", status, tab.Text("#contact"))
		}
	})
}
