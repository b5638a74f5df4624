package appeals

import (
	"context"
	"sort"
	"strings"
	"time"

	"pingyi/fault"
)

// Rate is a share with the counts behind it; Value is nil when Den is 0.
type Rate struct {
	Num, Den int64
	Value    *float64
}

func (r *Rate) add(o Rate) { r.Num += o.Num; r.Den += o.Den }

func (r *Rate) settle() {
	r.Value = nil
	if r.Den > 0 {
		v := float64(r.Num) / float64(r.Den)
		r.Value = &v
	}
}

// UnitRates are SPEC's five rates of one unit over the cases assigned to it
// (or to a unit below it) and received in the period, as of a moment.
type UnitRates struct {
	Unit         string
	Month        int   // YYYYMM in China time; 0 for the whole period
	Cases        int64 // cases assigned to the unit or below it, as of the moment
	Response     Rate  // accepted in time / assigned (whose acceptance was due or done)
	OnTime       Rate  // first reply by the deadline / deadline passed or replied
	Resolution   Rate  // first reply resolved / replied
	Satisfaction Rate  // latest callback 满意 or 基本满意 / called back and reached
	Settled      Rate  // not raised to 复核 within the period after the 复查 reply / reviewed with that known
}

func (r *rateCounts) add(o rateCounts) {
	r.Cases += o.Cases
	r.ResponseNum, r.ResponseDen = r.ResponseNum+o.ResponseNum, r.ResponseDen+o.ResponseDen
	r.OnTimeNum, r.OnTimeDen = r.OnTimeNum+o.OnTimeNum, r.OnTimeDen+o.OnTimeDen
	r.ResolvedNum, r.ResolvedDen = r.ResolvedNum+o.ResolvedNum, r.ResolvedDen+o.ResolvedDen
	r.SatisfiedNum, r.SatisfiedDen = r.SatisfiedNum+o.SatisfiedNum, r.SatisfiedDen+o.SatisfiedDen
	r.SettledNum, r.SettledDen = r.SettledNum+o.SettledNum, r.SettledDen+o.SettledDen
}

func (u *UnitRates) add(o UnitRates) {
	u.Cases += o.Cases
	u.Response.add(o.Response)
	u.OnTime.add(o.OnTime)
	u.Resolution.add(o.Resolution)
	u.Satisfaction.add(o.Satisfaction)
	u.Settled.add(o.Settled)
}

// rateCounts is one row of the grouped scan.
type rateCounts struct {
	Unit                       string
	Month                      int
	Cases                      int64
	ResponseNum, ResponseDen   int64
	OnTimeNum, OnTimeDen       int64
	ResolvedNum, ResolvedDen   int64
	SatisfiedNum, SatisfiedDen int64
	SettledNum, SettledDen     int64
}

// Over a period that is not whole months (whole months read the totals of
// rates_totals.go), the rates as of @t count two kinds of case apart.
// Most cases' marks have all passed by then: settledSQL counts them by
// unit, month and their settled pattern (see rates_pattern.go) over the
// narrow index appeal_cases_settled, read in its order, and Go adds up the
// patterns' bits as the rows come (a year of 5,000,000 cases is a million
// rows of unit, month and pattern). Comparing each mark of each case
// (pendingSQL) was four fifths of the time the rates took; it is left to
// the cases whose latest mark is after @settled, found through
// appeal_cases_pending. @settled is @t, except in the test that sends
// every case down pendingSQL.
const settledSQL = `
SELECT unit, received_month, pattern, COUNT(*)
FROM appeal_cases
WHERE unit >= @lo AND (@hi = '' OR unit < @hi) AND received_us >= @from AND received_us < @to AND final_us <= @settled
GROUP BY unit, received_month, pattern
ORDER BY unit, received_month, pattern`

// pendingSQL counts, per unit and month, the cases that entered each
// rate's numerator and denominator by @t (see marks.go), among those not
// settled by @settled. The satisfaction of a case is its latest callback
// by @t, the newer of the last two. It constrains no unit, and groups by
// an expression appeal_cases_settled does not hold, so that SQLite (which
// keeps no statistics) reads it through appeal_cases_pending, as MariaDB
// does, rather than all of appeal_cases_settled for its order.
var pendingSQL = `
SELECT COALESCE(unit, ''), received_month, COUNT(*)` + rateSums(func(t rateTerm) string { return "SUM(" + t.asOf + ")" }) + `
FROM appeal_cases
WHERE final_us > @settled AND received_us >= @from AND received_us < @to AND assigned_us <= @t
GROUP BY COALESCE(unit, ''), received_month`

// rateTerm is one of the ten counts behind the rates, in rateCounts'
// order: the condition a case meets once it is in the count as of @t,
// and the bit of its settled pattern that says so once all marks passed.
type rateTerm struct {
	asOf string
	bit  int
}

var rateTerms = []rateTerm{
	{"response_num_us <= @t", patternResponseNum}, {"response_den_us <= @t", patternResponseDen},
	{"on_time_num_us <= @t", patternOnTimeNum}, {"on_time_den_us <= @t", patternOnTimeDen},
	{"resolution_num_us <= @t", patternResolvedNum}, {"resolution_den_us <= @t", patternResolvedDen},
	{latestCallbackSQL + " = 2", patternSatisfiedNum}, {latestCallbackSQL + " >= 1", patternSatisfiedDen},
	{"settled_num_us <= @t", patternSettledNum}, {"settled_den_us <= @t", patternSettledDen},
}

// rateSums is ", " and sum(term) for each of the ten terms.
func rateSums(sum func(rateTerm) string) string {
	var b strings.Builder
	for _, t := range rateTerms {
		b.WriteString(",\n ")
		b.WriteString(sum(t))
	}
	return b.String()
}

const latestCallbackSQL = `(CASE WHEN callback_us <= @t THEN callback_score WHEN prev_callback_us <= @t THEN prev_callback_score END)`

// Rates returns every unit's rates over the cases received in [from, to),
// as of asOf; byMonth splits them by the month of receipt. A department's
// rates count its stations' cases.
func (s *Store) Rates(ctx context.Context, from, to, asOf time.Time, byMonth bool) ([]UnitRates, error) {
	return s.rates(ctx, from, to, asOf, byMonth, asOf.UnixMicro(), true)
}

// rates is Rates counting the cases whose marks all passed by settledUs
// by their patterns: from the totals kept by month when the period is
// whole months and byTotals is set, otherwise by scanning the cases.
func (s *Store) rates(ctx context.Context, from, to, asOf time.Time, byMonth bool, settledUs int64,
	byTotals bool) ([]UnitRates, error) {
	if !from.Before(to) {
		return nil, fault.Invalidf("the period must end after it starts")
	}
	us, err := s.units(ctx)
	if err != nil {
		return nil, err
	}
	args := map[string]any{"t": asOf.UnixMicro(), "settled": settledUs, "from": from.UnixMicro(), "to": to.UnixMicro()}
	var rows []rateCounts
	if first, end, whole := wholeMonths(from, to); whole && byTotals {
		args["first_month"], args["end_month"] = first, end
		rows, err = s.readTotals(ctx, args)
	} else {
		rows, err = s.scanRates(ctx, us, args)
	}
	if err != nil {
		return nil, err
	}
	type key struct {
		unit  string
		month int
	}
	totals := map[key]*UnitRates{}
	for _, r := range rows {
		if !byMonth {
			r.Month = 0
		}
		own := UnitRates{Cases: r.Cases,
			Response:     Rate{Num: r.ResponseNum, Den: r.ResponseDen},
			OnTime:       Rate{Num: r.OnTimeNum, Den: r.OnTimeDen},
			Resolution:   Rate{Num: r.ResolvedNum, Den: r.ResolvedDen},
			Satisfaction: Rate{Num: r.SatisfiedNum, Den: r.SatisfiedDen},
			Settled:      Rate{Num: r.SettledNum, Den: r.SettledDen}}
		for _, u := range us.lineage(r.Unit) {
			k := key{u, r.Month}
			if totals[k] == nil {
				totals[k] = &UnitRates{Unit: u, Month: r.Month}
			}
			totals[k].add(own)
		}
	}
	out := make([]UnitRates, 0, len(totals))
	for _, t := range totals {
		for _, r := range []*Rate{&t.Response, &t.OnTime, &t.Resolution, &t.Satisfaction, &t.Settled} {
			r.settle()
		}
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Unit != out[j].Unit {
			return out[i].Unit < out[j].Unit
		}
		return out[i].Month < out[j].Month
	})
	return out, nil
}
