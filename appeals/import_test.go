package appeals_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"pingyi/appeals"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/tabular"
)

func importCSV(f *fixture, source, body string, mapping map[string]string) (appeals.ImportResult, error) {
	return importFrom(f, strings.NewReader(body), source, mapping)
}

func importFrom(f *fixture, src io.ReadSeeker, source string, mapping map[string]string) (appeals.ImportResult, error) {
	return f.store.Import(context.Background(), src, tabular.CSV, source, mapping, audit.CLI)
}

func caseCount(t *testing.T, db *storage.DB) int64 {
	var n int64
	must(t, db.Gorm.Table("appeal_cases").Count(&n).Error)
	return n
}

func TestImportAddsThenUpdatesCases(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		f.clock.set("2026-04-20 00:00")
		// Columns in any order, Chinese headers, dates with and without seconds.
		file := "承办单位,工单编号,受理时间,诉求类型,签收时间,办结时间,是否解决,回访结果,延期至,难易程度\n" +
			"城东派出所,H001,2026-03-02 09:00,投诉,2026-03-03 10:00,2026-03-04 10:00:00,是,满意,,\n" + // in time, on time
			"U1-1,H002,2026-03-02 09:00,求助,2026-03-04 10:00,2026-03-09 10:00,否,不满意,2026-03-10,\n" + // late; extended
			"U1-1,H003,2026-03-02 09:00,咨询,,,,,,复杂\n" + // never accepted; 15 days: deadline 23 March
			"U2,H004,2026-03-02T09:00:00+08:00,建议,2026-03-02 10:00,2026-03-06 10:00,是,未联系上,,\n"
		res, err := importCSV(f, "12345", file, nil)
		must(t, err)
		if res.Rows != 4 || res.Created != 4 || res.Updated != 0 {
			t.Errorf("first import: %+v", res)
		}
		rates, err := f.store.Rates(context.Background(), at("2026-03-01 00:00"), at("2026-04-01 00:00"), at("2026-04-20 00:00"), false)
		must(t, err)
		got := map[string]string{}
		for _, r := range rates {
			got[r.Unit] = counts(r)
		}
		// H002's extension makes its reply on time; H003's deadline passed unreplied.
		if got["U1-1"] != "3 1/3 2/3 1/2 1/2 0/0" || got["U2"] != "1 1/1 0/1 1/1 0/0 0/0" {
			t.Errorf("rates after import: %v", got)
		}
		// Re-importing updates: H003 now replied; the same number from another platform is another case.
		res, err = importCSV(f, "12345", "工单编号,受理时间,承办单位,签收时间,办结时间,是否解决\n"+
			"H003,2026-03-02 09:00,U1-1,2026-03-02 10:00,2026-03-05 10:00,是\n", nil)
		must(t, err)
		if res.Created != 0 || res.Updated != 1 {
			t.Errorf("re-import: %+v", res)
		}
		res, err = importCSV(f, "minsheng", "case_no,received_at,unit\nH003,2026-03-02 09:00,U2\n", nil)
		must(t, err)
		if res.Created != 1 || caseCount(t, db) != 5 {
			t.Errorf("another platform's H003: %+v, %d cases", res, caseCount(t, db))
		}
		rates, _ = f.store.Rates(context.Background(), at("2026-03-01 00:00"), at("2026-04-01 00:00"), at("2026-04-20 00:00"), false)
		got = map[string]string{}
		for _, r := range rates {
			got[r.Unit] = counts(r)
		}
		// The re-import had no 回访结果 column: H003's satisfaction is unknown, so it leaves that
		// rate (it had no callback anyway); minsheng's H003 has no acceptance, reply or
		// callback columns, so it enters no rate but counts as a case.
		if got["U1-1"] != "3 2/3 3/3 2/3 1/2 0/0" || got["U2"] != "2 1/1 0/1 1/1 0/0 0/0" {
			t.Errorf("rates after the updates: %v", got)
		}
		// A re-import that moves H004 to another unit and month moves it in
		// the totals kept by month: they give what its cases' patterns give.
		_, err = importCSV(f, "12345", "工单编号,受理时间,承办单位,签收时间,办结时间,是否解决\n"+
			"H004,2026-04-01 09:00,U1-1,2026-04-01 10:00,2026-04-02 10:00,否\n", nil)
		must(t, err)
		for _, asOf := range []string{"2026-03-03 00:00", "2026-04-20 00:00"} {
			for _, byMonth := range []bool{false, true} {
				totals, err := f.store.Rates(context.Background(), at("2026-03-01 00:00"), at("2026-05-01 00:00"), at(asOf), byMonth)
				must(t, err)
				patterns, err := f.store.RatesByPattern(context.Background(), at("2026-03-01 00:00"), at("2026-05-01 00:00"), at(asOf), byMonth)
				must(t, err)
				if ratesText(totals) != ratesText(patterns) || !strings.Contains(ratesText(patterns), "U1-1") {
					t.Errorf("as of %s, by month %v:\n totals   %s\n patterns %s", asOf, byMonth, ratesText(totals), ratesText(patterns))
				}
			}
		}
	})
}

// onlySeeker hides a reader's ReadAt, so an import checks the file before
// it writes rather than beside.
type onlySeeker struct{ io.ReadSeeker }

// A bad file is refused whole, with every problem named, whether the check
// runs beside the writing (a file that can be read at any offset) or before.
func TestImportRefusesABadFileWhole(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		for _, beside := range []bool{true, false} {
			t.Run(map[bool]string{true: "checked beside", false: "checked before"}[beside], func(t *testing.T) {
				refuseBadFile(t, db, f, beside)
			})
		}
	})
}

func refuseBadFile(t *testing.T, db *storage.DB, f *fixture, beside bool) {
	reader := func(body string) io.ReadSeeker {
		if beside {
			return strings.NewReader(body)
		}
		return onlySeeker{strings.NewReader(body)}
	}
	var good strings.Builder // enough rows after the bad ones for the writing to stop early
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&good, "G%d,2026-03-02 09:00,U1,投诉,,\n", i)
	}
	file := "工单编号,受理时间,承办单位,诉求类型,办结时间,回访结果\n" +
		"H001,2026-03-02 09:00,U1,投诉,2026-03-04 10:00,满意\n" + // fine
		"H002,2026-03-02 09:00,市教育局,投诉,,\n" + // unknown unit
		"H003,3月2日,U1,投诉,,\n" + // bad date
		"H004,2026-03-02 09:00,U1,投诉,2026-03-01 10:00,\n" + // a reply before its receipt
		"H005,2026-03-02 09:00,U1,抱怨,2026-03-04 10:00,还行\n" + // bad type and callback
		"H001,2026-03-02 09:00,U1,投诉,,\n" + // the same number twice
		good.String()
	_, err := importFrom(f, reader(file), "12345", nil)
	e, ok := fault.As(err)
	if !ok {
		t.Fatalf("want a refusal, got %v", err)
	}
	want := []string{"line 3, column 承办单位", "line 4, column 受理时间", "line 5, column 办结时间",
		"line 6, column 诉求类型", "line 6, column 回访结果", "line 7"}
	var paths []string
	for _, p := range e.Problems {
		paths = append(paths, p.Path)
	}
	if strings.Join(paths, "|") != strings.Join(want, "|") {
		t.Errorf("problems at %v, want %v\n%v", paths, want, err)
	}
	if n := caseCount(t, db); n != 0 {
		t.Errorf("%d cases written from a refused file", n)
	}
	_, err = importFrom(f, reader("工单编号,承办单位\nH1,U1\n"), "12345", nil)
	if !fault.Is(err, fault.Invalid) || !strings.Contains(err.Error(), "受理时间") {
		t.Errorf("a file without 受理时间: %v", err)
	}
}

func TestImportMappingRenamesColumns(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		res, err := importCSV(f, "12345", "单号,登记时间,责任单位\nX1,2026-03-02 09:00,市税务局\n",
			map[string]string{"单号": "case_no", "登记时间": "受理时间", "责任单位": "unit"})
		must(t, err)
		if res.Created != 1 {
			t.Errorf("mapped import: %+v", res)
		}
	})
}

// More rows than one statement carries on MariaDB: full batches go through
// the prepared statement, the rest through a statement of their own. (On
// SQLite rows go one by one; storage's TestUpserterStoresWhatParametersStore
// spans several batches.)
func TestImportManyRowsAndReimport(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		units := bigRegister()
		store := benchStore(t, db, units)
		path := writeLedgerFile(t, 1234, units)
		for round, want := range []appeals.ImportResult{{Rows: 1234, Created: 1234}, {Rows: 1234, Updated: 1234}} {
			f, err := os.Open(path)
			must(t, err)
			res, err := store.Import(context.Background(), f, tabular.CSV, "12345", nil, audit.CLI)
			f.Close()
			must(t, err)
			if res != want {
				t.Errorf("round %d: %+v, want %+v", round+1, res, want)
			}
		}
		var replied, marked int64
		db.Gorm.Table("appeal_cases").Where("replied_at IS NOT NULL").Count(&replied)
		db.Gorm.Table("appeal_cases").Where("resolution_den_us IS NOT NULL").Count(&marked)
		if caseCount(t, db) != 1234 || replied == 0 || replied != marked {
			t.Errorf("%d cases, %d replied, %d in the resolution rate", caseCount(t, db), replied, marked)
		}
	})
}

// TestImportStopsWhenTheDatabaseRefuses makes the database refuse a row
// that several statements come before and after (a trigger, standing for
// any failed write): the import returns that refusal and writes nothing,
// while its encoder, which runs ahead of the writing, stops.
func TestImportStopsWhenTheDatabaseRefuses(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		storagetest.RefuseInsert(t, db, "appeal_cases", "source_no", "G25000", "refused by the test")
		var file strings.Builder
		file.WriteString("工单编号,受理时间,承办单位\n")
		for i := 0; i < 35000; i++ {
			fmt.Fprintf(&file, "G%d,2026-03-02 09:00,U1\n", i)
		}
		_, err := importCSV(f, "12345", file.String(), nil)
		if err == nil || !strings.Contains(err.Error(), "refused by the test") {
			t.Fatalf("want the database's refusal, got %v", err)
		}
		if n := caseCount(t, db); n != 0 {
			t.Errorf("%d cases written by an import that failed", n)
		}
	})
}
