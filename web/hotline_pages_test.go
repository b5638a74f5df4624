package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pingyi/account"
	"pingyi/app/apptest"
)

// A campaign whose index weighs the hotline shows both parts on the
// console, the unit page (with the rates and their counts), the public
// page, its method and the downloads (apptest.HotlineCampaign's numbers).
func TestPagesShowTheSurveyAndTheHotline(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.HotlineCampaign()
		const code = "2026-annual"
		for _, to := range []string{"closed", "review"} {
			apptest.Expect(t, h.Page(account.Admin, "POST", "/admin/campaigns/"+code+"/status", url.Values{"status": {to}, "confirm": {"1"}}), http.StatusSeeOther)
		}
		run := runFrom(t, apptest.Expect(t, h.Page(account.Committee, "POST", "/review/"+code+"/runs", nil), http.StatusSeeOther))
		console := apptest.Expect(t, h.Page(account.Committee, "GET", "/review/"+code, nil), http.StatusOK).Body.String()
		for _, want := range []string{"测评指数", "热线得分", "93.70", "68.50", "85.71", "无热线得分"} {
			if !strings.Contains(console, want) {
				t.Errorf("the console lacks %q", want)
			}
		}
		unit := apptest.Expect(t, h.Page(account.Committee, "GET", "/review/"+code+"/units/U001?run="+run, nil), http.StatusOK).Body.String()
		for _, want := range []string{"测评与热线", "诉求 5 件", "响应率", "4/5", "按期办结率", "3/5", "解决率", "3/4", "2/3", "息诉息访率", "0/0", "68.50"} {
			if !strings.Contains(unit, want) {
				t.Errorf("the unit page lacks %q", want)
			}
		}
		if other := apptest.Expect(t, h.Page(account.Committee, "GET", "/review/"+code+"/units/U002?run="+run, nil), http.StatusOK).Body.String(); !strings.Contains(other, "仅按测评指数评价") {
			t.Error("the unit page of a unit without a hotline score does not say it is judged by its survey alone")
		}

		apptest.Expect(t, h.Page(account.Committee, "POST", "/review/"+code+"/runs/"+run+"/approve", url.Values{"confirm": {"1"}}), http.StatusSeeOther)
		apptest.Expect(t, h.Page(account.Committee, "POST", "/review/"+code+"/publish", url.Values{"run": {run}, "confirm": {"1"}}), http.StatusSeeOther)
		public := apptest.Expect(t, h.Page(apptest.Stranger, "GET", "/p/"+code+"/v/1", nil), http.StatusOK).Body.String()
		for _, want := range []string{"测评指数", "热线得分", "93.70", "68.50", "appeals.csv"} {
			if !strings.Contains(public, want) {
				t.Errorf("the public page lacks %q", want)
			}
		}
		csv := apptest.Expect(t, h.Page(apptest.Stranger, "GET", "/p/"+code+"/v/1/ranking.csv", nil), http.StatusOK).Body.String()
		if !strings.Contains(csv, "调查指数,调查权重,热线得分,热线权重,热线诉求件数") || !strings.Contains(csv, ",68.5000,0.2000,5,0.8000,") {
			t.Errorf("the CSV download lacks the hotline:\n%s", csv)
		}
		x, err := excelize.OpenReader(bytes.NewReader(apptest.Expect(t, h.Page(apptest.Stranger, "GET", "/p/"+code+"/v/1/ranking.xlsx", nil), http.StatusOK).Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		if rows, _ := x.GetRows("排名"); len(rows) < 2 || !strings.Contains(strings.Join(rows[0], ","), "热线得分") {
			t.Errorf("the XLSX download lacks the hotline: %v", rows)
		}
	})
}
