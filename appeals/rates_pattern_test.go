package appeals_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"pingyi/appeals"
	"pingyi/migrations"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// TestSettledPatternsCountAsTheMarks checks the rates counted by settled
// pattern, and from the totals kept by month, against the same rates from
// every case's marks, as of moments before, at, between and after the
// marks of a worked ledger and of a synthetic one.
func TestSettledPatternsCountAsTheMarks(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ledgerScenario(t, f)
		samePatternRates(t, f, at("2026-02-01 00:00"), at("2026-04-01 00:00"), 0)

		f = newFixture(t, storagetest.Open(t, db.Dialect))
		f.clock.set("2026-11-20 10:00")
		spec := appeals.SyntheticLedger{Units: []string{"U1", "U1-1", "U1-1-1", "U1-2", "U2"}, Year: 2026, Cases: 1500,
			Seed: 11, Now: at("2026-11-20 10:00")}
		_, err := f.store.Generate(context.Background(), spec, dispatcher)
		must(t, err)
		samePatternRates(t, f, at("2026-01-01 00:00"), at("2027-01-01 00:00"), 30)
	})
}

// samePatternRates compares the three ways, over whole months, as of the
// ledger's distinct marks (samples of them, evenly spread; 0 for all), a
// microsecond before and after each, and a day before the first and
// after the last.
func samePatternRates(t *testing.T, f *fixture, from, to time.Time, samples int) {
	t.Helper()
	ctx := context.Background()
	var marks []int64
	for _, col := range []string{"received_us", "assigned_us", "response_den_us", "response_num_us", "on_time_den_us",
		"on_time_num_us", "resolution_den_us", "resolution_num_us", "callback_us", "prev_callback_us",
		"settled_den_us", "settled_num_us", "final_us"} {
		var vs []int64
		must(t, f.db.Gorm.Raw(fmt.Sprintf("SELECT %[1]s FROM appeal_cases WHERE %[1]s IS NOT NULL", col)).Scan(&vs).Error)
		marks = append(marks, vs...)
	}
	slices.Sort(marks)
	marks = slices.Compact(marks)
	every := 1
	if samples > 0 {
		every = max(1, len(marks)/samples)
	}
	var moments []int64
	for i := 0; i < len(marks); i += every {
		moments = append(moments, marks[i]-1, marks[i], marks[i]+1)
	}
	moments = append(moments, marks[0]-86_400_000_000, marks[len(marks)-1]+86_400_000_000)
	compared := 0
	for _, m := range moments {
		asOf := time.UnixMicro(m).UTC()
		for _, byMonth := range []bool{false, true} {
			totals, err := f.store.Rates(ctx, from, to, asOf, byMonth)
			must(t, err)
			patterns, err := f.store.RatesByPattern(ctx, from, to, asOf, byMonth)
			must(t, err)
			marks, err := f.store.RatesAllPending(ctx, from, to, asOf, byMonth)
			must(t, err)
			if ratesText(patterns) != ratesText(marks) || ratesText(totals) != ratesText(marks) {
				t.Fatalf("as of %s (by month %v):\n by totals  %s\n by pattern %s\n by marks   %s", asOf, byMonth,
					ratesText(totals), ratesText(patterns), ratesText(marks))
			}
			compared += len(marks)
		}
	}
	if compared == 0 {
		t.Fatal("no rates compared")
	}
}

func ratesText(rates []appeals.UnitRates) string {
	s := ""
	for _, r := range rates {
		s += fmt.Sprintf("[%s %d: %s] ", r.Unit, r.Month, counts(r))
	}
	return s
}

// TestMigrationSettlesAsMarksDo checks that migration 0093 gave the cases
// it found the latest mark and pattern that the code gives them: a
// synthetic ledger, written by the code, is migrated down past 0093 and up
// again.
func TestMigrationSettlesAsMarksDo(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		f.clock.set("2026-11-20 10:00")
		spec := appeals.SyntheticLedger{Units: []string{"U1", "U1-1", "U2"}, Year: 2026, Cases: 600, Seed: 5,
			Now: at("2026-11-20 10:00")}
		_, err := f.store.Generate(ctx, spec, dispatcher)
		must(t, err)
		ledgerScenario(t, f)
		settled := func() string {
			var rows []struct {
				ID      int64
				FinalUs int64
				Pattern int
			}
			must(t, db.Gorm.Raw("SELECT id, final_us, pattern FROM appeal_cases ORDER BY id").Scan(&rows).Error)
			return fmt.Sprint(rows)
		}
		want := settled()
		// The totals the code kept, as migration 0126 sums them from the
		// cases it finds: a unit and month left with nothing are left out,
		// since the code may keep their row at zero.
		totals := func() string {
			var rows []map[string]any
			must(t, db.Gorm.Raw(`SELECT * FROM appeal_rate_totals WHERE cases <> 0 OR response_den <> 0 OR
				on_time_den <> 0 OR resolved_den <> 0 OR satisfied_den <> 0 OR settled_den <> 0
				ORDER BY unit, received_month`).Scan(&rows).Error)
			return fmt.Sprint(rows)
		}
		wantTotals := totals()
		if len(wantTotals) < 100 {
			t.Fatalf("the ledger kept almost no totals: %s", wantTotals)
		}
		migrateAgainFrom(t, db, 93)
		if got := settled(); got != want {
			t.Errorf("after migration 0093:\n%s\nwritten by the code:\n%s", got, want)
		}
		if got := totals(); got != wantTotals {
			t.Errorf("after migration 0126:\n%s\nkept by the code:\n%s", got, wantTotals)
		}
	})
}

// migrateAgainFrom reverts the migrations from version on and applies them
// again, so that each fills what it adds from the rows it finds.
func migrateAgainFrom(tb testing.TB, db *storage.DB, version int) {
	tb.Helper()
	all, err := migrations.All()
	must(tb, err)
	steps := 0
	for _, m := range all {
		if m.Version >= version {
			steps++
		}
	}
	ctx := context.Background()
	_, err = migrations.Down(ctx, db, steps)
	must(tb, err)
	_, err = migrations.Up(ctx, db)
	must(tb, err)
}
