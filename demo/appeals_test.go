package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/demo"
	"pingyi/i18n"
	"pingyi/scoring"
	"pingyi/storage/storagetest"
)

// The demo has a dispatcher, a ledger of a few thousand cases over the year
// for its 82 units (most replied and called back, some overdue, extended
// or reviewed), and its 2026 index weighs the hotline: a score run shows
// both parts for most units.
func TestDemoHasALedgerAndAHotlineIndex(t *testing.T) {
	for _, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			a := openApp(t, d)
			ctx := context.Background()
			// The demo's "today": late in its year, so the ledger spans most of it.
			today := time.Date(2026, 11, 20, 10, 0, 0, 0, i18n.China)
			a.DB.Now = func() time.Time { return today.UTC() }
			if _, err := demo.Load(ctx, a); err != nil {
				t.Fatal(err)
			}
			if u, err := a.Accounts.ByLogin(ctx, demo.DispatcherLogin); err != nil || u.Role != account.Dispatcher {
				t.Fatalf("dispatcher %s: %+v %v", demo.DispatcherLogin, u, err)
			}
			rates, err := a.Appeals.Rates(ctx, time.Date(2026, 1, 1, 0, 0, 0, 0, i18n.China), today, today, false)
			if err != nil {
				t.Fatal(err)
			}
			var cases, replied, onTime, calledBack, reviewed int64
			units := 0
			for _, r := range rates {
				units++
				cases += r.Cases
				replied += r.Resolution.Den
				onTime += r.OnTime.Num
				calledBack += r.Satisfaction.Den
				reviewed += r.Settled.Den
			}
			// Every case was assigned before the demo's today (cases received that
			// morning may not be): a few thousand, over the 82 units.
			if units != 82 || cases < demo.LedgerCases-50 || cases > demo.LedgerCases {
				t.Fatalf("ledger: %d cases over %d units", cases, units)
			}
			if replied < cases*8/10 || onTime >= replied || calledBack < cases/2 || reviewed == 0 {
				t.Errorf("ledger: %d cases, %d replied, %d on time, %d called back, %d reviewed", cases, replied, onTime, calledBack, reviewed)
			}
			q, err := a.Appeals.DispatcherQueues(ctx)
			if err != nil || q.Overdue.Total == 0 {
				t.Errorf("no overdue case on the dispatcher's console: %v", err)
			}

			st, err := a.Survey.Structure(ctx, demo.CampaignCode)
			if err != nil || st.ScoringHotline() == nil {
				t.Fatalf("the 2026 campaign has no hotline component: %v", err)
			}
			if prev, _ := a.Survey.Structure(ctx, demo.PreviousCode); prev.ScoringHotline() != nil {
				t.Error("the 2025 campaign weighs a ledger that began in 2026")
			}
			_, res, err := a.Results.Create(ctx, demo.CampaignCode, audit.Actor{Login: "demo"})
			if err != nil {
				t.Fatal(err)
			}
			withHotline := 0
			for _, u := range res.Units {
				if u.Components != nil && u.Components.Hotline.Score != nil {
					withHotline++
				}
			}
			if withHotline < 70 {
				t.Errorf("%d of 82 units have a hotline score", withHotline)
			}
			var table strings.Builder
			if err := scoring.WriteTable(&table, res, nil); err != nil || !strings.Contains(table.String(), "热线得分") {
				t.Errorf("the table does not show the hotline score: %v", err)
			}
		})
	}
}
