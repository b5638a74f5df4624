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
// held is updated. Make one with DB.NewUpserter; Add each row, then Flush.
type Upserter struct {
	tx      *gorm.DB
	columns int
	perStmt int // rows a statement carries
	held    int // rows added since the last statement
	// Exactly one of the two ways a batch travels is set (see NewUpserter).
	oneParameter *jsonBatch
	manyValues   *valuesBatch
}

// Add holds one row, its values in the order of the columns, and writes
// the batch when it is full. values may be reused once Add returns.
func (u *Upserter) Add(ctx context.Context, values []any) error {
	if len(values) != u.columns {
		return fmt.Errorf("storage: a row of %d values for %d columns", len(values), u.columns)
	}
	if u.oneParameter == nil {
		u.manyValues.args = append(u.manyValues.args, values...)
	} else if err := u.oneParameter.add(values); err != nil {
		return err
	}
	u.held++
	if u.held == u.perStmt {
		return u.Flush(ctx)
	}
	return nil
}

// Flush writes the rows held.
func (u *Upserter) Flush(ctx context.Context) error {
	if u.held == 0 {
		return nil
	}
	n := u.held
	u.held = 0
	if u.oneParameter != nil {
		return u.oneParameter.write(ctx, u.tx)
	}
	return u.manyValues.write(ctx, u.tx, n, n == u.perStmt)
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
	args            []any
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
	for chunk := range slices.Chunk(rows, db.RowsPerInsert(len(columns))) {
		for _, r := range chunk {
			v.args = append(v.args, r...)
		}
		if err := v.write(ctx, tx, len(chunk), false); err != nil {
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

func (v *valuesBatch) write(ctx context.Context, tx *gorm.DB, n int, full bool) error {
	defer func() { v.args = v.args[:0] }()
	if full && v.full != nil {
		_, err := v.full.ExecContext(ctx, v.args...)
		return err
	}
	return tx.WithContext(ctx).Exec(v.statement(n), v.args...).Error
}

// jsonBatch carries a whole batch as one parameter: a JSON array of rows,
// each an array of values, that its statement reads back with jsonb_each
// (whose rows, unlike json_each's, are binary JSON that ->> reads without
// parsing text again).
type jsonBatch struct {
	statement string
	buf       []byte
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

func (j *jsonBatch) add(values []any) error {
	if len(j.buf) == 0 {
		j.buf = append(j.buf, '[')
	} else {
		j.buf = append(j.buf, ',')
	}
	j.buf = append(j.buf, '[')
	for i, v := range values {
		if i > 0 {
			j.buf = append(j.buf, ',')
		}
		var err error
		if j.buf, err = appendJSONValue(j.buf, v); err != nil {
			return fmt.Errorf("storage: value %d of a row: %w", i+1, err)
		}
	}
	j.buf = append(j.buf, ']')
	return nil
}

func (j *jsonBatch) write(ctx context.Context, tx *gorm.DB) error {
	j.buf = append(j.buf, ']')
	err := tx.WithContext(ctx).Exec(j.statement, string(j.buf)).Error
	j.buf = j.buf[:0]
	return err
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
