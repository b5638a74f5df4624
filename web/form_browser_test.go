package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/collection"
	"pingyi/demo"
	"pingyi/responses"
	"pingyi/survey"
)

// A respondent on a phone-sized headless Chromium fills in the demo's form
// over several pages, leaves, comes back to where they stopped, submits and
// gets a receipt; the stored response holds exactly what they clicked. An
// invitation answers once; its second visit gets a clear page.
func TestARespondentCompletesTheFormInABrowser(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		start := time.Now()
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
		if status := tab.Open(link); status != http.StatusOK || !strings.Contains(tab.Text("h1"), "满意度测评") {
			t.Fatalf("intro: %d %q", status, tab.Text("h1"))
		}
		tab.Screenshot("intro")
		tab.Submit(`form[action$="/start"] button`)

		clicked := map[collection.Cell]int{}
		// Pages 1 to 3: a few answers each, saved by going on.
		for n := 1; n <= 3; n++ {
			wantPage(t, tab, n, len(pages))
			fill(tab, st, pages[n-1], n, clicked)
			if n == 1 {
				tab.Do(chromedp.SendKeys(chromedp.CSS("#c-"+st.Units[pages[0].Units[0]].Code), "窗口排队时间长"))
				tab.Screenshot("page-1")
			}
			tab.Submit(`.form-nav button[name="go"][value="next"]`)
		}
		// Page 4: clicked but never saved, then the tab is closed.
		wantPage(t, tab, 4, len(pages))
		unsaved := map[collection.Cell]int{}
		fill(tab, st, pages[3], 4, unsaved)
		tab.Close()

		tab = b.Tab()
		tab.Open(link)
		if !strings.HasSuffix(tab.URL(), "/p/4") {
			t.Fatalf("coming back with the same link went to %s, want page 4", tab.URL())
		}
		wantPage(t, tab, 4, len(pages))
		if n := len(apptest.Get(tab, chromedp.Nodes(chromedp.CSSAll("input:checked"), chromedp.AtLeast(0)))); n != 0 {
			t.Fatalf("page 4 shows %d answers that were never saved", n)
		}
		tab.Submit(`button[name="go"][value="prev"]`)
		wantPage(t, tab, 3, len(pages))
		if got := len(apptest.Get(tab, chromedp.Nodes(chromedp.CSSAll("input:checked")))); got != countOnPage(clicked, pages[2]) {
			t.Fatalf("page 3 kept %d answers, want %d", got, countOnPage(clicked, pages[2]))
		}
		tab.Submit(`.form-nav button[name="go"][value="next"]`)
		fill(tab, st, pages[3], 4, clicked)
		tab.Submit(`button[name="go"][value="review"]`)
		if !strings.HasSuffix(tab.URL(), "/review") {
			t.Fatalf("review went to %s", tab.URL())
		}
		tab.Screenshot("review")
		review := tab.Text("main")
		if !strings.Contains(review, fmt.Sprintf("您已评价 %d 个单位", ratedUnits(clicked))) || !strings.Contains(review, "未评价") {
			t.Fatalf("review: %s", review)
		}
		tab.Submit(`form[action$="/submit"] button`)
		tab.Screenshot("thank-you")
		ref := tab.Text("p.secret code")
		if !strings.Contains(tab.Text("h1"), "感谢") || !strings.HasPrefix(ref, "W-") {
			t.Fatalf("thank-you page: %q, receipt %q", tab.Text("h1"), ref)
		}
		checkStored(t, h, st, ref, clicked)

		tab.Open(link)
		if !strings.Contains(tab.Text("h1"), "已参加") || tab.Text("p.secret code") != ref {
			t.Fatalf("a second visit from the device: %q %q", tab.Text("h1"), tab.Text("p.secret code"))
		}

		// An invitation: answered once, then refused with a clear page.
		batch, err := h.App.Collection.CreateBatch(ctx, demo.CampaignCode, "deputies", 2, "", audit.Actor{Login: "test"})
		if err != nil {
			t.Fatal(err)
		}
		invited := base + "/i/" + h.App.Collection.Token(batch.ID, 1)
		tab = b.Tab()
		tab.Open(invited)
		if !strings.Contains(tab.Text("main"), "人大代表") {
			t.Fatalf("invitation intro: %s", tab.Text("main"))
		}
		tab.Submit(`form[action$="/start"] button`)
		fill(tab, st, pages[0], 1, map[collection.Cell]int{})
		tab.Submit(`button[name="go"][value="review"]`)
		tab.Submit(`form[action$="/submit"] button`)
		if !strings.Contains(tab.Text("h1"), "感谢") {
			t.Fatalf("invitation thank-you: %s", tab.Text("main"))
		}
		second := b.Tab()
		if status := second.Open(invited); status != http.StatusConflict || !strings.Contains(second.Text("h1"), "已被使用") {
			t.Fatalf("an invitation's second use: %d %q", status, second.Text("h1"))
		}
		second.Screenshot("invitation-used")

		// The administrator sees both responses come in.
		admin := b.Tab()
		h.SignInTab(admin, base, account.Admin)
		admin.Open(base + "/admin/campaigns/" + demo.CampaignCode)
		if text := admin.Text("#col-h"); !strings.Contains(text, "2 份答卷") {
			t.Fatalf("collection on the campaign page: %q", text)
		}
		t.Logf("browser test took %s", time.Since(start).Round(time.Millisecond))
	})
}

// fill clicks an option for every other unit of a page, varying the
// option, and records the clicks.
func fill(tab *apptest.Tab, st *survey.Structure, p collection.FormPage, n int, clicked map[collection.Cell]int) {
	tab.T.Helper()
	for k, u := range p.Units {
		if k%2 == 1 {
			continue
		}
		for i, ind := range st.Indicators {
			opt := (k + i + n) % len(st.Scale)
			sel := fmt.Sprintf(`input[name="r:%s:%s"][value="%s"]`, st.Units[u].Code, ind.Code, st.Scale[opt].Code)
			tab.Do(chromedp.Click(chromedp.CSS(sel)))
			clicked[collection.Cell{Unit: u, Indicator: i}] = opt
		}
	}
}

func wantPage(t *testing.T, tab *apptest.Tab, n, total int) {
	t.Helper()
	if got, want := tab.Text("#progress-text"), fmt.Sprintf("第 %d 页，共 %d 页", n, total); got != want {
		t.Fatalf("progress %q, want %q", got, want)
	}
}

func countOnPage(clicked map[collection.Cell]int, p collection.FormPage) int {
	n := 0
	for cell := range clicked {
		for _, u := range p.Units {
			if cell.Unit == u {
				n++
			}
		}
	}
	return n
}

func ratedUnits(clicked map[collection.Cell]int) int {
	units := map[int]bool{}
	for cell := range clicked {
		units[cell.Unit] = true
	}
	return len(units)
}

// checkStored compares the stored response with what the browser clicked.
func checkStored(t *testing.T, h *apptest.Harness, st *survey.Structure, ref string, clicked map[collection.Cell]int) {
	t.Helper()
	var r responses.Response
	if err := h.App.DB.Gorm.Where("ref = ?", ref).Take(&r).Error; err != nil {
		t.Fatal(err)
	}
	ratings, err := responses.DecodeAnswers(r.Answers, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ratings) != len(clicked) {
		t.Fatalf("stored %d ratings, clicked %d", len(ratings), len(clicked))
	}
	for _, rt := range ratings {
		if opt, ok := clicked[collection.Cell{Unit: rt.Unit, Indicator: rt.Indicator}]; !ok || opt != rt.Option {
			t.Fatalf("stored %+v, clicked %d", rt, opt)
		}
	}
	open, _ := st.OpenGroup()
	if r.Channel != responses.Web || r.GroupID != open.ID || r.StartedAt == nil || !r.StartedAt.Before(r.SubmittedAt) ||
		r.DeviceHash == nil || r.IPHash == nil || strings.Contains(*r.IPHash, "127.0.0.1") {
		t.Fatalf("stored response %+v", r)
	}
	var comment responses.Comment
	if err := h.App.DB.Gorm.Where("response_id = ?", r.ID).Take(&comment).Error; err != nil || comment.Body != "窗口排队时间长" {
		t.Fatalf("comment %+v, %v", comment, err)
	}
}
