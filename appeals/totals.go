package appeals

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// totalsColumns are appeal_rate_totals' counts (migration 0126), one per
// bit of the settled pattern, in the bits' order.
var totalsColumns = []string{"cases", "response_num", "response_den", "on_time_num", "on_time_den",
	"resolved_num", "resolved_den", "satisfied_num", "satisfied_den", "settled_num", "settled_den"}

type totalsKey struct {
	unit  string
	month int
}

// totalsDelta is what a write changes in appeal_rate_totals: per unit and
// month of receipt, each count's change. Every write of a case's unit,
// month or pattern records here what the case took away and brought, and
// writes it in the same transaction (writeTotals): the intake, a workflow
// step, an import, a synthetic ledger. TestSettledPatternsCountAsTheMarks
// and TestMigrationSettlesAsMarksDo fail when a writer forgets.
type totalsDelta map[totalsKey]*[11]int64

// add counts a case of unit and month with the given settled pattern once
// more (sign 1) or once less (-1). A case without a unit counts nowhere.
func (d totalsDelta) add(unit *string, month, pattern int, sign int64) {
	if unit == nil || *unit == "" || pattern == 0 {
		return
	}
	k := totalsKey{*unit, month}
	v := d[k]
	if v == nil {
		v = new([11]int64)
		d[k] = v
	}
	for i := range v {
		if pattern&(1<<i) != 0 {
			v[i] += sign
		}
	}
}

// merge adds o's counts to d's.
func (d totalsDelta) merge(o totalsDelta) {
	for k, v := range o {
		t := d[k]
		if t == nil {
			d[k] = v
			continue
		}
		for i := range v {
			t[i] += v[i]
		}
	}
}

// writeTotals adds d to appeal_rate_totals within tx, in key order, so
// that two writers take the rows' locks in the same order.
func (s *Store) writeTotals(ctx context.Context, tx *gorm.DB, d totalsDelta) error {
	var keys []totalsKey
	for k, v := range d {
		if *v != [11]int64{} {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b totalsKey) int {
		return cmp.Or(strings.Compare(a.unit, b.unit), cmp.Compare(a.month, b.month))
	})
	rows := make([][]any, len(keys))
	for i, k := range keys {
		rows[i] = []any{k.unit, k.month}
		for _, n := range d[k] {
			rows[i] = append(rows[i], n)
		}
	}
	return s.db.AddCounts(ctx, tx, "appeal_rate_totals", []string{"unit", "received_month"}, totalsColumns, rows)
}
