package web_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/demo"
)

// The demo's 2026 console shows, beside each unit that had tasks after
// the 2025 publication, how they ended, linking to last year's public
// list; a unit without tasks last year shows nothing.
func TestTheConsoleShowsHowLastYearsTasksEnded(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		ctx := context.Background()
		if _, err := demo.Load(ctx, h.App); err != nil {
			t.Fatal(err)
		}
		if _, _, err := h.App.Results.Create(ctx, demo.CampaignCode, audit.Actor{Login: "weiyuan1"}); err != nil {
			t.Fatal(err)
		}
		ended, err := h.App.Rectification.Ended(ctx, demo.PreviousCode, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		u001 := ended["U001"]
		if u001.Opened == 0 {
			t.Fatalf("the demo opened no task for U001 in 2025: %+v", ended)
		}
		rec := h.Page(account.Committee, "GET", "/review/"+demo.CampaignCode, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("the console: %d", rec.Code)
		}
		rows := regexp.MustCompile(`(?s)<tr data-unit="([^"]+)">(.*?)</tr>`).FindAllStringSubmatch(rec.Body.String(), -1)
		badge := fmt.Sprintf(`href="/p/%s/rectification#u-U001"`, demo.PreviousCode)
		text := fmt.Sprintf("上年整改 %d/%d 已销号", u001.Closed, u001.Opened)
		seen, bare := false, false
		for _, row := range rows {
			switch {
			case row[1] == "U001":
				seen = true
				if !strings.Contains(row[2], badge) || !strings.Contains(row[2], text) {
					t.Errorf("U001's row lacks %q: %s", text, row[2])
				}
			case ended[row[1]].Opened == 0:
				bare = true
				if strings.Contains(row[2], "上年整改") {
					t.Errorf("%s had no task last year but shows: %s", row[1], row[2])
				}
			}
		}
		if !seen || !bare {
			t.Fatalf("the console's rows: U001 %v, a unit without tasks %v (%d rows)", seen, bare, len(rows))
		}
	})
}
