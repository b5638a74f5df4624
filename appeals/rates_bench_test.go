package appeals_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"pingyi/appeals"
	"pingyi/cputime"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// BenchmarkRates computes the rates of the 3,700 units over a year of
// benchRows() cases, per unit and per unit and month. SPEC: 5,000,000
// cases in under 2 s. The ledger is generated once per back end and size
// and kept (see benchLedger), so measuring again costs only the scans.
func BenchmarkRates(b *testing.B) {
	units := bigRegister()
	for _, d := range storagetest.Backends() {
		b.Run(string(d), func(b *testing.B) {
			db := benchLedger(b, d, benchRows(), units)
			store := benchStore(b, db, units)
			from, to := at("2026-01-01 00:00"), at("2027-01-01 00:00")
			for _, byMonth := range []bool{false, true} {
				b.Run(fmt.Sprintf("by_month=%v", byMonth), func(b *testing.B) {
					cpu := cputime.Start()
					for i := 0; i < b.N; i++ {
						rates, err := store.Rates(context.Background(), from, to, to, byMonth)
						if err != nil {
							b.Fatal(err)
						}
						if len(rates) < 370 {
							b.Fatalf("%d units with rates", len(rates))
						}
					}
					cpu.Report(b) // this process's: all of SQLite's work, only the client's of MariaDB's
				})
			}
		})
	}
}

// benchLedgerVersion names the generator below; change it whenever the
// generated rows change, so no kept database of the old shape is measured.
const benchLedgerVersion = 1

// benchLedger returns a database holding n imported cases over 2026 for the
// register's units, generating them on first use and keeping them (in the
// temporary directory for SQLite, as a database of the test server for
// MariaDB). Importing a file of 5,000,000 rows took over twelve minutes
// before the first scan; the database writes rows of the same shape itself
// in 8 minutes (SQLite) and 12½ (MariaDB) on a machine at load 15–25, once.
func benchLedger(b *testing.B, d storage.Dialect, n int, units register) *storage.DB {
	name := fmt.Sprintf("pingyi_bench_rates_v%d_%d", benchLedgerVersion, n)
	db := storagetest.Kept(b, d, name)
	var have int64
	if err := db.Gorm.Raw("SELECT COUNT(*) FROM appeal_cases").Scan(&have).Error; err != nil {
		b.Fatal(err)
	}
	if have == int64(n) {
		return db
	}
	if have != 0 { // an interrupted generation
		db.Close()
		storagetest.Forget(b, d, name)
		db = storagetest.Kept(b, d, name)
	}
	began := time.Now()
	if err := generateLedger(b, db, n, units); err != nil {
		storagetest.Forget(b, d, name)
		b.Fatal(err)
	}
	b.Logf("generated %d cases in %s (kept as %s)", n, time.Since(began).Round(time.Second), name)
	return db
}

// generateLedger writes n cases with the rate marks an import of
// writeLedgerFile's orders would give them, each unit's share (n / units,
// one more for the first n % units) in one go, in statements of about
// 25,000 rows (a sort MariaDB keeps in memory) that the database fills
// from small tables of digits, units and months, so no row crosses the
// connection. Rows go in in the order of the rates' index: into SQLite's
// small page cache, rows in a random order made every insert a page read,
// and 5,000,000 would have taken most of an hour. The calendar is
// simplified (acceptance due 36 hours and the reply five days after
// receipt, weekends not counted): the rates read only the marks, and these
// have the import's shape — 90% accepted, 72% replied, half resolved, four
// in five of those called back, no reviews.
func generateLedger(tb testing.TB, db *storage.DB, n int, units register) error {
	perUnit, extra := n/len(units), n%len(units)
	digits := len(strconv.Itoa(perUnit)) // enough to count to perUnit (+1)
	helpers := []string{
		"CREATE TABLE bench_digits (d BIGINT NOT NULL)",
		"INSERT INTO bench_digits (d) VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)",
		"CREATE TABLE bench_units (k BIGINT NOT NULL, code VARCHAR(64) NOT NULL, cases BIGINT NOT NULL)",
		"CREATE TABLE bench_months (k BIGINT NOT NULL, start_us BIGINT NOT NULL, len_s BIGINT NOT NULL, yyyymm BIGINT NOT NULL)",
	}
	var months []string
	for m := 0; m < 12; m++ {
		start := time.Date(2026, time.Month(m+1), 1, 0, 0, 0, 0, chinaForBench)
		end := start.AddDate(0, 1, 0)
		months = append(months, fmt.Sprintf("(%d,%d,%d,%d)", m, start.UnixMicro(), int64(end.Sub(start).Seconds()), 202601+m))
	}
	helpers = append(helpers, "INSERT INTO bench_months (k, start_us, len_s, yyyymm) VALUES "+strings.Join(months, ","))
	for lo := 0; lo < len(units); lo += 500 {
		var vals []string
		for k := lo; k < min(lo+500, len(units)); k++ {
			vals = append(vals, fmt.Sprintf("(%d,'%s',%d)", k, units[k].Code, perUnit+boolInt(k < extra)))
		}
		helpers = append(helpers, "INSERT INTO bench_units (k, code, cases) VALUES "+strings.Join(vals, ","))
	}
	for _, q := range helpers {
		if err := db.Gorm.Exec(q).Error; err != nil {
			return err
		}
	}
	var from, counter []string
	for i := 0; i < digits; i++ {
		from = append(from, fmt.Sprintf("bench_digits d%d", i))
		counter = append(counter, fmt.Sprintf("%d * d%d.d", pow10(i), i))
	}
	query := fmt.Sprintf(generateCasesSQL, perUnit+1, strings.Join(counter, " + "), strings.Join(from, ", "))
	step := max(1, 25_000/(perUnit+1))
	for lo := 0; lo < len(units); lo += step {
		if err := db.Gorm.Exec(query, map[string]any{"lo": lo, "hi": lo + step}).Error; err != nil {
			return err
		}
	}
	for _, t := range []string{"bench_digits", "bench_units", "bench_months"} {
		if err := db.Gorm.Exec("DROP TABLE " + t).Error; err != nil {
			return err
		}
	}
	if err := settleLedger(db); err != nil {
		return err
	}
	// The rows went in by SQL, past the code that keeps the rate totals:
	// migration 0126 sums them, as it does for a ledger it finds.
	migrateAgainFrom(tb, db, 126)
	return nil
}

// settleLedger gives the generated cases their settled pattern, as
// migration 0093 gave the cases it found: the latest mark, and a bit for
// each mark present (these cases are all assigned, never reviewed, and
// called back once at most).
func settleLedger(db *storage.DB) error {
	q := []string{"UPDATE appeal_cases SET final_us = received_us"}
	for _, mark := range []string{"response_den_us", "response_num_us", "on_time_den_us", "on_time_num_us",
		"resolution_den_us", "resolution_num_us", "callback_us"} {
		q = append(q, fmt.Sprintf("UPDATE appeal_cases SET final_us = %[1]s WHERE %[1]s > final_us", mark))
	}
	q = append(q, `UPDATE appeal_cases SET pattern = 1
 + CASE WHEN response_num_us IS NULL THEN 0 ELSE 2 END + CASE WHEN response_den_us IS NULL THEN 0 ELSE 4 END
 + CASE WHEN on_time_num_us IS NULL THEN 0 ELSE 8 END + CASE WHEN on_time_den_us IS NULL THEN 0 ELSE 16 END
 + CASE WHEN resolution_num_us IS NULL THEN 0 ELSE 32 END + CASE WHEN resolution_den_us IS NULL THEN 0 ELSE 64 END
 + CASE WHEN callback_us IS NULL THEN 0 WHEN callback_score = 2 THEN 384 WHEN callback_score = 1 THEN 256 ELSE 0 END`)
	for _, s := range q {
		if err := db.Gorm.Exec(s).Error; err != nil {
			return err
		}
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func pow10(i int) int {
	p := 1
	for ; i > 0; i-- {
		p *= 10
	}
	return p
}

// generateCasesSQL writes the cases of units @lo to @hi-1, each case j of
// unit k numbered k * %[1]d + j (j counted by %[2]s over %[3]s). Each draw
// is a multiplicative hash of that number, the same on both back ends;
// times are microseconds, days 86,400,000,000 of them.
const generateCasesSQL = `
INSERT INTO appeal_cases (source, source_no, channel, kind, complexity, content, status,
 received_at, received_month, unit, assigned_at, created_at, updated_at,
 received_us, assigned_us, response_den_us, response_num_us, on_time_den_us, on_time_num_us,
 resolution_den_us, resolution_num_us, callback_us, callback_score)
SELECT '12345', CAST(10000000000 + n AS CHAR), 'hotline', '咨询', 'simple', '', 'replied',
 '2026-01-01 00:00:00', yyyymm, code, '2026-01-01 00:00:00', '2026-01-01 00:00:00', '2026-01-01 00:00:00',
 r, r,
 CASE WHEN acc < r + 129600000000 THEN acc ELSE r + 129600000000 END,
 CASE WHEN acc <= r + 129600000000 THEN acc END,
 CASE WHEN rep < r + 432000000000 THEN rep ELSE r + 432000000000 END,
 CASE WHEN rep <= r + 432000000000 THEN rep END,
 rep,
 CASE WHEN resolved = 1 THEN rep END,
 CASE WHEN cb < 4 THEN rep + 259200000000 END,
 CASE WHEN rep IS NULL THEN NULL WHEN cb < 2 THEN 2 WHEN cb = 2 THEN 1 WHEN cb = 3 THEN 0 END
FROM (
 SELECT n, k, yyyymm, code, r, resolved, cb,
  CASE WHEN h3 %% 10 > 0 THEN r + (h4 %% 172800) * 1000000 END AS acc,
  CASE WHEN h3 %% 10 > 0 AND h5 %% 10 > 1 THEN r + (h6 %% 691200) * 1000000 END AS rep
 FROM (
  SELECT n, draws.k AS k, m.yyyymm, code, m.start_us + (h2 %% m.len_s) * 1000000 AS r, h3, h4, h5, h6,
   h7 %% 2 AS resolved, h8 %% 5 AS cb
  FROM (
   SELECT n, k, code,
    (n * 2654435761 + 1) %% 4294967291 AS h0,
    (n * 3266489917 + 3) %% 4294967291 AS h2, (n * 668265263 + 4) %% 4294967291 AS h3,
    (n * 374761393 + 5) %% 4294967291 AS h4, (n * 1103515245 + 6) %% 4294967291 AS h5,
    (n * 1597334677 + 7) %% 4294967291 AS h6, (n * 3812015801 + 8) %% 4294967291 AS h7,
    (n * 2147483629 + 9) %% 4294967291 AS h8
   FROM (
    SELECT u.k * %[1]d + j AS n, u.k AS k, u.code AS code
    FROM bench_units u, (SELECT %[2]s AS j FROM %[3]s) counter
    WHERE u.k >= @lo AND u.k < @hi AND j < u.cases
   ) numbers
  ) draws
  JOIN bench_months m ON m.k = draws.h0 %% 12
 ) received
) stages
ORDER BY k, r`

// TestBenchLedgerShape keeps the benchmark's generator working as the
// table changes, and its ledger shaped as its comment says.
func TestBenchLedgerShape(t *testing.T) {
	units := bigRegister()
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		const n = 3 * 3700
		if err := generateLedger(t, db, n, units); err != nil {
			t.Fatal(err)
		}
		store := benchStore(t, db, units)
		from, to := at("2026-01-01 00:00"), at("2027-01-01 00:00")
		rates, err := store.Rates(context.Background(), from, to, at("2027-03-01 00:00"), false)
		if err != nil {
			t.Fatal(err)
		}
		var all appeals.UnitRates
		for _, r := range rates {
			if !strings.Contains(r.Unit, "-") { // departments hold their stations' cases
				all.Cases += r.Cases
				all.Response.Num, all.Response.Den = all.Response.Num+r.Response.Num, all.Response.Den+r.Response.Den
				all.Resolution.Num, all.Resolution.Den = all.Resolution.Num+r.Resolution.Num, all.Resolution.Den+r.Resolution.Den
				all.Satisfaction.Num, all.Satisfaction.Den = all.Satisfaction.Num+r.Satisfaction.Num, all.Satisfaction.Den+r.Satisfaction.Den
			}
		}
		share := func(r appeals.Rate) float64 { return float64(r.Num) / float64(r.Den) }
		// Accepted within 48 hours for 90%, due at 36: 90% × 3/4 in time.
		// Replied: 72% of all; half of them resolved; 满意 or 基本满意 in
		// two of the three reached callbacks.
		checks := []struct {
			what      string
			got, want float64
		}{
			{"cases", float64(all.Cases), n},
			{"response", share(all.Response), 0.675},
			{"replied", float64(all.Resolution.Den) / n, 0.72},
			{"resolution", share(all.Resolution), 0.5},
			{"satisfaction", share(all.Satisfaction), 2.0 / 3},
		}
		for _, c := range checks {
			if c.got < c.want*0.95 || c.got > c.want*1.05 {
				t.Errorf("%s = %.3f, want about %.3f", c.what, c.got, c.want)
			}
		}
	})
}
