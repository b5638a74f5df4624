package apptest

import (
	"context"
	"net/http"
	"strings"
	"time"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/i18n"
	"pingyi/responses"
	"pingyi/tabular"
)

// HotlineLedger is a small ledger of seven cases received on Monday 2
// March 2026 (simple: accept by the end of Tuesday 3 March, reply by the
// end of Thursday 5 March), and one received before the hotline's period.
// By hand, over March as of 1 April (unit: cases; response, on_time,
// resolution, satisfaction as numerator/denominator; settled 0/0, the file
// having no review column):
//
//	U001-1 (a station of U001): 3; 3/3, 2/3, 2/2, 1/1
//	U001 (its station's cases included): 5; 4/5, 3/5, 3/4, 2/3
//	U002: 2; 2/2, 2/2, 2/2, 2/2
const HotlineLedger = "工单编号,受理时间,承办单位,签收时间,办结时间,是否解决,回访结果\n" +
	"C1,2026-03-02 09:00,U001,2026-03-02 10:00,2026-03-04 10:00,是,满意\n" +
	"C2,2026-03-02 09:00,U001,2026-03-04 10:00,2026-03-09 10:00,否,不满意\n" + // accepted late, replied late
	"C3,2026-03-02 09:00,U001-1,2026-03-03 09:00,2026-03-05 16:00,是,基本满意\n" +
	"C4,2026-03-02 09:00,U001-1,2026-03-02 12:00,,,\n" + // never replied: overdue
	"C5,2026-03-02 09:00,U001-1,2026-03-02 12:00,2026-03-03 12:00,是,未联系上\n" +
	"C6,2026-03-02 09:00,U002,2026-03-02 10:00,2026-03-03 10:00,是,满意\n" +
	"C7,2026-03-02 09:00,U002,2026-03-02 11:00,2026-03-03 11:00,是,基本满意\n" +
	"C0,2026-02-27 09:00,U001,2026-02-27 10:00,2026-02-27 11:00,否,不满意\n" // before the period

// HotlineComponent is the test campaign's hotline component: the survey
// weighs 0.8 and the hotline 0.2, over March 2026; a unit needs 3 cases
// and a rate 2.
const HotlineComponent = `"components": {"survey": 0.8, "hotline": 0.2},
  "hotline": {"from": "2026-03-01", "to": "2026-04-01", "min_cases": 3, "min_rate_n": 2,
    "rates": {"response": 0.1, "on_time": 0.3, "resolution": 0.3, "satisfaction": 0.3}},
  "scoring": {"min_sample": 1,`

// HotlineCampaign makes the test campaign "2026-annual" with
// HotlineComponent (min_sample 1), open, with one response of the public
// (U001 all 满意: 100; U001-1 all 比较满意: 80; U002 all 比较满意: 80) and
// the HotlineLedger imported, the clock set to 20 April 2026. By hand:
// U001 has H = 100(0.1·4/5 + 0.3·3/5 + 0.3·3/4 + 0.3·2/3) = 68.5 and
// index 0.8·100 + 0.2·68.5 = 93.7; U001-1, whose satisfaction rests on
// one call (below min_rate_n), H = 100(0.1·1 + 0.3·2/3 + 0.3·1)/0.7 =
// 600/7 and index 64 + 120/7; U002, with 2 cases, no hotline score: 80,
// flagged no_hotline.
func (h *Harness) HotlineCampaign() {
	t := h.T
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 4, 20, 10, 0, 0, 0, i18n.China).UTC()
	h.App.DB.Now = func() time.Time { return now }
	def := strings.Replace(Definition(), `"scoring": {"min_sample": 30,`, HotlineComponent, 1)
	if rec := h.API(account.Admin, "POST", "/api/v1/campaigns", def); rec.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	if rec := h.API(account.Admin, "POST", "/api/v1/campaigns/2026-annual/status", map[string]string{"status": "open"}); rec.Code != http.StatusOK {
		t.Fatalf("open: %d %s", rec.Code, rec.Body)
	}
	st, err := h.App.Survey.Structure(ctx, "2026-annual")
	if err != nil {
		t.Fatal(err)
	}
	r := responses.NewResponse{Ref: "R1", Group: 0, Weight: 1, Channel: responses.Paper, SubmittedAt: now}
	for unit, option := range []int{0, 1, 1} {
		for ind := range 3 {
			r.Ratings = append(r.Ratings, responses.Rating{Unit: unit, Indicator: ind, Option: option})
		}
	}
	if err := h.App.Responses.InsertResponses(ctx, st, []responses.NewResponse{r}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.App.Appeals.Import(ctx, strings.NewReader(HotlineLedger), tabular.CSV, "12345", nil, audit.CLI); err != nil {
		t.Fatal(err)
	}
}
