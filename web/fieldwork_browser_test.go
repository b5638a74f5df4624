package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/collection"
	"pingyi/demo"
	"pingyi/survey"
)

// A respondent on a phone: one tap answers 不了解 for a unit, Enter still
// means "next page", and a lost cookie keeps the page's answers.
func TestFieldworkOnAPhone(t *testing.T) {
	h := apptest.New(t, "sqlite")
	ctx := context.Background()
	if _, err := h.App.Survey.Create(ctx, demo.Definition(), audit.Actor{Login: "test"}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.App.Survey.SetStatus(ctx, demo.CampaignCode, survey.Open, audit.Actor{Login: "test"}); err != nil {
		t.Fatal(err)
	}
	st, _ := h.App.Survey.Structure(ctx, demo.CampaignCode)
	pages := collection.Pages(st)
	base := h.Serve()
	b := apptest.NewBrowser(t)
	link := base + "/s/" + demo.CampaignCode
	tab := b.Tab()
	tab.Open(link)
	if intro := tab.Text("main"); strings.Count(intro, "分钟") != 1 {
		t.Fatalf("the introduction states the duration %d times: %s", strings.Count(intro, "分钟"), intro)
	}
	tab.Submit(`form[action$="/start"] button`)
	first, second := st.Units[pages[0].Units[0]], st.Units[pages[0].Units[1]]
	tab.Submit(`button[name="unknown"][value="` + first.Code + `"]`)
	if !strings.HasSuffix(tab.URL(), "/p/1#u-"+first.Code) {
		t.Fatalf("不了解 went to %s", tab.URL())
	}
	if n := apptest.Eval[int](tab, `document.querySelectorAll('#u-`+first.Code+` input[value="X"]:checked').length`); n != len(st.Indicators) {
		t.Fatalf("%d of %d questions show 不了解", n, len(st.Indicators))
	}
	if wide := tab.TooWide(360); wide != nil {
		t.Fatalf("page 1 is wider than a phone: %v", wide)
	}
	tab.Screenshot("dont-know-360")
	// Enter on an answer goes to the next page, not to a unit's 不了解.
	tab.Do(chromedp.Click(chromedp.CSS(`input[name="r:`+second.Code+`:`+st.Indicators[0].Code+`"][value="A"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="r:`+second.Code+`:`+st.Indicators[0].Code+`"][value="A"]`), kb.Enter))
	tab.Do(chromedp.Sleep(2 * time.Second))
	t.Logf("after Enter: %s", tab.URL())
	wantPage(t, tab, 2, len(pages))

	// The cookie is lost while page 2 is open: the answer comes back,
	// checked, with a request to press the button again, which saves it.
	unit := st.Units[pages[1].Units[0]]
	radio := `input[name="r:` + unit.Code + `:` + st.Indicators[0].Code + `"][value="B"]`
	tab.Do(chromedp.Click(chromedp.CSS(radio)), chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, network.ClearBrowserCookies, cdp.Empty{})
		return err
	}))
	if status := tab.Submit(`.form-nav button[name="go"][value="next"]`); status != http.StatusOK || !strings.Contains(tab.Text(".alert"), "再点一次") {
		t.Fatalf("a lost cookie: %d %q", status, tab.Text("main"))
	}
	if !apptest.Eval[bool](tab, `document.querySelector('`+radio+`').checked`) {
		t.Fatal("the answer was not kept")
	}
	tab.Screenshot("lost-cookie-360")
	tab.Submit(`.form-nav button[name="go"][value="next"]`)
	wantPage(t, tab, 3, len(pages))
}

// The administrator's distribution pages and the paper questionnaire fit
// a phone and a desktop, and print.
func TestDistributionPagesFitAndPrint(t *testing.T) {
	h := apptest.New(t, "sqlite")
	h.OpenCampaigns()
	batch, _ := h.App.Collection.CreateBatch(context.Background(), "2026-annual", "deputies", 4, "", audit.Actor{Login: "test"})
	h.App.Collection.RevokeBatch(context.Background(), "2026-annual", batch.ID, audit.Actor{Login: "test"})
	base := h.Serve()
	tab := apptest.NewBrowser(t).Tab()
	h.SignInTab(tab, base, account.Admin)
	pages := map[string]string{
		"campaign": "/admin/campaigns/2026-annual",
		"poster":   "/admin/campaigns/2026-annual/poster",
		"paper":    "/admin/campaigns/2026-annual/paper?group=deputies",
		"void":     "/admin/campaigns/2026-annual/invitations/1/print",
		"import":   "/admin/campaigns/2026-annual/import",
	}
	for name, path := range pages {
		tab.Viewport(360, 740)
		if status := tab.Open(base + path); status != http.StatusOK {
			t.Fatalf("%s: %d", name, status)
		}
		if wide := tab.TooWide(360); wide != nil {
			t.Errorf("%s is wider than a phone: %v", name, wide)
		}
		tab.Screenshot(name + "-360")
		tab.Viewport(1280, 900)
		tab.Screenshot(name + "-1280")
		tab.Media("print")
		tab.Screenshot(name + "-print")
		tab.Media("")
	}
	tab.Open(base + pages["void"])
	if n := apptest.Eval[int](tab, `document.querySelectorAll('svg.qr').length`); n != 0 || !strings.Contains(tab.Text("main"), "作废") {
		t.Fatalf("a withdrawn batch prints %d QR codes", n)
	}
}
