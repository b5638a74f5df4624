package appeals

import (
	"context"
	"errors"
	"slices"

	"gorm.io/gorm"

	"pingyi/fault"
	"pingyi/storage"
	"pingyi/tabular"
)

// importGroup is how many cases one look-up of the cases they replace
// asks for.
const importGroup = 1000

// importBatch is a batch of an import's cases, encoded for the upserter,
// with their platform numbers.
type importBatch struct {
	rows    *storage.Batch
	numbers []string
}

// errWriterStopped ends an encoder whose writer has stopped.
var errWriterStopped = errors.New("the import's writing stopped")

// encodeCases is the second pass's reading side, on a goroutine of its
// own: it parses the rows, counts what they bring to the totals (added)
// and encodes them a batch at a time, so that on two cores the reading
// and encoding go on while the database writes the batch before. It stops
// when stop is closed, or once the check has failed.
func encodeCases(tr *tabular.Reader, rr *rowReader, up *storage.Upserter, check *checkRun, added totalsDelta,
	out chan<- importBatch, stop <-chan struct{}) error {
	b := importBatch{rows: up.NewBatch()}
	send := func() error {
		select {
		case out <- b:
			b = importBatch{rows: up.NewBatch()}
			return nil
		case <-stop:
			return errWriterStopped
		}
	}
	var values []any
	err := eachRow(tr, func(row tabular.Row) error {
		c, ps := rr.parse(row)
		if len(ps) > 0 {
			return fault.WithProblems(ps, "the file changed while it was imported")
		}
		if row.Line%1000 == 0 && check.failed() {
			return errCheckFailed // the check's own error names the problems
		}
		added.add(c.Unit, c.ReceivedMonth, c.Marks.Pattern, 1)
		b.numbers = append(b.numbers, c.SourceNo)
		values = c.values(values[:0])
		full, err := b.rows.Add(values)
		if err != nil || !full {
			return err
		}
		return send()
	})
	if err == nil && b.rows.Len() > 0 {
		err = send()
	}
	return err
}

// importWriter writes an import's batches in its transaction and keeps
// the rate totals: before a batch replaces cases the ledger holds, it
// reads what those brought to the totals (unit, month, pattern) and takes
// it away, and gives the batch their ids. A source's first import
// replaces nothing and reads nothing.
type importWriter struct {
	s      *Store
	tx     *gorm.DB
	up     *storage.Upserter
	source string
	held   bool // the source had cases before this import
	totals totalsDelta
}

func (w *importWriter) write(ctx context.Context, b importBatch) error {
	if w.held {
		row := make(map[string]int, len(b.numbers))
		for i, n := range b.numbers {
			row[n] = i
		}
		for numbers := range slices.Chunk(b.numbers, importGroup) {
			var replaced []struct {
				ID            int64
				SourceNo      string
				Unit          *string
				ReceivedMonth int
				Pattern       int
			}
			if err := w.tx.Model(&caseRow{}).Select("id, source_no, unit, received_month, pattern").
				Where("source = ? AND source_no IN ?", w.source, numbers).Scan(&replaced).Error; err != nil {
				return err
			}
			for _, r := range replaced {
				w.totals.add(r.Unit, r.ReceivedMonth, r.Pattern, -1)
				if i, ok := row[r.SourceNo]; ok { // not so if only MySQL's collation matched the number
					b.rows.Held(i, r.ID)
				}
			}
		}
	}
	return w.up.Write(ctx, b.rows)
}

// finish writes the totals, with what the encoder counted the cases added.
func (w *importWriter) finish(ctx context.Context, added totalsDelta) error {
	w.totals.merge(added)
	return w.s.writeTotals(ctx, w.tx, w.totals)
}
