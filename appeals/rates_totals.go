package appeals

import (
	"context"
	"strconv"
	"time"

	"pingyi/i18n"
)

// totalsSQL gives the rates over whole months in one statement, so in one
// snapshot of the ledger. appeal_rate_totals (migration 0126, kept by
// appeals/totals.go) holds what every case adds once all its marks have passed:
// its settled pattern, summed per unit and month. From those sums the
// second part takes away, for each case not settled by @settled, what its
// pattern put in and adds what its marks give as of @t. A big city's year
// is 44,000 rows of sums and the few tens of thousands of cases still
// pending, found through appeal_cases_pending, where counting by pattern
// read a million (unit, month, pattern) groups.
var totalsSQL = `
SELECT unit, received_month, cases, response_num, response_den, on_time_num, on_time_den,
 resolved_num, resolved_den, satisfied_num, satisfied_den, settled_num, settled_den
FROM appeal_rate_totals
WHERE received_month >= @first_month AND received_month < @end_month
UNION ALL
SELECT COALESCE(unit, ''), received_month,
 SUM(COALESCE(assigned_us <= @t, 0) - ((pattern & ` + strconv.Itoa(patternAssigned) + `) <> 0))` +
	rateSums(func(t rateTerm) string {
		return "SUM(COALESCE(assigned_us <= @t AND " + t.asOf + ", 0) - ((pattern & " + strconv.Itoa(t.bit) + ") <> 0))"
	}) + `
FROM appeal_cases
WHERE final_us > @settled AND received_us >= @from AND received_us < @to
GROUP BY COALESCE(unit, ''), received_month`

// wholeMonths returns the months (YYYYMM) of from and to when both are the
// first instant of a month in China time, the months the totals are kept by.
func wholeMonths(from, to time.Time) (first, end int, ok bool) {
	for _, t := range []time.Time{from, to} {
		d := t.In(i18n.China)
		if d.Day() != 1 || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			return 0, 0, false
		}
	}
	return month(from), month(to), true
}

// readTotals reads the counts of each unit and month over whole months
// from the totals, netted: a unit and month none of whose cases was
// assigned by @t is left out, as the scans leave it out.
func (s *Store) readTotals(ctx context.Context, args map[string]any) ([]rateCounts, error) {
	rows, err := s.readRateCounts(ctx, totalsSQL, args, scanPending)
	if err != nil {
		return nil, err
	}
	type key struct {
		unit  string
		month int
	}
	at := map[key]int{}
	var out []rateCounts
	for _, r := range rows {
		k := key{r.Unit, r.Month}
		if i, ok := at[k]; ok {
			out[i].add(r)
			continue
		}
		at[k] = len(out)
		out = append(out, r)
	}
	kept := out[:0]
	for _, r := range out {
		if r.Cases != 0 {
			kept = append(kept, r)
		}
	}
	return kept, nil
}
