package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
)

// inOrder reports whether every marker appears in body, each after the
// one before it.
func inOrder(body string, markers ...string) bool {
	at := 0
	for _, m := range markers {
		i := strings.Index(body[at:], m)
		if i < 0 {
			return false
		}
		at += i + len(m)
	}
	return true
}

// TestRankingsNestStations: the public page and the console show 市公安局
// first, its stations beneath it by their own ranks (城东派出所 1st,
// the 支队 2nd, 城西派出所 without an index last) with the stations'
// summary, then the next category; the public chart shows departments
// only; the console's drill-down lists the stations and a station names
// its department.
func TestRankingsNestStations(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		c := h.PublishStations()
		summary := "下属站所 3 个，2 个有指数，加权平均 32.00，最低 0.00"
		order := []string{`data-unit="U001"`, summary, `data-unit="U001-2" class="station depth-1"`, `data-unit="U001-1" class="station depth-1"`,
			`data-unit="U001-3" class="station depth-1"`, `data-unit="U002"`}

		rec := h.Page(apptest.Stranger, "GET", "/p/2026-annual", nil)
		body := rec.Body.String()
		if rec.Code != http.StatusOK || !inOrder(body, order...) {
			t.Fatalf("public page %d: stations not nested beneath 市公安局 in rank order with their summary:\n%s", rec.Code, body)
		}
		// Ranks within level: U001 is 1st of the departments, the 支队's 0
		// ranks 2nd of the stations, not 3rd after a department of 100.
		for _, u := range c.Units {
			want := map[string]int{"U001": 1, "U001-2": 1, "U001-1": 2, "U002": 1}[u.UnitCode]
			if want != 0 && (u.Rank == nil || *u.Rank != want) {
				t.Errorf("%s ranks %v, want %d", u.UnitCode, u.Rank, want)
			}
		}
		if !strings.Contains(body, "第2级") {
			t.Error("the public page does not say a station's level")
		}

		svg := h.Page(apptest.Stranger, "GET", "/p/2026-annual/v/1/chart.svg?category=enforcement", nil).Body.String()
		if !strings.Contains(svg, "市公安局") || strings.Contains(svg, "城东派出所") {
			t.Errorf("the ranking chart should show the department and not its stations:\n%.600s", svg)
		}

		rec = h.Page(account.Committee, "GET", "/review/2026-annual", nil)
		if rec.Code != http.StatusOK || !inOrder(rec.Body.String(), order...) {
			t.Fatalf("console %d: stations not nested beneath 市公安局:\n%s", rec.Code, rec.Body)
		}
		run := c.Run.ID
		rec = h.Page(account.Committee, "GET", "/review/2026-annual/units/U001?run="+strconv.FormatInt(run, 10), nil)
		body = rec.Body.String()
		if rec.Code != http.StatusOK || !inOrder(body, summary, `data-unit="U001-2"`, `data-unit="U001-1"`, `data-unit="U001-3"`) ||
			!strings.Contains(body, `href="/review/2026-annual/units/U001-2?run=`+strconv.FormatInt(run, 10)+`"`) {
			t.Fatalf("U001's drill-down %d does not list its stations by rank with links:\n%s", rec.Code, body)
		}
		rec = h.Page(account.Committee, "GET", "/review/2026-annual/units/U001-2?run="+strconv.FormatInt(run, 10), nil)
		if !strings.Contains(rec.Body.String(), `href="/review/2026-annual/units/U001?run=`+strconv.FormatInt(run, 10)+`"`) {
			t.Errorf("a station's page does not lead up to its department:\n%s", rec.Body)
		}
	})
}
