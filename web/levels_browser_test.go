package web_test

import (
	"strconv"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
)

// TestStationsOnAPhone: at 360 px the public ranking, the console and a
// department's drill-down fit the screen and pass axe; on the public page
// each station's card sits indented beneath its department's, whose card
// carries the stations' summary.
func TestStationsOnAPhone(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		c := h.PublishStations()
		base := h.Serve()
		b := apptest.NewBrowser(t).Tab()
		b.Viewport(360, 740)
		open(t, b, base+"/p/2026-annual")
		if wide := b.TooWide(360); wide != nil {
			t.Fatalf("at 360 px the public page is too wide because of %v", wide)
		}
		left := func(code string) float64 {
			return apptest.Eval[float64](b, `document.querySelector('tr[data-unit="`+code+`"]').getBoundingClientRect().left`)
		}
		if dept, station := left("U001"), left("U001-2"); station <= dept {
			t.Errorf("a station's card starts at %v px, its department's at %v: not indented", station, dept)
		}
		text := apptest.Eval[string](b, `document.querySelector('tr[data-unit="U001"]').innerText`)
		if !strings.Contains(text, "下属站所 3 个，2 个有指数，加权平均 32.00，最低 0.00") {
			t.Errorf("the department's card reads %q, without its stations' summary", text)
		}
		b.Screenshot("stations-360")

		h.SignInTab(b, base, account.Committee)
		open(t, b, base+"/review/2026-annual")
		if wide := b.TooWide(360); wide != nil {
			t.Fatalf("at 360 px the console is too wide because of %v", wide)
		}
		open(t, b, base+"/review/2026-annual/units/U001?run="+strconv.FormatInt(c.Run.ID, 10))
		if wide := b.TooWide(360); wide != nil {
			t.Fatalf("at 360 px the drill-down is too wide because of %v", wide)
		}
		rows := apptest.Eval[[]string](b, `[...document.querySelectorAll('section[aria-labelledby="stations-h"] tbody tr')].map(r => r.dataset.unit)`)
		if strings.Join(rows, " ") != "U001-2 U001-1 U001-3" {
			t.Errorf("the drill-down lists the stations %v, want them by rank", rows)
		}
	})
}
