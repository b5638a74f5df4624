package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/collection"
	"pingyi/survey"
	"pingyi/survey/surveytest"
)

// A respondent of the Jinan-sized campaign's screened public, on a
// 360 px Chromium with axe checking every page, picks a department, opens
// another's stations and ticks one, finds a third unit by searching, and
// is then asked only about those three units; they rate them, review and
// submit, and the response holds exactly what they clicked.
func TestAScreenedRespondentCompletesTheFormInABrowser(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		ctx := context.Background()
		def := surveytest.JinanDefinition()
		if _, err := h.App.Survey.Create(ctx, def, audit.Actor{Login: "test"}); err != nil {
			t.Fatal(err)
		}
		if _, err := h.App.Survey.SetStatus(ctx, def.Code, survey.Open, audit.Actor{Login: "test"}); err != nil {
			t.Fatal(err)
		}
		st, _ := h.App.Survey.Structure(ctx, def.Code)
		base := h.Serve()
		tab := apptest.NewBrowser(t).Tab()
		tab.Viewport(360, 740)
		noWider := func(step string) {
			t.Helper()
			if wide := tab.TooWide(360); len(wide) > 0 {
				tab.Screenshot(step + "-too-wide")
				t.Fatalf("%s: wider than 360 px: %v", step, wide)
			}
		}
		if status := tab.Open(base + "/s/" + def.Code); status != http.StatusOK || !strings.Contains(tab.Text("main"), "先从 3828 个单位中勾选") {
			t.Fatalf("intro: %d %q", status, tab.Text("main"))
		}
		tab.Submit(`form[action$="/start"] button`)
		if !strings.HasSuffix(tab.URL(), "/screen") {
			t.Fatalf("the start went to %s, not the screening page", tab.URL())
		}
		noWider("screen")
		tab.Screenshot("screen")
		tab.Do(chromedp.Click(chromedp.CSS(`input[name="u"][value="D002"]`)))
		tab.Submit(`button[name="open"][value="D017"]`)
		if n := len(apptest.Get(tab, chromedp.Nodes(chromedp.CSSAll(`#s-D017 .stations input`)))); n < 50 {
			t.Fatalf("D017 opened with %d stations", n)
		}
		tab.Do(chromedp.Click(chromedp.CSS(`input[name="u"][value="D017-S02"]`)))
		tab.Do(chromedp.SendKeys(chromedp.CSS("#q"), "市直部门033第20站所"))
		tab.Submit(`button[name="go"][value="search"]`)
		noWider("search")
		tab.Screenshot("search")
		if got := tab.Text("fieldset.matches"); !strings.Contains(got, "市直部门033第20站所") {
			t.Fatalf("the search found %q", got)
		}
		tab.Do(chromedp.Click(chromedp.CSS(`#m-D033-S20`)))
		tab.Submit(`.form-nav button[name="go"][value="next"]`)

		chosen := []string{"D002", "D017-S02", "D033-S20"}
		var units []int
		for _, code := range chosen {
			u, _ := st.UnitIndex(code)
			units = append(units, u)
		}
		pages := collection.PagesOf(st, units)
		clicked := map[collection.Cell]int{}
		for n := 1; n <= len(pages); n++ {
			wantPage(t, tab, n, len(pages))
			noWider("page")
			legends := apptest.Get(tab, chromedp.Nodes(chromedp.CSSAll("fieldset.unit"), chromedp.AtLeast(1)))
			if len(legends) != len(pages[n-1].Units) {
				t.Fatalf("page %d shows %d units, want %d", n, len(legends), len(pages[n-1].Units))
			}
			for k, u := range pages[n-1].Units {
				for i, ind := range st.Indicators {
					opt := (k + i + n) % 4
					tab.Do(chromedp.Click(chromedp.CSS(`input[name="r:` + st.Units[u].Code + ":" + ind.Code + `"][value="` + st.Scale[opt].Code + `"]`)))
					clicked[collection.Cell{Unit: u, Indicator: i}] = opt
				}
			}
			if n == 1 { // checkStored looks for this comment
				tab.Do(chromedp.SendKeys(chromedp.CSS("#c-"+st.Units[pages[0].Units[0]].Code), "窗口排队时间长"))
			}
			tab.Submit(`.form-nav button[name="go"][value="next"]`)
		}
		if !strings.HasSuffix(tab.URL(), "/review") || !strings.Contains(tab.Text("main"), "您已评价 3 个单位（共 3 个）") {
			t.Fatalf("review at %s: %q", tab.URL(), tab.Text("main"))
		}
		noWider("review")
		tab.Screenshot("review")
		tab.Submit(`form[action$="/submit"] button`)
		ref := tab.Text("p.secret code")
		if !strings.HasPrefix(ref, "W-") {
			t.Fatalf("no receipt: %q", tab.Text("main"))
		}
		checkStored(t, h, st, ref, clicked)
	})
}
