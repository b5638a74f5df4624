package storage

import (
	"context"
	"database/sql"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// This file is the seam between the two back ends for everything stores do
// at run time: row locks, isolation, how many rows one INSERT carries, and
// whether the database is a file beside the program. Schema differences are
// migrations' (migrations/dialect.go). A test (TestDialectChecksStayInTheSeam)
// fails if code elsewhere asks which back end it runs on.

// Lock is how a read holds the rows it reads until its transaction ends.
type Lock int

const (
	// ForUpdate admits one holder at a time: for a change that must not
	// interleave with another change of the same rows.
	ForUpdate Lock = iota + 1
	// ForShare admits many holders that only read, and no change while
	// they hold: for work that rests on a row staying as it is.
	ForShare
	// ForUpdateSkipLocked claims rows nobody holds and passes over the rest,
	// so claimers of one work queue do not wait behind each other.
	ForUpdateSkipLocked
)

// Locked returns q reading its rows under lock l. On MySQL that is a row
// lock. SQLite's immediate transactions already hold the database's one
// write lock from their first statement, so there it adds nothing.
func (db *DB) Locked(q *gorm.DB, l Lock) *gorm.DB {
	if db.Dialect != MySQL {
		return q
	}
	switch l {
	case ForUpdate:
		return q.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate})
	case ForShare:
		return q.Clauses(clause.Locking{Strength: clause.LockingStrengthShare})
	case ForUpdateSkipLocked:
		return q.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate, Options: clause.LockingOptionsSkipLocked})
	}
	return q
}

// TxReadCommitted runs fn in one transaction that reads committed data. On
// MySQL this keeps a locking scan from also locking the rows and gaps it
// passes over, as REPEATABLE READ would; short claims from a shared queue
// want that. SQLite's transactions are serialisable and take turns (see Tx).
func (db *DB) TxReadCommitted(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if db.Dialect == MySQL {
		return db.Gorm.WithContext(ctx).Transaction(fn, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	}
	return db.Tx(ctx, fn)
}

// RowsPerInsert is how many rows of the given number of columns one INSERT
// carries. The SQLite driver binds parameters in time quadratic in their
// number (it searches the argument list for each one), so there a statement
// keeps to under a thousand; MySQL's are interpolated on the client.
func (db *DB) RowsPerInsert(columns int) int {
	if db.Dialect == SQLite {
		return max(1, 999/max(1, columns))
	}
	return 1000
}

// File is the path of the database when it is a file on this machine
// (SQLite), and false when it is a server shared by several processes.
func (db *DB) File() (string, bool) {
	return db.path, db.Dialect == SQLite
}
