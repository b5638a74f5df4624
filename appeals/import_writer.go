package appeals

import (
	"context"

	"gorm.io/gorm"

	"pingyi/storage"
)

// importGroup is how many parsed cases an import holds before writing
// them: one look-up of the cases they replace per group.
const importGroup = 1000

// importWriter writes an import's cases through the upserter, a group at
// a time, and keeps the rate totals: before a group replaces cases the
// ledger holds, it reads what those brought to the totals (unit, month,
// pattern) and takes it away. A source's first import replaces nothing
// and reads nothing.
type importWriter struct {
	s      *Store
	tx     *gorm.DB
	up     *storage.Upserter
	source string
	held   bool // the source had cases before this import
	group  []importedCase
	totals totalsDelta
	values []any
}

func (w *importWriter) add(ctx context.Context, c importedCase) error {
	w.group = append(w.group, c)
	if len(w.group) < importGroup {
		return nil
	}
	return w.write(ctx)
}

func (w *importWriter) write(ctx context.Context) error {
	if w.held && len(w.group) > 0 {
		numbers := make([]string, len(w.group))
		for i := range w.group {
			numbers[i] = w.group[i].SourceNo
		}
		var replaced []struct {
			Unit          *string
			ReceivedMonth int
			Pattern       int
		}
		if err := w.tx.Model(&caseRow{}).Select("unit, received_month, pattern").
			Where("source = ? AND source_no IN ?", w.source, numbers).Scan(&replaced).Error; err != nil {
			return err
		}
		for _, r := range replaced {
			w.totals.add(r.Unit, r.ReceivedMonth, r.Pattern, -1)
		}
	}
	for i := range w.group {
		c := &w.group[i]
		w.totals.add(c.Unit, c.ReceivedMonth, c.Marks.Pattern, 1)
		w.values = c.values(w.values[:0])
		if err := w.up.Add(ctx, w.values); err != nil {
			return err
		}
	}
	w.group = w.group[:0]
	return nil
}

// finish writes the last group, the upserter's last batch and the totals.
func (w *importWriter) finish(ctx context.Context) error {
	if err := w.write(ctx); err != nil {
		return err
	}
	if err := w.up.Flush(ctx); err != nil {
		return err
	}
	return w.s.writeTotals(ctx, w.tx, w.totals)
}
