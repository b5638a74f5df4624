package web_test

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/demo"
	"pingyi/phone"
)

// The phone progress page draws each unit's completes against its quota
// and the calls per day, as images with text alternatives under their own
// policy, and gives the daily figures as a table that adds up to the
// operators' attempts.
func TestPhoneProgressHasCharts(t *testing.T) {
	h := apptest.New(t, "sqlite")
	ctx := context.Background()
	if _, err := demo.Load(ctx, h.App); err != nil {
		t.Fatal(err)
	}
	rules := phone.DefaultSettings().Input()
	rules.CallingHours = "00:00-24:00" // so the test calls at any hour
	if _, err := h.App.Phone.SaveSettings(ctx, demo.CampaignCode, rules, audit.CLI); err != nil {
		t.Fatal(err)
	}
	// Four calls today, one moved two days back: three days, one without calls.
	api := "/api/v1/campaigns/" + demo.CampaignCode + "/phone"
	for range 4 {
		held := apptest.Decode[struct{ ID int64 }](t, apptest.Expect(t, h.API(account.Operator, "POST", api+"/next", nil), http.StatusOK))
		apptest.Expect(t, h.API(account.Operator, "POST", api+"/cases/"+strconv.FormatInt(held.ID, 10)+"/outcome", map[string]string{"disposition": "3.13"}), http.StatusOK)
	}
	var first int64
	h.App.DB.Gorm.Table("phone_attempts").Select("MIN(id)").Scan(&first)
	h.App.DB.Gorm.Exec("UPDATE phone_attempts SET recorded_at = ? WHERE id = ?", time.Now().UTC().AddDate(0, 0, -2), first)
	base := "/admin/campaigns/" + demo.CampaignCode + "/phone"
	page := apptest.Expect(t, h.Page(account.Committee, "GET", base+"/progress", nil), http.StatusOK).Body.String()
	for _, want := range []string{`src="` + base + `/quotas.svg" alt="各单位成功访问数与配额对比图`, `src="` + base + `/calls.svg" alt="每日通话次数与成功访问数`, "每日通话数据表"} {
		if !strings.Contains(page, want) {
			t.Errorf("the progress page lacks %q", want)
		}
	}
	p, err := h.App.Phone.Progress(ctx, demo.CampaignCode)
	if err != nil {
		t.Fatal(err)
	}
	attempts := 0
	for _, o := range p.Productivity {
		attempts += o.Attempts
	}
	table := page[strings.Index(page, `class="calls-per-day"`):]
	table = table[:strings.Index(table, "</table>")]
	rows := regexp.MustCompile(`<tr><td>(\d{4}-\d\d-\d\d)</td><td class="num">(\d+)</td>`).FindAllStringSubmatch(table, -1)
	sum := 0
	for _, r := range rows {
		n, _ := strconv.Atoi(r[2])
		sum += n
	}
	if attempts != 4 || sum != attempts || len(rows) != 3 || rows[1][2] != "0" {
		t.Fatalf("the daily table has %d days adding to %d calls; the operators made %d", len(rows), sum, attempts)
	}

	for path, want := range map[string]string{base + "/quotas.svg": p.Units[0].Stratum.Stratum, base + "/calls.svg": rows[len(rows)-1][1][5:]} {
		rec := apptest.Expect(t, h.Page(account.Committee, "GET", path, nil), http.StatusOK)
		if rec.Header().Get("Content-Type") != "image/svg+xml" || !strings.Contains(rec.Header().Get("Content-Security-Policy"), "style-src 'unsafe-inline'") {
			t.Errorf("%s is served as %q under %q", path, rec.Header().Get("Content-Type"), rec.Header().Get("Content-Security-Policy"))
		}
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("%s does not label %q", path, want)
		}
	}
	apptest.Expect(t, h.Page(account.Committee, "GET", "/admin/campaigns/nosuch/phone/calls.svg", nil), http.StatusNotFound)
}
