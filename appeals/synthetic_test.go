package appeals_test

import (
	"context"
	"testing"

	"pingyi/appeals"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

func TestSyntheticLedgerIsVariedAndDeterministic(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		spec := appeals.SyntheticLedger{Units: []string{"U1", "U1-1", "U1-2", "U2"}, Year: 2026, Cases: 2000, Seed: 7,
			Now: at("2026-11-20 10:00")}
		var runs []map[string]string
		for i := 0; i < 2; i++ {
			f := newFixture(t, storagetest.Open(t, db.Dialect))
			f.clock.set("2026-11-20 10:00")
			n, err := f.store.Generate(ctx, spec, dispatcher)
			must(t, err)
			if n != 2000 {
				t.Fatalf("%d cases", n)
			}
			rates, err := f.store.Rates(ctx, at("2026-01-01 00:00"), at("2027-01-01 00:00"), spec.Now, false)
			must(t, err)
			got := map[string]string{}
			for _, r := range rates {
				got[r.Unit] = counts(r)
			}
			runs = append(runs, got)
			var extended, reviewed, rechecked, replied, calledBack int64
			f.db.Gorm.Table("appeal_cases").Where("extension = ?", "approved").Count(&extended)
			f.db.Gorm.Table("appeal_cases").Where("review_level >= 1").Count(&reviewed)
			f.db.Gorm.Table("appeal_cases").Where("review_level = 2").Count(&rechecked)
			f.db.Gorm.Table("appeal_cases").Where("first_replied_at IS NOT NULL").Count(&replied)
			f.db.Gorm.Table("appeal_cases").Where("callback IS NOT NULL").Count(&calledBack)
			q, err := f.store.DispatcherQueues(ctx)
			must(t, err)
			if extended < 50 || reviewed < 20 || rechecked < 3 || float64(calledBack) < 0.8*float64(replied) || q.Overdue.Total < 20 {
				t.Errorf("extended %d, reviewed %d, 复核 %d, called back %d of %d replied, overdue %d",
					extended, reviewed, rechecked, calledBack, replied, q.Overdue.Total)
			}
			t.Logf("extended %d, reviewed %d, 复核 %d, called back %d of %d replied, overdue %d; U1 %s", extended, reviewed, rechecked, calledBack, replied, q.Overdue.Total, got["U1"])
			u1 := got["U1"]
			if u1 == "" || rates[0].Response.Value == nil || rates[0].Satisfaction.Value == nil || rates[0].Settled.Value == nil {
				t.Errorf("rates: %v", got)
			}
		}
		for unit, c := range runs[0] {
			if runs[1][unit] != c {
				t.Errorf("%s: %s, then %s from the same seed", unit, c, runs[1][unit])
			}
		}
	})
}
