package web_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"testing"

	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/demo"
	"pingyi/review"
	"pingyi/storage"
	"pingyi/survey"
)

// publishedDemo loads the demo and publishes the 2026 campaign as its
// committee would, through the stores, for the browser to read.
func publishedDemo(t *testing.T, h *apptest.Harness) *review.Content {
	ctx := context.Background()
	if _, err := demo.Load(ctx, h.App); err != nil {
		t.Fatal(err)
	}
	code := demo.CampaignCode
	for _, to := range []survey.Status{survey.Closed, survey.Review} {
		if _, err := h.App.Survey.SetStatus(ctx, code, to, audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
	}
	run, _, err := h.App.Results.Create(ctx, code, audit.Actor{Login: "weiyuan1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, login := range []string{"weiyuan1", "weiyuan2", "weiyuan3"} {
		u, _ := h.App.Accounts.ByLogin(ctx, login)
		if err := h.App.Review.Approve(ctx, code, run.ID, u.Actor()); err != nil {
			t.Fatal(err)
		}
	}
	u, _ := h.App.Accounts.ByLogin(ctx, "weiyuan1")
	if _, err := h.App.Review.Publish(ctx, code, review.PublishRequest{Run: run.ID}, u.Actor()); err != nil {
		t.Fatal(err)
	}
	_, content, err := h.App.Review.Get(ctx, code, 0)
	if err != nil {
		t.Fatal(err)
	}
	return content
}

// A reader's view of the public ranking, in Chromium: the ranking order,
// a unit's interval, the chart, the downloads, a phone's width and print.
func TestPublicRankingInABrowser(t *testing.T) {
	h := apptest.New(t, storage.SQLite)
	base := h.Serve()
	b := apptest.NewBrowser(t).Tab()
	b.Viewport(1280, 900)
	content := publishedDemo(t, h)
	open(t, b, base+"/p/"+demo.CampaignCode)

	cat := content.Categories[0]
	order := apptest.Eval[[]string](b, `[...document.querySelectorAll("#cat-`+cat.Code+` ~ .scroll tbody tr")].map(r => r.dataset.unit)`)
	var want []string
	ranks := map[string]int{}
	for _, u := range content.Units {
		if u.Category == cat.Code && u.Rank != nil {
			ranks[u.UnitCode] = *u.Rank
		}
	}
	for _, code := range order {
		if r, ok := ranks[code]; ok {
			want = append(want, code)
			if len(want) > 1 && r < ranks[want[len(want)-2]] {
				t.Fatalf("%s (rank %d) is shown after %s (rank %d)", code, r, want[len(want)-2], ranks[want[len(want)-2]])
			}
		}
	}
	if len(want) != len(ranks) || len(order) == 0 {
		t.Fatalf("the %s table shows %v, want every ranked unit", cat.Name, order)
	}
	first := content.Units[0]
	for _, u := range content.Units {
		if u.UnitCode == order[0] {
			first = u
		}
	}
	interval := apptest.Eval[string](b, `document.querySelector('tr[data-unit="`+first.UnitCode+`"] td.ci').textContent.trim()`)
	if interval != opt2(*first.CILow)+"–"+opt2(*first.CIHigh) {
		t.Fatalf("%s's interval reads %q", first.UnitCode, interval)
	}
	if w := apptest.Eval[int](b, `new Promise(r => { const i = document.querySelector(".chart img"); i.complete ? r(i.naturalWidth) : i.onload = () => r(i.naturalWidth) })`); w < 300 {
		t.Fatalf("the chart image has width %d", w)
	}
	digest := apptest.Eval[string](b, `document.getElementById("digest").textContent`)
	doc := b.Fetch(`a[href$="publication.json"]`)
	if sum := sha256.Sum256([]byte(doc)); hex.EncodeToString(sum[:]) != digest || !strings.Contains(doc, `"format": "pingyi-publication-v2"`) {
		t.Fatalf("the JSON download does not hash to the digest %s the page shows", digest)
	}
	if csv := b.Fetch(`a[href$="ranking.csv"]`); !strings.HasPrefix(strings.TrimPrefix(csv, "\ufeff"), "类别,名次") || !strings.Contains(csv, first.UnitCode) {
		t.Fatalf("the CSV download reads %.80q", csv)
	}
	b.Screenshot("public-ranking")

	// A phone: the page does not grow wider than the screen; tables scroll
	// inside their boxes.
	b.Viewport(360, 740)
	open(t, b, base+"/p/"+demo.CampaignCode)
	if wide := b.TooWide(360); wide != nil {
		t.Fatalf("at 360 px the page is too wide because of %v", wide)
	}
	// Each unit's tier, rank interval and change are on screen, beside
	// their columns' names.
	offscreen := apptest.Eval[[]string](b, `[...document.querySelectorAll("table.ranking tbody tr:first-child td")].filter(td => {
		const r = td.getBoundingClientRect(); return r.width === 0 || r.right > 360 || r.left < 0 }).map(td => td.dataset.label)`)
	labels := apptest.Eval[string](b, `[...document.querySelector("table.ranking tbody tr").querySelectorAll("td")].map(td => getComputedStyle(td, "::before").content).join(" ")`)
	if len(offscreen) > 0 || !strings.Contains(labels, "等次") || !strings.Contains(labels, "名次区间") || !strings.Contains(labels, "较 2025 年") {
		t.Fatalf("at 360 px the cells %v are off screen, or the labels read %q", offscreen, labels)
	}
	// The chart is the narrow drawing, shown near its own size, so its
	// labels keep about their 12 pt.
	shown := apptest.Eval[float64](b, `new Promise(r => { const i = document.querySelector(".chart img");
		const go = () => r(i.currentSrc.includes("size=narrow") ? i.width / i.naturalWidth : 0); i.complete ? go() : i.onload = go })`)
	if shown < 0.8 {
		t.Fatalf("at 360 px the chart is the wide one or shrunk to %.2f of its size", shown)
	}
	b.Screenshot("public-ranking-360")

	// Opened alone, the chart is drawn with its styles (a white
	// background), not the black rectangle the pages' policy made of it.
	open(t, b, base+"/p/"+demo.CampaignCode+"/v/1/chart.svg?category="+cat.Code)
	if fill := apptest.Eval[string](b, `getComputedStyle(document.querySelector("path")).fill`); fill != "rgb(255, 255, 255)" {
		t.Fatalf("the chart opened alone has a background of %s", fill)
	}
	b.Screenshot("chart-alone")
	open(t, b, base+"/p/"+demo.CampaignCode)

	// Print: no navigation or downloads, the rankings all there.
	b.Viewport(1280, 900)
	b.Media("print")
	if apptest.Eval[string](b, `getComputedStyle(document.querySelector(".downloads")).display`) != "none" ||
		apptest.Eval[int](b, `document.querySelectorAll("table.ranking").length`) != len(content.Categories) {
		t.Fatal("the printed page keeps its links or loses a table")
	}
	b.Media("")
}

// The committee's console in Chromium: the ranking of the run, the flag on
// the stuffed unit, sorting by a column link without any script.
func TestReviewConsoleInABrowser(t *testing.T) {
	h := apptest.New(t, storage.SQLite)
	base := h.Serve()
	b := apptest.NewBrowser(t).Tab()
	b.Viewport(1280, 900)
	ctx := context.Background()
	if _, err := demo.Load(ctx, h.App); err != nil {
		t.Fatal(err)
	}
	run, _, err := h.App.Results.Create(ctx, demo.CampaignCode, audit.Actor{Login: "weiyuan1"})
	if err != nil {
		t.Fatal(err)
	}
	h.SignIn("weiyuan1", demo.Password).SignInTab(b, base)
	open(t, b, base+"/review/"+demo.CampaignCode)

	heading := apptest.Eval[string](b, `document.querySelector("#run-h").textContent`)
	if heading != "第 "+strconv.FormatInt(run.ID, 10)+" 次计分" {
		t.Fatalf("the console shows %q", heading)
	}
	flag := apptest.Eval[string](b, `document.querySelector('tr[data-unit="U080"] .flag').textContent`)
	if flag != "疑似刷票" {
		t.Fatalf("the stuffed unit's flag reads %q", flag)
	}
	if apptest.Eval[int](b, `document.scripts.length`) != 0 {
		t.Fatal("the console has a script")
	}
	rank1 := apptest.Eval[string](b, `document.querySelector("table.ranking tbody tr td").textContent.trim()`)
	if rank1 != "1" {
		t.Fatalf("the first row has rank %q", rank1)
	}
	b.Screenshot("review-console")

	// Sort by index: a link to the same page, sorted on the server.
	b.Submit(`table.ranking thead a[href*="sort=index"]`)
	indices := apptest.Eval[[]float64](b, `[...document.querySelector("table.ranking").querySelectorAll("tbody tr")].map(r => parseFloat(r.cells[2].textContent)).filter(x => !isNaN(x))`)
	for i := 1; i < len(indices); i++ {
		if indices[i] > indices[i-1] {
			t.Fatalf("sorted by index, %v follows %v", indices[i], indices[i-1])
		}
	}
	if !strings.Contains(apptest.Eval[string](b, `location.search`), "sort=index") || len(indices) < 5 {
		t.Fatalf("sorting did not happen: %v", indices)
	}

	b.Viewport(360, 740)
	open(t, b, base+"/review/"+demo.CampaignCode+"/flags")
	if wide := b.TooWide(360); wide != nil {
		t.Fatalf("at 360 px the flags page is too wide because of %v", wide)
	}
	b.Screenshot("review-flags-360")
}

// open navigates a tab and fails unless the page answers 200.
func open(t *testing.T, tab *apptest.Tab, url string) {
	t.Helper()
	if status := tab.Open(url); status != 200 {
		t.Fatalf("open %s: status %d", url, status)
	}
}
