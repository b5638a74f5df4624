package storage

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"runtime"
	"time"
	"unsafe"

	"gorm.io/gorm"
	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// boundRows writes an Upserter's rows on SQLite through the connection's
// own handle: one single-row statement, prepared once and stepped for each
// row with its values bound. The driver prepares every statement afresh on
// each execution, and a batch sent as one JSON parameter (this package's
// way until 2026-12-05) spent a third of a million-case import taking the
// rows apart again in SQL and keeping a statement journal: a statement of
// many rows that may fail halfway must be able to undo itself alone, one of
// a single row never does.
type boundRows struct {
	h       sqliteHandle
	stmt    uintptr // sqlite3_stmt*
	buf     uintptr // C memory holding the batch being written, which the text values point into
	bufSize int
	columns int
}

func newBoundRows(h sqliteHandle, table string, columns []string, onConflict string) (*boundRows, error) {
	r := &boundRows{h: h, columns: len(columns)}
	sql, err := libc.CString(newValuesBatch(table, columns, onConflict).statement(1))
	if err != nil {
		return nil, err
	}
	defer libc.Xfree(h.tls, sql)
	out := libc.Xmalloc(h.tls, libc.Tsize_t(unsafe.Sizeof(uintptr(0))))
	if out == 0 {
		return nil, fmt.Errorf("storage: no memory to prepare a statement")
	}
	defer libc.Xfree(h.tls, out)
	if rc := sqlite3.Xsqlite3_prepare_v2(h.tls, h.db, sql, -1, out, 0); rc != sqlite3.SQLITE_OK {
		return nil, r.error(rc)
	}
	r.stmt = readPointer(out)
	return r, nil
}

// readPointer reads the pointer SQLite wrote to C memory at p.
func readPointer(p uintptr) uintptr {
	b := libc.GoBytes(p, int(unsafe.Sizeof(p)))
	if len(b) == 4 {
		return uintptr(binary.NativeEndian.Uint32(b))
	}
	return uintptr(binary.NativeEndian.Uint64(b))
}

// The kinds of value in a batch's encoding: a kind byte, then 8 bytes of a
// number, or 4 of a text's or blob's length and its bytes.
const (
	boundNull byte = iota
	boundInt
	boundFloat
	boundText
	boundBlob
)

// appendBoundRow appends a row's values; on an error b is returned as it
// was, ending with the last whole row.
func appendBoundRow(b []byte, values []any) ([]byte, error) {
	encoded := b
	for i, v := range values {
		var err error
		if encoded, err = appendBoundValue(encoded, v); err != nil {
			return b, fmt.Errorf("storage: value %d of a row: %w", i+1, err)
		}
	}
	return encoded, nil
}

// appendBoundValue appends v as the SQLite driver would bind it: integers
// and booleans as integers, times and strings as text (times in the
// driver's own layout), byte slices as blobs, nil and nil pointers as NULL.
func appendBoundValue(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(b, boundNull), nil
	case string:
		return appendBoundText(b, x), nil
	case []byte:
		if x == nil {
			return append(b, boundNull), nil
		}
		b = binary.LittleEndian.AppendUint32(append(b, boundBlob), uint32(len(x)))
		return append(b, x...), nil
	case int:
		return binary.LittleEndian.AppendUint64(append(b, boundInt), uint64(x)), nil
	case int64:
		return binary.LittleEndian.AppendUint64(append(b, boundInt), uint64(x)), nil
	case bool:
		n := uint64(0)
		if x {
			n = 1
		}
		return binary.LittleEndian.AppendUint64(append(b, boundInt), n), nil
	case float64:
		return binary.LittleEndian.AppendUint64(append(b, boundFloat), math.Float64bits(x)), nil
	case time.Time:
		b = append(b, boundText, 0, 0, 0, 0)
		start := len(b)
		b = x.AppendFormat(b, sqliteTimeLayout)
		binary.LittleEndian.PutUint32(b[start-4:], uint32(len(b)-start))
		return b, nil
	case *string:
		return appendBoundPointer(b, x)
	case *int:
		return appendBoundPointer(b, x)
	case *int64:
		return appendBoundPointer(b, x)
	case *bool:
		return appendBoundPointer(b, x)
	case *time.Time:
		return appendBoundPointer(b, x)
	}
	return b, fmt.Errorf("%T cannot be written to SQLite by an Upserter", v)
}

func appendBoundPointer[T any](b []byte, p *T) ([]byte, error) {
	if p == nil {
		return append(b, boundNull), nil
	}
	return appendBoundValue(b, *p)
}

func appendBoundText(b []byte, s string) []byte {
	b = binary.LittleEndian.AppendUint32(append(b, boundText), uint32(len(s)))
	return append(b, s...)
}

// sqliteTimeLayout is how the SQLite driver writes a time.Time parameter
// (glebarez/go-sqlite's default, which storage.Open keeps): a time written
// by an Upserter is written the same way, so a case imported reads back
// exactly as one written with parameters.
const sqliteTimeLayout = "2006-01-02 15:04:05.999999999-07:00"

// write binds and steps each of the rows encoded in enc.
func (r *boundRows) write(ctx context.Context, enc []byte, rows int) error {
	if err := r.hold(enc); err != nil {
		return err
	}
	tls, stmt := r.h.tls, r.stmt
	at := 0
	for row := 0; row < rows; row++ {
		if row%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		for col := int32(1); col <= int32(r.columns); col++ {
			kind := enc[at]
			at++
			var rc int32
			switch kind {
			case boundNull:
				rc = sqlite3.Xsqlite3_bind_null(tls, stmt, col)
			case boundInt:
				rc = sqlite3.Xsqlite3_bind_int64(tls, stmt, col, int64(binary.LittleEndian.Uint64(enc[at:])))
				at += 8
			case boundFloat:
				rc = sqlite3.Xsqlite3_bind_double(tls, stmt, col, math.Float64frombits(binary.LittleEndian.Uint64(enc[at:])))
				at += 8
			case boundText:
				n := int(binary.LittleEndian.Uint32(enc[at:]))
				at += 4
				// SQLITE_STATIC (0): the text stays in r.buf until the row is stepped.
				rc = sqlite3.Xsqlite3_bind_text(tls, stmt, col, r.buf+uintptr(at), int32(n), 0)
				at += n
			case boundBlob:
				n := int(binary.LittleEndian.Uint32(enc[at:]))
				at += 4
				rc = sqlite3.Xsqlite3_bind_blob(tls, stmt, col, r.buf+uintptr(at), int32(n), 0)
				at += n
			}
			if rc != sqlite3.SQLITE_OK {
				return r.error(rc)
			}
		}
		if rc := sqlite3.Xsqlite3_step(tls, stmt); rc != sqlite3.SQLITE_DONE {
			err := r.error(rc)
			sqlite3.Xsqlite3_reset(tls, stmt)
			return err
		}
		if rc := sqlite3.Xsqlite3_reset(tls, stmt); rc != sqlite3.SQLITE_OK {
			return r.error(rc)
		}
	}
	return nil
}

// hold copies enc into C memory, where SQLite may read the texts bound.
func (r *boundRows) hold(enc []byte) error {
	if len(enc) > r.bufSize {
		if r.buf != 0 {
			libc.Xfree(r.h.tls, r.buf)
		}
		size := max(len(enc), 2*r.bufSize)
		if r.buf = libc.Xmalloc(r.h.tls, libc.Tsize_t(size)); r.buf == 0 {
			r.bufSize = 0
			return fmt.Errorf("storage: no memory for a batch of %d bytes", len(enc))
		}
		r.bufSize = size
	}
	if len(enc) > 0 {
		libc.Xmemcpy(r.h.tls, r.buf, uintptr(unsafe.Pointer(unsafe.SliceData(enc))), libc.Tsize_t(len(enc)))
		runtime.KeepAlive(enc)
	}
	return nil
}

// error is SQLite's message for rc, as the driver words it; a unique key
// already held is also gorm.ErrDuplicatedKey, as gorm translates the
// driver's errors (IsDuplicate).
func (r *boundRows) error(rc int32) error {
	err := fmt.Errorf("%s (%d)", libc.GoString(sqlite3.Xsqlite3_errmsg(r.h.tls, r.h.db)), rc)
	switch sqlite3.Xsqlite3_extended_errcode(r.h.tls, r.h.db) {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return fmt.Errorf("%w: %w", gorm.ErrDuplicatedKey, err)
	}
	return err
}

// close finalizes the statement and frees the batch memory; it must run
// while the transaction still holds the connection.
func (r *boundRows) close() {
	if r.stmt != 0 {
		sqlite3.Xsqlite3_finalize(r.h.tls, r.stmt)
		r.stmt = 0
	}
	if r.buf != 0 {
		libc.Xfree(r.h.tls, r.buf)
		r.buf, r.bufSize = 0, 0
	}
}
