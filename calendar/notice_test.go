package calendar_test

import (
	"context"
	"testing"

	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// A year's notice is the library's until an import replaces it; a year
// with neither has no days.
func TestNoticeIsTheLibrarysUntilAnImportReplacesIt(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		days, err := f.cal.Notice(ctx, 2025)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]bool{}
		for i, d := range days {
			kinds[d.Date.Format("2006-01-02")] = d.Holiday
			if i > 0 && !days[i-1].Date.Before(d.Date) {
				t.Fatalf("days out of order at %d", i)
			}
		}
		// National Day 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked.
		if h, ok := kinds["2025-10-01"]; !ok || !h {
			t.Errorf("2025-10-01 is not a holiday of the library's notice")
		}
		if h, ok := kinds["2025-09-28"]; !ok || h {
			t.Errorf("2025-09-28 is not an adjusted working day of the library's notice")
		}
		if _, err := f.importCSV("date,kind,name\n2025-10-01,holiday,国庆节\n2025-10-11,workday,国庆节\n"); err != nil {
			t.Fatal(err)
		}
		days, err = f.cal.Notice(ctx, 2025)
		if err != nil || len(days) != 2 || !days[0].Holiday || days[1].Holiday || days[1].Name != "国庆节" {
			t.Fatalf("2025 after the import: %+v %v", days, err)
		}
		if days, err := f.cal.Notice(ctx, 2095); err != nil || len(days) != 0 {
			t.Errorf("an unknown year: %+v %v", days, err)
		}
	})
}
