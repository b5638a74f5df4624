package appeals

import (
	"context"
	"database/sql"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// maxRateScans bounds how many queries read the rates at once.
const maxRateScans = 8

// scanRates counts the settled cases (settledSQL) in several queries at
// once, each over its own range of unit codes, and the pending ones
// (pendingSQL) in one more beside them: one query is one core of the
// database's, and a year of a big city's cases keeps a core busy for
// seconds (measured: 5,000,000 cases cost about 5 CPU-s on SQLite).
// The queries do not share a snapshot: a case written while they run may
// count in one unit and not yet in another's range, as it would in a
// report read a moment earlier or later.
func (s *Store) scanRates(ctx context.Context, us *units, args map[string]any) ([]rateCounts, error) {
	var pending []rateCounts
	var pendingErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		pending, pendingErr = s.readRateCounts(ctx, pendingSQL, args, scanPending)
	}()
	bounds := rateScanBounds(us, min(maxRateScans, runtime.GOMAXPROCS(0)))
	settled, err := s.rateScans(ctx, args, bounds)
	if err == nil && len(bounds) > 1 && overlapping(settled) {
		// The database orders codes otherwise than Go (a case-insensitive
		// collation): the ranges overlapped, so one query reads them all.
		settled, err = s.rateScans(ctx, args, [][2]string{{"", ""}})
	}
	<-done
	if err == nil {
		err = pendingErr
	}
	return append(settled, pending...), err
}

// rateScans runs settledSQL once per range, at once, and returns all their rows.
func (s *Store) rateScans(ctx context.Context, args map[string]any, bounds [][2]string) ([]rateCounts, error) {
	parts := make([][]rateCounts, len(bounds))
	errs := make([]error, len(bounds))
	var wg sync.WaitGroup
	for i, b := range bounds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			part := map[string]any{"lo": b[0], "hi": b[1]}
			for k, v := range args {
				part[k] = v
			}
			parts[i], errs[i] = s.readRateCounts(ctx, settledSQL, part, scanSettled)
		}()
	}
	wg.Wait()
	var out []rateCounts
	for i := range parts {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out = append(out, parts[i]...)
	}
	return out, nil
}

// overlapping reports a unit and month that two ranges both read. Every code falls in some range whatever order the database
// compares codes in, but only in one when it is Go's (byte order, SQLite's
// BINARY).
func overlapping(rows []rateCounts) bool {
	type key struct {
		unit  string
		month int
	}
	seen := make(map[key]bool, len(rows))
	for _, r := range rows {
		k := key{strings.ToLower(r.Unit), r.Month}
		if seen[k] {
			return true
		}
		seen[k] = true
	}
	return false
}

// rateScanBounds cuts the unit codes into n ranges [lo, hi), "" for no
// upper bound; the first starts at "", below every code.
func rateScanBounds(us *units, n int) [][2]string {
	codes := make([]string, 0, len(us.byCode))
	for c := range us.byCode {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	n = max(1, min(n, len(codes)))
	out := make([][2]string, 0, n)
	lo := ""
	for i := 1; i < n; i++ {
		hi := codes[i*len(codes)/n]
		out = append(out, [2]string{lo, hi})
		lo = hi
	}
	return append(out, [2]string{lo, ""})
}

// readRateCounts runs one scan and reads its rows with scan, column by
// column, adding up the rows of one unit and month as they come: a year by
// month is a million rows, which gorm's Scan, matching columns to fields
// by reflection row after row, would take seconds to read. scan reads the
// unit's code into unit, without a string per row, and says whether the
// row counts. Rows of no unit (never assigned: NULL, or empty from
// pendingSQL) are left out.
func (s *Store) readRateCounts(ctx context.Context, query string, args map[string]any,
	scan func(rows *sql.Rows, unit *sql.RawBytes) (rateCounts, bool, error)) ([]rateCounts, error) {
	rows, err := s.db.WithContext(ctx).Raw(query, args).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []rateCounts
	var unit sql.RawBytes
	for rows.Next() {
		r, ok, err := scan(rows, &unit)
		if err != nil {
			return nil, err
		}
		if !ok || len(unit) == 0 {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Month == r.Month && out[n-1].Unit == string(unit) {
			out[n-1].add(r)
			continue
		}
		r.Unit = string(unit)
		out = append(out, r)
	}
	return out, rows.Err()
}

// scanSettled reads a row of settledSQL; a pattern of cases never
// assigned does not count.
func scanSettled(rows *sql.Rows, unit *sql.RawBytes) (rateCounts, bool, error) {
	var month, pattern int
	var n int64
	if err := rows.Scan(unit, &month, &pattern, &n); err != nil {
		return rateCounts{}, false, err
	}
	return patternCounts(month, pattern, n), pattern&patternAssigned != 0, nil
}

// scanPending reads a row of pendingSQL.
func scanPending(rows *sql.Rows, unit *sql.RawBytes) (rateCounts, bool, error) {
	var r rateCounts
	var sums [10]sql.NullInt64 // SUM over no value at all is NULL
	if err := rows.Scan(unit, &r.Month, &r.Cases, &sums[0], &sums[1], &sums[2], &sums[3], &sums[4],
		&sums[5], &sums[6], &sums[7], &sums[8], &sums[9]); err != nil {
		return r, false, err
	}
	for i, dst := range []*int64{&r.ResponseNum, &r.ResponseDen, &r.OnTimeNum, &r.OnTimeDen, &r.ResolvedNum,
		&r.ResolvedDen, &r.SatisfiedNum, &r.SatisfiedDen, &r.SettledNum, &r.SettledDen} {
		*dst = sums[i].Int64
	}
	return r, true, nil
}
