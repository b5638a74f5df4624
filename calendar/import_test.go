package calendar_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"pingyi/calendar"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/tabular"
)

func (f *fixture) importCSV(text string) (calendar.Imported, error) {
	return f.cal.Import(context.Background(), strings.NewReader(text), tabular.CSV, admin)
}

func (f *fixture) count(table string) int64 {
	f.t.Helper()
	var n int64
	if err := f.db.Gorm.Table(table).Count(&n).Error; err != nil {
		f.t.Fatal(err)
	}
	return n
}

func TestImportReplacesTheLibrarysYear(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		// A correction of 2026 that keeps only National Day: the Spring
		// Festival of the library's notice is gone with the rest of it.
		got, err := f.importCSV("date,kind,name\n2026-10-01,holiday,国庆节\n2026-10-02,holiday,国庆节\n2026-10-05,holiday,国庆节\n2026-10-10,workday,国庆节\n")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Years, []int{2026}) || !slices.Equal(got.Replaced, []int{2026}) || got.Holidays != 3 || got.Workdays != 1 {
			t.Errorf("import = %+v, want 2026 replaced, 3 holidays and 1 workday", got)
		}
		d := f.load()
		assertDays(t, d, false, "2026-10-01", "2026-10-02", "2026-10-05")
		assertDays(t, d, true, "2026-10-10", "2026-10-06", "2026-02-16", "2026-02-17", "2026-01-02")
		assertDays(t, d, false, "2026-02-14", "2026-01-04", "2026-09-20") // the library's adjusted working days are gone too
		assertDays(t, d, false, "2025-10-01")                             // other years keep the library's notice
		if !d.Known(2026) {
			t.Error("the imported 2026 is not known")
		}
		// A deadline now counts the imported notice.
		// (1, 2 and 5 October off, 3 and 4 a weekend: Tuesday 6, Wednesday 7.)
		at, provisional := d.AddWorkingDays(day("2026-09-30"), 2)
		if want := china("2026-10-08 00:00").UTC(); !at.Equal(want) || provisional {
			t.Errorf("2 working days after 30 Sep 2026: %v (provisional %v), want %v", at, provisional, want)
		}

		// Importing the year again replaces the earlier import as a whole.
		if _, err := f.importCSV("日期,类型,名称\n2026-02-16,放假,春节\n2026-02-14,班,春节\n"); err != nil {
			t.Fatal(err)
		}
		d = f.load()
		assertDays(t, d, false, "2026-02-16", "2026-02-15")
		assertDays(t, d, true, "2026-02-14", "2026-10-01")
		assertDays(t, d, false, "2026-10-10") // a Saturday again
		if n := f.count("calendar_days"); n != 2 {
			t.Errorf("%d imported days stored, want the 2 of the last import", n)
		}

		years, err := f.cal.Years(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var y2026, y2025 calendar.Year
		for _, y := range years {
			switch y.Year {
			case 2026:
				y2026 = y
			case 2025:
				y2025 = y
			}
		}
		if !y2026.Imported || !y2026.InLibrary || y2026.ImportedBy != "admin" || y2026.ImportedAt.IsZero() || y2026.Holidays != 1 || y2026.Workdays != 1 {
			t.Errorf("2026 = %+v, want imported by admin over the library's, 1 holiday and 1 workday", y2026)
		}
		if y2025.Imported || !y2025.InLibrary || y2025.Holidays != 28 || y2025.Workdays != 5 {
			t.Errorf("2025 = %+v, want the library's 28 holidays and 5 workdays", y2025)
		}
		entries, err := f.log.Entries(context.Background(), "calendar.import")
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 2 || entries[0].Actor != "admin" || entries[0].Object != "calendar:2026" {
			t.Errorf("audit entries = %+v, want two imports of 2026 by admin", entries)
		}
	})
}

func TestImportAddsAYearTheLibraryDoesNotHave(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		var file bytes.Buffer
		w, err := tabular.NewWriter(&file, tabular.XLSX)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range [][]string{{"日期", "类型", "名称"}, {"2031/1/1", "休", "元旦"}, {"2031年10月1日", "放假", "国庆节"}, {"2031-10-11", "上班", "国庆节"}} {
			if err := w.Write(row); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		got, err := f.cal.Import(context.Background(), &file, tabular.XLSX, admin)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Years, []int{2031}) || len(got.Replaced) != 0 {
			t.Errorf("import = %+v, want 2031 added, nothing replaced", got)
		}
		d := f.load()
		if !d.Known(2031) || d.Known(2030) || d.Known(2029) {
			t.Error("want 2031 known and the years between the library and it not")
		}
		assertDays(t, d, false, "2031-01-01", "2031-10-01")
		assertDays(t, d, true, "2031-10-11", "2030-10-01" /* no notice: a Tuesday like any other */)
		// Within 2031, deadlines are firm again; across 2030 they are not.
		at, provisional := d.AddWorkingDays(day("2031-12-30"), 1)
		if want := china("2032-01-01 00:00").UTC(); !at.Equal(want) || provisional {
			t.Errorf("1 working day after 30 Dec 2031: %v (provisional %v), want %v", at, provisional, want)
		}
		// From Friday 27 December 2030: Monday 30 and Tuesday 31 December
		// are counted by Monday to Friday, then Thursday 2 January 2031.
		at, provisional = d.AddWorkingDays(day("2030-12-27"), 3)
		if want := china("2031-01-03 00:00").UTC(); !at.Equal(want) || !provisional {
			t.Errorf("3 working days after 27 Dec 2030: %v (provisional %v), want %v, provisional", at, provisional, want)
		}
		// From 31 December 2030, only days of 2031 are counted.
		if _, provisional := d.AddWorkingDays(day("2030-12-31"), 1); provisional {
			t.Error("a deadline counting only days of the imported 2031 is provisional")
		}
	})
}

func TestBadCalendarFileIsRefusedWhole(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		file := "date,kind,name\n" +
			"2027-10-01,holiday,国庆节\n" + // line 2: good
			"2027-13-01,holiday,国庆节\n" + // line 3: no such date
			"2027-10-02,off,国庆节\n" + // line 4: unknown kind
			"2027-10-08,workday,国庆节\n" + // line 5: a Friday
			"2027-10-01,holiday,国庆节\n" // line 6: listed twice
		_, err := f.importCSV(file)
		var e *fault.Error
		if !errors.As(err, &e) || e.Kind != fault.Invalid {
			t.Fatalf("import = %v, want a refusal", err)
		}
		want := map[string]string{
			"line 3, column date": `"2027-13-01" is not a date`,
			"line 4, column kind": `"off" is not a kind of day`,
			"line 5, column kind": "2027-10-08 is not a Saturday or Sunday",
			"line 6, column date": "2027-10-01 is listed twice (first on line 2)",
		}
		if len(e.Problems) != len(want) {
			t.Errorf("problems = %+v, want %d", e.Problems, len(want))
		}
		for _, p := range e.Problems {
			if !strings.Contains(p.Reason.String(), want[p.Path]) || want[p.Path] == "" {
				t.Errorf("problem %s: %q, want %q", p.Path, p.Reason, want[p.Path])
			}
		}
		// Bytes that are neither UTF-8 nor GB18030 (0xFF begins no character
		// of either) are refused, whichever layer names them.
		_, err = f.importCSV("date,kind,name\n2027-10-01,holiday,国庆节\n2027-10-03,holiday,\xff\xfe\n")
		if !fault.Is(err, fault.Invalid) || !strings.Contains(err.Error(), "UTF-8") {
			t.Errorf("a file that is not UTF-8: %v, want a refusal naming UTF-8", err)
		}
		if n := f.count("calendar_days") + f.count("calendar_years") + f.count("audit_log"); n != 0 {
			t.Errorf("%d rows written by refused imports", n)
		}
		if d := f.load(); !d.IsWorkingDay(day("2027-10-08")) || d.IsWorkingDay(day("2027-10-01")) {
			t.Error("the library's 2027 National Day changed after a refused import")
		}
	})
}

func TestCalendarFileWithoutItsColumnsOrDays(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		for _, file := range []string{"day,name\n2027-10-01,国庆节\n", "date,kind,name\n", "date,kind\n2099-01-01,holiday\n3001-01-01,holiday\n"} {
			if _, err := f.importCSV(file); !fault.Is(err, fault.Invalid) {
				t.Errorf("%q: import = %v, want a refusal", file, err)
			}
		}
		if n := f.count("calendar_years"); n != 0 {
			t.Errorf("%d years written by refused imports", n)
		}
	})
}
