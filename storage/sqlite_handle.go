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
// cannot (see boundRows). It is read from a connection pinned to a
// transaction (withSQLiteHandle) and used only within that transaction,
// while database/sql hands the connection to no one else.
type sqliteHandle struct {
	db  uintptr // sqlite3*
	tls *libc.TLS
}

type pinnedConnKey struct{}

// withSQLiteHandle runs fn in a transaction on a connection of its own,
// which rides in the transaction's context: db.tx does this for every
// SQLite transaction, so that an Upserter made inside one can read the
// connection's handle (sqliteHandleIn). Only that reading looks inside
// the driver; other transactions pay for the pinning alone.
func withSQLiteHandle(ctx context.Context, g *gorm.DB, fn func(tx *gorm.DB) error) error {
	return g.WithContext(ctx).Connection(func(pinned *gorm.DB) error {
		conn, _ := pinned.Statement.ConnPool.(*sql.Conn)
		return pinned.WithContext(context.WithValue(ctx, pinnedConnKey{}, conn)).Transaction(fn)
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

// sqliteHandleIn returns the handle of the connection the transaction tx
// runs on, or why it has none.
func sqliteHandleIn(tx *gorm.DB) (sqliteHandle, error) {
	var conn *sql.Conn
	if tx.Statement != nil && tx.Statement.Context != nil {
		conn, _ = tx.Statement.Context.Value(pinnedConnKey{}).(*sql.Conn)
	}
	if conn == nil {
		return sqliteHandle{}, fmt.Errorf("storage: an Upserter on SQLite needs a transaction of DB.Tx")
	}
	var h sqliteHandle
	err := conn.Raw(func(dc any) (err error) { h, err = sqliteHandleOf(dc); return err })
	return h, err
}
