package app_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"pingyi/app"
	"pingyi/audit"
	"pingyi/demo"
	"pingyi/phone"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// A publication's method states the phone survey's outcome rates: the
// demo's interviews (imported naming their cases) from the start, and
// every call recorded since.
func TestPublicationsCarryThePhoneRates(t *testing.T) {
	cfg := app.Default()
	cfg.DB = storagetest.DSN(t, storage.SQLite)
	cfg.SecretKey = strings.Repeat("5a", 32)
	a, err := app.Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), true)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ctx := context.Background()
	// Calling hours are China time; fix the clock at 10:00 there.
	a.DB.Now = func() time.Time { return time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC) }
	if _, err := demo.Load(ctx, a); err != nil {
		t.Fatal(err)
	}
	rates := app.PhoneRatesOf(a)
	before, err := rates.PhoneRates(ctx, demo.CampaignCode)
	if err != nil || before == nil || before.Interviews < 300 || *before.Rates["RR1"] <= 0 || *before.Rates["REF1"] != 0 {
		t.Fatalf("the demo's interviews: %+v %v", before, err)
	}
	op, _ := a.Accounts.ByLogin(ctx, "diaocha1")
	for _, disposition := range []string{"2.111", "4.30", "3.13"} {
		c, err := a.Phone.Next(ctx, demo.CampaignCode, audit.Actor{ID: op.ID})
		if err != nil || c == nil {
			t.Fatalf("next case: %v %v", c, err)
		}
		if _, err := a.Phone.Record(ctx, demo.CampaignCode, audit.Actor{ID: op.ID}, c.ID, phoneOutcome(disposition)); err != nil {
			t.Fatalf("record %s: %v", disposition, err)
		}
	}
	r, err := rates.PhoneRates(ctx, demo.CampaignCode)
	if err != nil || r == nil {
		t.Fatalf("after three calls: %v", err)
	}
	if r.Cases != before.Cases || r.Interviews != before.Interviews || r.Rates["RR1"] == nil || *r.Rates["RR1"] <= 0 || r.Rates["REF1"] == nil || *r.Rates["REF1"] <= 0 {
		t.Fatalf("rates: cases %d, interviews %d, RR1 %v (before %v), REF1 %v", r.Cases, r.Interviews, *r.Rates["RR1"], *before.Rates["RR1"], *r.Rates["REF1"])
	}
}

func phoneOutcome(d string) phone.Outcome { return phone.Outcome{Disposition: d} }
