package web_test

import (
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/storage"
)

// An administrator sets a campaign's review parameters on the settings
// page; a committee member sees them and cannot change them.
func TestReviewSettingsPage(t *testing.T) {
	h := apptest.New(t, storage.SQLite)
	def, _ := os.ReadFile("../survey/testdata/spec-example.json")
	apptest.Expect(t, h.API(account.Admin, "POST", "/api/v1/campaigns", def), http.StatusCreated)
	form := url.Values{"quorum": {"2"}, "tier_name_0": {"优秀"}, "tier_min_0": {"85"}, "tier_name_1": {"一般"}, "tier_min_1": {"0"},
		"tier_name_2": {""}, "tier_min_2": {""}, "wide_interval": {"8"}, "burst_size": {"12"}, "burst_minutes": {"20"},
		"burst_gap": {"4"}, "burst_t": {"3"}, "window_size": {"25"}, "identical_copies": {"3"}, "identical_cells": {"12"},
		"straight_units": {"10"}, "fast_seconds": {"60"}}
	apptest.Expect(t, h.Page(account.Admin, "POST", "/review/2026-annual/settings", form), http.StatusSeeOther)
	page := apptest.Expect(t, h.Page(account.Committee, "GET", "/review/2026-annual/settings", nil), http.StatusOK).Body.String()
	if !strings.Contains(page, `value="优秀"`) || !strings.Contains(page, `name="burst_size" type="number" value="12"`) || !strings.Contains(page, "<fieldset disabled>") {
		t.Fatal("the settings page does not show the saved settings read-only to the committee")
	}
	apptest.Expect(t, h.Page(account.Committee, "POST", "/review/2026-annual/settings", form), http.StatusForbidden)
	form.Set("burst_gap", "many")
	form.Set("tier_min_1", "90")
	bad := apptest.Expect(t, h.Page(account.Admin, "POST", "/review/2026-annual/settings", form), http.StatusUnprocessableEntity).Body.String()
	if !strings.Contains(bad, "burst_gap: 应为数字") {
		t.Fatalf("a bad number is not named: %.300s", bad[strings.Index(bad, "alert"):])
	}
	form.Set("burst_gap", "4")
	bad = apptest.Expect(t, h.Page(account.Admin, "POST", "/review/2026-annual/settings", form), http.StatusUnprocessableEntity).Body.String()
	if !strings.Contains(bad, "tiers[1].min: 等次应从高到低排列") {
		t.Fatalf("tiers out of order are not named: %.300s", bad[strings.Index(bad, "alert"):])
	}
}
