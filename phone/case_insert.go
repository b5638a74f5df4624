package phone

import (
	"context"
	"database/sql"
	"strings"

	"gorm.io/gorm"
)

// caseWriter stores a draw's new cases with one prepared multi-row INSERT
// that returns nothing. gorm's Create asked SQLite for every new id back
// and reflected on every field, and each statement was parsed anew: for
// 200,000 cases that cost more than writing them.
type caseWriter struct {
	tx   *gorm.DB
	rows int // rows per full statement
	full *sql.Stmt
	args []any
}

func (s *Store) newCaseWriter(ctx context.Context, tx *gorm.DB) (*caseWriter, error) {
	// Half of what one INSERT may carry: SQLite's driver binds parameters
	// in quadratic time (see appeals' upserter).
	w := &caseWriter{tx: tx, rows: max(1, s.insertBatch(2*len(caseColumns)))}
	if sqlTx, ok := tx.Statement.ConnPool.(*sql.Tx); ok {
		stmt, err := sqlTx.PrepareContext(ctx, caseInsert(w.rows))
		if err != nil {
			return nil, err
		}
		w.full = stmt
	}
	return w, nil
}

func (w *caseWriter) close() {
	if w.full != nil {
		w.full.Close()
	}
}

// write stores cases, in statements of w.rows.
func (w *caseWriter) write(ctx context.Context, cases []phoneCase) error {
	for start := 0; start < len(cases); start += w.rows {
		batch := cases[start:min(start+w.rows, len(cases))]
		w.args = w.args[:0]
		for _, c := range batch {
			w.args = append(w.args, c.CampaignID, c.DrawID, c.EntryID, c.Stratum, c.Unit, c.DrawKey, c.MatchHash,
				c.Position, c.Replicate, string(c.Status), c.Priority)
		}
		var err error
		if len(batch) == w.rows && w.full != nil {
			_, err = w.full.ExecContext(ctx, w.args...)
		} else {
			err = w.tx.Exec(caseInsert(len(batch)), w.args...).Error
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// caseInsert is an INSERT of n cases' caseColumns.
func caseInsert(n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO phone_cases (" + strings.Join(caseColumns, ", ") + ") VALUES ")
	row := "(" + strings.Repeat("?, ", len(caseColumns)-1) + "?)"
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}
