package storage

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"unsafe"

	"gorm.io/gorm"
	"modernc.org/libc"
)

// sqliteHandle is the C-level handle of one of the SQLite driver's
// connections: what a writer needs to prepare a statement once and step it
// a million times, which the driver, preparing afresh on every execution,
// cannot (see boundRows).
type sqliteHandle struct {
	db  uintptr // sqlite3*
	tls *libc.TLS
}

type sqliteHandleKey struct{}

// sqliteHandleFound is what a transaction's context carries: the handle,
// or why it could not be read.
type sqliteHandleFound struct {
	h   sqliteHandle
	err error
}

// withSQLiteHandle runs fn in a transaction on a connection of its own
// whose handle rides in the transaction's context: db.tx does this for
// every SQLite transaction, so that an Upserter made inside one finds it.
// A driver whose connections this package cannot read leaves the reason
// there instead, and only an Upserter fails, with it.
func withSQLiteHandle(ctx context.Context, g *gorm.DB, fn func(tx *gorm.DB) error) error {
	return g.WithContext(ctx).Connection(func(pinned *gorm.DB) error {
		found := sqliteHandleFound{err: fmt.Errorf("storage: the SQLite connection is not a database/sql connection")}
		if conn, ok := pinned.Statement.ConnPool.(*sql.Conn); ok {
			found.err = conn.Raw(func(dc any) (err error) { found.h, err = sqliteHandleOf(dc); return err })
		}
		return pinned.WithContext(context.WithValue(ctx, sqliteHandleKey{}, found)).Transaction(fn)
	})
}

// sqliteHandleOf reads the handle out of a connection of
// github.com/glebarez/go-sqlite, which keeps it unexported: the fields are
// checked by name and type, so a driver that changed them is refused
// rather than misread (TestOnlyTheDriversConnectionGivesAHandle).
func sqliteHandleOf(driverConn any) (sqliteHandle, error) {
	v := reflect.ValueOf(driverConn)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return sqliteHandle{}, fmt.Errorf("storage: an SQLite connection of type %T", driverConn)
	}
	conn := v.Elem()
	if t := conn.Type(); t.PkgPath() != "github.com/glebarez/go-sqlite" || t.Name() != "conn" {
		return sqliteHandle{}, fmt.Errorf("storage: an SQLite connection of type %T", driverConn)
	}
	db, tls := conn.FieldByName("db"), conn.FieldByName("tls")
	if !db.IsValid() || db.Kind() != reflect.Uintptr || !tls.IsValid() || tls.Type() != reflect.TypeFor[*libc.TLS]() {
		return sqliteHandle{}, fmt.Errorf("storage: the SQLite driver's connection no longer holds db and tls")
	}
	h := sqliteHandle{db: *(*uintptr)(unsafe.Pointer(db.UnsafeAddr())), tls: *(**libc.TLS)(unsafe.Pointer(tls.UnsafeAddr()))}
	if h.db == 0 || h.tls == nil {
		return sqliteHandle{}, fmt.Errorf("storage: a closed SQLite connection")
	}
	return h, nil
}

// sqliteHandleIn returns the handle of the transaction tx runs in.
func sqliteHandleIn(tx *gorm.DB) (sqliteHandle, error) {
	var found sqliteHandleFound
	if tx.Statement != nil && tx.Statement.Context != nil {
		found, _ = tx.Statement.Context.Value(sqliteHandleKey{}).(sqliteHandleFound)
	}
	if found.err == nil && found.h.db == 0 {
		return sqliteHandle{}, fmt.Errorf("storage: an Upserter on SQLite needs a transaction of DB.Tx")
	}
	return found.h, found.err
}
