package demo

import (
	"context"
	"time"

	"pingyi/app"
	"pingyi/appeals"
	"pingyi/i18n"
	"pingyi/survey"
)

// The demo's appeals ledger (诉求台账): a few thousand synthetic hotline,
// web, window and letter cases received since 1 January for the 82 units,
// most replied in time and called back, some overdue, extended or
// reviewed; and the 2026 campaign's index weighs the hotline assessment
// beside the survey (SPEC Scoring step 8), as Jinan judges its departments
// by its survey and its 12345 hotline together.

// LedgerCases is how many cases the demo ledger holds; LedgerSeed makes it
// the same on every load.
const (
	LedgerCases = 4000
	LedgerSeed  = 12345
)

// Year is the demo campaign's year, which the ledger spans.
const Year = 2026

// DispatcherLogin is the demo's dispatcher (派单员) of the appeals centre.
const DispatcherLogin = "paidan1"

// hotlineComponent gives a definition the demo's hotline component: the
// survey weighs 0.8 and the hotline 0.2 (SPEC's example), over the cases
// received in the campaign's year.
func hotlineComponent(d *survey.Definition) {
	d.Components = map[string]float64{survey.ComponentSurvey: 0.8, survey.ComponentHotline: 0.2}
	d.Hotline = &survey.HotlineDef{From: "2026-01-01", To: "2027-01-01", MinCases: ptr(20),
		Rates: map[string]float64{"response": 0.1, "on_time": 0.3, "resolution": 0.3, "satisfaction": 0.3}}
}

// loadLedger writes the synthetic ledger for the campaign's units, as of
// the start of today (China time), so that two loads on one day write the
// same ledger. Before the year has begun there is nothing to write.
//
// The ledger is one transaction, written once: a resumed load finds it.
func loadLedger(ctx context.Context, a *app.App, st *survey.Structure) error {
	now := ledgerNow(a)
	if !ledgerDue(a) {
		return nil
	}
	if n, err := a.Appeals.Count(ctx); n > 0 || err != nil {
		return err
	}
	units := make([]string, len(st.Units))
	for i, u := range st.Units {
		units[i] = u.Code
	}
	_, err := a.Appeals.Generate(ctx, appeals.SyntheticLedger{Units: units, Year: st.Campaign.Year, Cases: LedgerCases,
		Seed: LedgerSeed, Now: now}, loader)
	if err != nil {
		return err
	}
	return afterStep("appeals ledger")
}

// ledgerNow is the moment the ledger is written as of: the start of today,
// China time.
func ledgerNow(a *app.App) time.Time {
	y, m, d := a.DB.Now().In(i18n.China).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, i18n.China)
}

// ledgerDue reports whether the demo campaign's year has begun, so that
// the ledger has cases to hold.
func ledgerDue(a *app.App) bool {
	return ledgerNow(a).After(time.Date(Year, 1, 1, 0, 0, 0, 0, i18n.China))
}
