package storage

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// Upserter writes many rows into one table inside a transaction, a batch
// per statement: a row whose key is new is inserted, one whose key is
// held is updated (or, for an Upserter without a key, refused). Make one
// with DB.NewUpserter. Rows are held in Batches, filled apart from the
// writing (Batch.Add, then Upserter.Write), so that one goroutine can
// encode the next batch while another writes the last.
type Upserter struct {
	tx      *gorm.DB
	columns int
	perStmt int // rows a batch carries
	// Exactly one of the two ways a batch travels is set (see NewUpserter).
	bound      *boundRows
	manyValues *valuesBatch
	withIDs    bool // MySQL, with UpsertInto.ID: each row goes with its id (Batch.Held)
}

// Batch holds a batch of an Upserter's rows: one statement's on MySQL; on
// SQLite, rows that are stepped one by one.
type Batch struct {
	columns, capacity, rows int
	encoded                 []byte // SQLite: each row's values in turn, as appendBoundValue encodes them
	args                    []any  // MySQL: each row's values in turn, after its id if withID
	bound, withID           bool
}

// NewBatch returns an empty batch for u. It may be filled on any goroutine.
func (u *Upserter) NewBatch() *Batch {
	return &Batch{columns: u.columns, capacity: u.perStmt, bound: u.bound != nil, withID: u.withIDs}
}

// Add holds one row, its values in the order of the columns, and reports
// whether the batch is now full. values may be reused once Add returns.
func (b *Batch) Add(values []any) (full bool, err error) {
	if len(values) != b.columns {
		return false, fmt.Errorf("storage: a row of %d values for %d columns", len(values), b.columns)
	}
	if b.rows == b.capacity {
		return true, fmt.Errorf("storage: a batch holds %d rows", b.capacity)
	}
	if b.bound {
		if b.encoded, err = appendBoundRow(b.encoded, values); err != nil {
			return false, err
		}
	} else {
		if b.withID {
			b.args = append(b.args, nil) // a new row's, which the table numbers; see Held
		}
		b.args = append(b.args, values...)
	}
	b.rows++
	return b.rows == b.capacity, nil
}

// Held gives the id of the table's row that row (counted from 0 in the
// order added) replaces, for an Upserter with UpsertInto.ID; elsewhere,
// and on SQLite, which checks a held key before it inserts anything, it
// does nothing. A row left out is written as new, and updated by its key
// if that is held after all.
func (b *Batch) Held(row int, id int64) {
	if b.withID {
		b.args[row*(b.columns+1)] = id
	}
}

// Reset empties the batch, keeping its memory for the next rows.
func (b *Batch) Reset() {
	b.rows, b.encoded, b.args = 0, b.encoded[:0], b.args[:0]
}

// Len is how many rows the batch holds.
func (b *Batch) Len() int { return b.rows }

// Write writes the batch's rows in u's transaction.
func (u *Upserter) Write(ctx context.Context, b *Batch) error {
	if b.rows == 0 {
		return nil
	}
	if u.bound != nil {
		return u.bound.write(ctx, b.encoded, b.rows)
	}
	return u.manyValues.write(ctx, u.tx, b.args, b.rows, b.rows == u.perStmt)
}

// Close releases the prepared statement. Call it inside the transaction.
func (u *Upserter) Close() {
	if u.bound != nil {
		u.bound.close()
	}
	if u.manyValues != nil && u.manyValues.full != nil {
		u.manyValues.full.Close()
	}
}

// valuesBatch is a multi-row INSERT … VALUES with a parameter per value;
// full batches reuse one prepared statement.
type valuesBatch struct {
	head, row, tail string // the statement is head, then row n times, then tail
	full            *sql.Stmt
}

func newValuesBatch(table string, columns []string, tail string) *valuesBatch {
	return &valuesBatch{head: "INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") VALUES ",
		row: "(" + strings.Repeat("?, ", len(columns)-1) + "?)", tail: tail}
}

// AddCounts adds, within tx, each row's counts to the row of table with the
// same key, inserting the rows not held: counts that writers in several
// transactions move up and down. Each row gives the key's values, then the
// counts'; rows are written in the order given, so writers that sort them
// take the rows' locks in the same order. Written as multi-row VALUES
// unprepared on both databases: a workflow step adds one or two rows, and
// preparing the statement a full batch takes would cost more.
func (db *DB) AddCounts(ctx context.Context, tx *gorm.DB, table string, key, counts []string, rows [][]any) error {
	columns := append(append([]string{}, key...), counts...)
	v := newValuesBatch(table, columns, db.onConflictAdd(key, counts))
	var args []any
	for chunk := range slices.Chunk(rows, db.RowsPerInsert(len(columns))) {
		args = args[:0]
		for _, r := range chunk {
			args = append(args, r...)
		}
		if err := v.write(ctx, tx, args, len(chunk), false); err != nil {
			return err
		}
	}
	return nil
}

func (v *valuesBatch) statement(n int) string {
	var b strings.Builder
	b.WriteString(v.head)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(v.row)
	}
	b.WriteString(v.tail)
	return b.String()
}

func (v *valuesBatch) write(ctx context.Context, tx *gorm.DB, args []any, n int, full bool) error {
	// Prepared when the first full batch comes, not before: a write of a
	// few rows never fills one, and the server would prepare a statement
	// of a thousand rows for nothing.
	if sqlTx, ok := tx.Statement.ConnPool.(*sql.Tx); ok && full && v.full == nil {
		stmt, err := sqlTx.PrepareContext(ctx, v.statement(n))
		if err != nil {
			return err
		}
		v.full = stmt
	}
	if full && v.full != nil {
		_, err := v.full.ExecContext(ctx, args...)
		if t, ok := tx.Dialector.(gorm.ErrorTranslator); ok && err != nil {
			err = t.Translate(err) // as gorm does for what it runs (IsDuplicate)
		}
		return err
	}
	return tx.WithContext(ctx).Exec(v.statement(n), args...).Error
}

// sqliteRowsPerBatch is how many rows one batch carries on SQLite, where
// rows are written one by one (boundRows): enough that the goroutine
// encoding the next batch rarely keeps the writer waiting, few enough that
// a batch stays a few megabytes.
var sqliteRowsPerBatch = 10000 // a variable so that a test can make batches small
