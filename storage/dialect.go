package storage

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

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
// Conflicts are retried as in Tx.
func (db *DB) TxReadCommitted(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if db.Dialect == MySQL {
		_, err := retry(db.log, func() (struct{}, error) {
			return struct{}{}, db.Gorm.WithContext(ctx).Transaction(fn, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
		})
		return err
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

// OnConflictUpdate is the tail of a multi-row INSERT that, for a row whose
// key (the columns of a unique index) is already held, updates the given
// columns to the inserted values instead.
func (db *DB) OnConflictUpdate(key, update []string) string {
	return db.onConflict(key, update, func(c, inserted string) string { return c + " = " + inserted })
}

// onConflictUpdateChanged is OnConflictUpdate for rows that often come
// again unchanged, such as a platform's cumulative export imported month
// after month: a held row of table that equals the inserted one in every
// updated column but touched (an updated_at) is left alone, so that neither
// it nor its index entries nor an undo record are written again.
func (db *DB) onConflictUpdateChanged(table string, key, update []string, touched string) string {
	if touched == "" {
		return db.OnConflictUpdate(key, update)
	}
	var others, held, inserted []string
	for _, c := range update {
		if c != touched {
			others = append(others, c)
			held = append(held, table+"."+c)
			inserted = append(inserted, "VALUES("+c+")")
		}
	}
	if db.Dialect == MySQL {
		// MySQL assigns from left to right, so touched, first, compares the
		// held values; it writes no row none of whose columns change. The
		// comparison is of bytes: by the column's collation 'b' = 'B'.
		for i := range held {
			held[i], inserted[i] = "BINARY "+held[i], "BINARY "+inserted[i]
		}
		same := "(" + strings.Join(held, ", ") + ") <=> (" + strings.Join(inserted, ", ") + ")"
		return db.onConflict(key, append([]string{touched}, others...), func(c, in string) string {
			if c == touched {
				return c + " = IF(" + same + ", " + c + ", " + in + ")"
			}
			return c + " = " + in
		})
	}
	for i, c := range others {
		inserted[i] = "excluded." + c
	}
	return db.OnConflictUpdate(key, update) +
		" WHERE (" + strings.Join(held, ", ") + ") IS NOT (" + strings.Join(inserted, ", ") + ")"
}

// onConflictAdd is the tail of a multi-row INSERT that, for a row whose key
// is already held, adds the inserted values to the given columns.
func (db *DB) onConflictAdd(key, add []string) string {
	return db.onConflict(key, add, func(c, inserted string) string { return c + " = " + c + " + " + inserted })
}

// onConflict writes the dialect's clause, set giving each column's
// assignment from the name of the value the row brought.
func (db *DB) onConflict(key, columns []string, set func(c, inserted string) string) string {
	var b strings.Builder
	if db.Dialect == MySQL {
		b.WriteString(" ON DUPLICATE KEY UPDATE ")
	} else {
		b.WriteString(" ON CONFLICT (" + strings.Join(key, ", ") + ") DO UPDATE SET ")
	}
	for i, c := range columns {
		if i > 0 {
			b.WriteString(", ")
		}
		if db.Dialect == MySQL {
			b.WriteString(set(c, "VALUES("+c+")"))
		} else {
			b.WriteString(set(c, "excluded."+c))
		}
	}
	return b.String()
}

// BigCache lets SQLite keep the pages a large write in tx touches in memory
// (up to 128 MiB, outside Go's heap): an import whose rows land all over an
// index otherwise spends most of its time re-reading pages through the
// default 2 MiB cache. MySQL's buffer pool is the server's to size. The
// returned function restores the connection's setting.
func (db *DB) BigCache(tx *gorm.DB) (restore func()) {
	if db.Dialect != SQLite {
		return func() {}
	}
	var old int64
	tx.Raw("PRAGMA cache_size").Scan(&old)
	tx.Exec("PRAGMA cache_size = -131072")
	return func() { tx.Exec("PRAGMA cache_size = " + strconv.FormatInt(old, 10)) }
}

// UpsertInto says what an Upserter writes.
type UpsertInto struct {
	Table   string
	Columns []string // what each row gives, in order
	// Key are the columns of a unique index: a row whose key is held is
	// updated. Without a Key rows are only inserted, and a row whose
	// unique key is held fails the write (IsDuplicate).
	Key    []string
	Update []string // the columns such a row takes from the new one
	// Touched, if set, is the one column of Update (an updated_at) that
	// alone does not make a held row changed: one equal to the new row in
	// all the others is left as it is (see onConflictUpdateChanged).
	Touched string
	// ID, if set, is the table's auto-increment primary key. On MySQL the
	// rows a batch marks as held (Batch.Held) are then written with their
	// id: InnoDB meets a held unique key only after it has inserted the
	// new row into the table, which it must then take out again, while a
	// held primary key it meets at once. At a million re-imported appeal
	// cases with a 128 MiB buffer pool those inserted and removed rows
	// were most of the disk's work.
	ID string
	// MaxBatch, if set, caps the rows of a batch, for rows so large that
	// the default batch would hold many megabytes.
	MaxBatch int
}

// NewUpserter returns an Upserter of rows as into says, within tx. On
// SQLite rows are written one by one through a statement prepared once on
// the transaction's own connection (boundRows), which tx must therefore
// come from DB.Tx. MySQL's driver sends a prepared statement's parameters
// in one packet, so there a batch is a multi-row VALUES of a statement
// prepared once.
func (db *DB) NewUpserter(ctx context.Context, tx *gorm.DB, into UpsertInto) (*Upserter, error) {
	u := &Upserter{tx: tx, columns: len(into.Columns)}
	onConflict := ""
	if len(into.Key) > 0 {
		onConflict = db.onConflictUpdateChanged(into.Table, into.Key, into.Update, into.Touched)
	}
	if db.Dialect == SQLite {
		h, err := sqliteHandleIn(tx)
		if err != nil {
			return nil, err
		}
		bound, err := newBoundRows(h, into.Table, into.Columns, onConflict)
		if err != nil {
			return nil, err
		}
		u.perStmt, u.bound = capped(sqliteRowsPerBatch, into.MaxBatch), bound
		return u, nil
	}
	columns := into.Columns
	if into.ID != "" {
		u.withIDs = true
		columns = append([]string{into.ID}, columns...)
	}
	u.perStmt = capped(db.RowsPerInsert(len(columns)), into.MaxBatch)
	u.manyValues = newValuesBatch(into.Table, columns, onConflict)
	return u, nil
}

// capped is n, or limit if that is set and smaller.
func capped(n, limit int) int {
	if limit > 0 {
		return min(n, limit)
	}
	return n
}
