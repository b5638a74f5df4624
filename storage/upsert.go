package storage

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Upserter writes many rows into one table inside a transaction, a batch
// per statement: a row whose key is new is inserted, one whose key is
// held is updated. Make one with DB.NewUpserter. Rows are held in Batches,
// filled apart from the writing (Batch.Add, then Upserter.Write), so that
// one goroutine can encode the next batch while another writes the last.
type Upserter struct {
	tx      *gorm.DB
	columns int
	perStmt int // rows a statement carries
	// Exactly one of the two ways a batch travels is set (see NewUpserter).
	oneParameter *jsonBatch
	manyValues   *valuesBatch
	withIDs      bool // MySQL, with UpsertInto.ID: each row goes with its id (Batch.Held)
}

// Batch holds the rows of one of an Upserter's statements.
type Batch struct {
	columns, capacity, rows int
	json                    []byte // SQLite: a JSON array of rows
	args                    []any  // MySQL: each row's values in turn, after its id if withID
	inJSON, withID          bool
}

// NewBatch returns an empty batch for u. It may be filled on any goroutine.
func (u *Upserter) NewBatch() *Batch {
	return &Batch{columns: u.columns, capacity: u.perStmt, inJSON: u.oneParameter != nil, withID: u.withIDs}
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
	if !b.inJSON {
		if b.withID {
			b.args = append(b.args, nil) // a new row's, which the table numbers; see Held
		}
		b.args = append(b.args, values...)
	} else if encoded, err := appendJSONRow(b.json, values); err != nil {
		return false, err // b.json still ends with the last whole row
	} else {
		b.json = encoded
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

// Len is how many rows the batch holds.
func (b *Batch) Len() int { return b.rows }

// Write writes the batch's rows in u's transaction.
func (u *Upserter) Write(ctx context.Context, b *Batch) error {
	if b.rows == 0 {
		return nil
	}
	if u.oneParameter != nil {
		return u.oneParameter.write(ctx, u.tx, b.json)
	}
	return u.manyValues.write(ctx, u.tx, b.args, b.rows, b.rows == u.perStmt)
}

// Close releases the prepared statement, if any.
func (u *Upserter) Close() {
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
	if full && v.full != nil {
		_, err := v.full.ExecContext(ctx, args...)
		return err
	}
	return tx.WithContext(ctx).Exec(v.statement(n), args...).Error
}

// jsonBatch carries a whole batch as one parameter: a JSON array of rows,
// each an array of values, that its statement reads back with jsonb_each
// (whose rows, unlike json_each's, are binary JSON that ->> reads without
// parsing text again).
type jsonBatch struct {
	statement string
}

func newJSONBatch(table string, columns []string, onConflict string) *jsonBatch {
	sel := make([]string, len(columns))
	for i := range columns {
		sel[i] = "value ->> " + strconv.Itoa(i)
	}
	// WHERE true: without it SQLite would read ON CONFLICT as a join's ON.
	return &jsonBatch{statement: "INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") SELECT " +
		strings.Join(sel, ", ") + " FROM jsonb_each(?) WHERE true" + onConflict}
}

// appendJSONRow appends a row to a batch's JSON array, opened by its
// first row and closed by write.
func appendJSONRow(b []byte, values []any) ([]byte, error) {
	if len(b) == 0 {
		b = append(b, '[')
	} else {
		b = append(b, ',')
	}
	b = append(b, '[')
	for i, v := range values {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendJSONValue(b, v); err != nil {
			return b, fmt.Errorf("storage: value %d of a row: %w", i+1, err)
		}
	}
	return append(b, ']'), nil
}

func (j *jsonBatch) write(ctx context.Context, tx *gorm.DB, rows []byte) error {
	return tx.WithContext(ctx).Exec(j.statement, string(rows)+"]").Error
}

// sqliteTimeLayout is how the SQLite driver writes a time.Time parameter
// (glebarez/go-sqlite's default, which storage.Open keeps): a time sent
// inside JSON is written the same way, so a case imported in a batch reads
// back exactly as one written with parameters.
const sqliteTimeLayout = "2006-01-02 15:04:05.999999999-07:00"

// appendJSONValue appends v as SQLite stores the parameter: numbers as
// numbers, booleans as 0 or 1, times and strings as text, nil and nil
// pointers as null.
func appendJSONValue(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendJSONString(b, x), nil
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case bool:
		if x {
			return append(b, '1'), nil
		}
		return append(b, '0'), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return b, fmt.Errorf("%v has no JSON form", x)
		}
		return strconv.AppendFloat(b, x, 'g', -1, 64), nil
	case time.Time:
		b = append(b, '"')
		return append(x.AppendFormat(b, sqliteTimeLayout), '"'), nil
	case *string:
		return appendJSONPointer(b, x)
	case *int:
		return appendJSONPointer(b, x)
	case *int64:
		return appendJSONPointer(b, x)
	case *bool:
		return appendJSONPointer(b, x)
	case *time.Time:
		return appendJSONPointer(b, x)
	}
	return b, fmt.Errorf("%T cannot travel in a JSON batch", v)
}

func appendJSONPointer[T any](b []byte, p *T) ([]byte, error) {
	if p == nil {
		return append(b, "null"...), nil
	}
	return appendJSONValue(b, *p)
}

// appendJSONString quotes s for SQLite's JSON reader, escaping only what
// JSON requires; other bytes pass as they are, so the text stored is the
// text given, byte for byte.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		default:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// jsonRowsPerStatement is how many rows one JSON batch carries. Each
// statement keeps a journal of the pages it changes, so that it could be
// undone alone, and a page two rows of one statement change is copied
// once: at 100,000 appeal cases 10,000 rows a statement took 10-30% less
// CPU than 1,000 (measured on a busy machine), while the batch's text
// stays under ten megabytes.
var jsonRowsPerStatement = 10000 // a variable so that a test can make batches small
