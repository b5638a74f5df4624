// Package storage opens Pingyi's database: SQLite (the embedded default) or
// MySQL/MariaDB (production, where several serve processes share one
// database). It is the one place that knows how the two differ.
package storage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"sync"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Dialect names the SQL back end.
type Dialect string

const (
	SQLite Dialect = "sqlite"
	MySQL  Dialect = "mysql"
)

// DB is an open database with its dialect and clock. Stores hold one and
// never reach for a global.
type DB struct {
	Gorm    *gorm.DB
	Dialect Dialect
	// Now is the clock every store uses, so tests can fix time. It returns
	// UTC truncated to microseconds, the precision both back ends keep.
	Now func() time.Time
	// Name describes the database for logs, without a password.
	Name string
	// path is the SQLite file; empty on MySQL (see File).
	path string
	// writer admits one transaction of this process at a time on SQLite
	// (see Tx); nil on MySQL.
	writer chan struct{}
	// log receives the retries of conflicts (see Tx).
	log *slog.Logger
}

// Options tune Open; the zero value is the production default.
type Options struct {
	MaxOpenConns int              // 0: a per-dialect default
	Logger       *slog.Logger     // nil: slog.Default()
	Clock        func() time.Time // nil: the system clock
}

// Open connects to the database named by dsn (see ParseDSN) and checks that
// it answers.
func Open(ctx context.Context, dsn string, opts Options) (*DB, error) {
	target, err := ParseDSN(dsn)
	if err != nil {
		return nil, err
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	clock := opts.Clock
	if clock == nil {
		clock = time.Now
	}
	db := &DB{Dialect: target.Dialect, Name: target.Redacted, path: target.Path, log: opts.Logger,
		Now: func() time.Time { return clock().UTC().Truncate(time.Microsecond) }}
	if target.Dialect == SQLite {
		db.writer = make(chan struct{}, 1)
		if err := configureSQLite(); err != nil {
			opts.Logger.Warn("SQLite keeps its default memory settings", "err", err)
		}
	}

	cfg := &gorm.Config{
		Logger:                 queryLogger(opts.Logger),
		TranslateError:         true,
		SkipDefaultTransaction: true, // every write path opens its own transaction where it needs one
		NowFunc:                db.Now,
	}
	db.Gorm, err = gorm.Open(target.dialector(), cfg)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", target.Redacted, err)
	}
	sqlDB, err := db.Gorm.DB()
	if err != nil {
		return nil, err
	}
	target.tunePool(sqlDB, opts.MaxOpenConns)
	if err := db.Ping(ctx); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("connect to %s: %w", target.Redacted, err)
	}
	if target.Dialect == SQLite {
		if err := useWAL(ctx, db); err != nil {
			sqlDB.Close()
			return nil, fmt.Errorf("%s: %w", target.Redacted, err)
		}
	}
	return db, nil
}

// useWAL switches the SQLite file to write-ahead logging, which lets readers
// (score runs, pages) go on while one writer commits. Changing the journal
// mode does not wait on the busy handler, so two processes opening a new
// file at once retry here instead of failing.
func useWAL(ctx context.Context, db *DB) error {
	var err error
	for attempt := 0; attempt < 50; attempt++ {
		var mode string
		if err = db.Gorm.WithContext(ctx).Raw("PRAGMA journal_mode=WAL").Scan(&mode).Error; err == nil {
			if mode != "wal" {
				return fmt.Errorf("cannot use WAL journal mode (got %q)", mode)
			}
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return err
}

// queryLogger reports slow and failed queries as statements with their
// placeholders, never their values: values hold token and device hashes,
// idempotency keys, address hashes and sealed personal data.
func queryLogger(log *slog.Logger) logger.Interface {
	recorderOnce.Do(func() {
		// gorm's Scan logs through a recorder of its own, which fills the
		// values in unless this package-wide hook says otherwise.
		logger.RecorderParamsFilter = func(_ context.Context, sql string, _ ...any) (string, []any) { return sql, nil }
	})
	return valueFreeLogger{logger.NewSlogLogger(log, logger.Config{
		SlowThreshold:             time.Second,
		LogLevel:                  logger.Warn,
		IgnoreRecordNotFoundError: true,
		ParameterizedQueries:      true,
	})}
}

var recorderOnce sync.Once

// valueFreeLogger wraps gorm's logger. gorm asks the logger itself
// whether to fill values into the statement it logs (gorm.ParamsFilter):
// a wrapper must answer, or gorm fills them in. It also keeps constraint
// violations out of the error log — stores meet them on purpose (a retried
// submission hits its idempotency key, a code is taken) and turn them into
// conflicts — and blanks the values that MySQL quotes in error messages
// ("Duplicate entry '…'", "Incorrect string value: '…'").
type valueFreeLogger struct{ logger.Interface }

// ParamsFilter keeps every value out of logged statements.
func (l valueFreeLogger) ParamsFilter(ctx context.Context, sql string, params ...any) (string, []any) {
	return sql, nil
}

func (l valueFreeLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	if errors.Is(err, gorm.ErrDuplicatedKey) || errors.Is(err, gorm.ErrForeignKeyViolated) {
		err = nil // still reported if slow
	}
	if IsRetryable(err) {
		// A conflict is normal under concurrency (and everyday on a Galera
		// cluster): the transaction rolls back and Tx runs it again, and
		// says so at debug level without the statement. Not even a slow
		// line: a lock wait timeout is slow by nature.
		return
	}
	if err != nil {
		err = quotesBlanked{err}
	}
	// Placeholders should be all there is; should a value be filled in by
	// a path of gorm's that asks no filter, its quotes are blanked.
	blanked := func() (string, int64) {
		sql, rows := fc()
		return quotedLiteral.ReplaceAllString(sql, "?"), rows
	}
	l.Interface.Trace(ctx, begin, blanked, err)
}

func (l valueFreeLogger) LogMode(level logger.LogLevel) logger.Interface {
	return valueFreeLogger{l.Interface.LogMode(level)}
}

// quotedValue is what a MySQL error message quotes: a value, or a key's
// name, which is lost with it.
var quotedValue = regexp.MustCompile(`'(?:[^'\\]|\\.)*'`)

// quotedLiteral is a string literal in a statement, as gorm's dialects
// write the values they fill in.
var quotedLiteral = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'`)

// quotesBlanked is an error whose message has its quoted values blanked.
type quotesBlanked struct{ err error }

func (e quotesBlanked) Error() string { return quotedValue.ReplaceAllString(e.err.Error(), "'?'") }
func (e quotesBlanked) Unwrap() error { return e.err }

// Scrub makes sure that what was just deleted or overwritten is gone from
// the database's files, not only from its tables. SQLite zeroes freed
// space as it writes (secure_delete), but the write-ahead log still holds
// earlier images of the pages: they are copied into the file and the log
// is truncated to nothing. MySQL has no such step: InnoDB keeps old
// versions of rows in undo logs and freed page space until purge and
// reuse, which is why personal data is sealed under keys that can be
// destroyed.
func (db *DB) Scrub(ctx context.Context) error {
	if db.Dialect != SQLite {
		return nil
	}
	var busy, logged, copied int
	if err := db.Gorm.WithContext(ctx).Raw("PRAGMA wal_checkpoint(TRUNCATE)").Row().Scan(&busy, &logged, &copied); err != nil {
		return err
	}
	if busy != 0 {
		return fmt.Errorf("the write-ahead log could not be emptied: a reader held it")
	}
	return nil
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	sqlDB, err := db.Gorm.DB()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return sqlDB.PingContext(ctx)
}

// Close releases the connections.
func (db *DB) Close() error {
	sqlDB, err := db.Gorm.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// WithContext returns the gorm handle bound to ctx.
func (db *DB) WithContext(ctx context.Context) *gorm.DB { return db.Gorm.WithContext(ctx) }

// Tx runs fn in one transaction: everything or nothing is written. A
// transaction the database aborts for a conflict — a deadlock, a lock wait
// timeout, a Galera certification conflict with a write through another
// node, a busy SQLite file — rolled back whole and runs again (up to five
// times, see Retry), so fn must be safe to run more than once: it sets
// what it returns rather than appending to it, and does nothing outside
// the transaction.
//
// On SQLite the process's transactions also take turns here. SQLite lets
// one writer in at a time and has the others poll, sleeping up to 100 ms
// between tries; under a few dozen concurrent submissions those sleeps,
// not the work, set the pace (p99 over a second, measured). Queueing in
// the process first hands the lock straight on. Other processes sharing
// the file still queue in SQLite's own lock, which remains the guard.
func (db *DB) Tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	_, err := retry(db.log, func() (struct{}, error) { return struct{}{}, db.tx(ctx, fn) })
	return err
}

func (db *DB) tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if db.writer != nil {
		select {
		case db.writer <- struct{}{}:
			defer func() { <-db.writer }()
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if db.Dialect == SQLite {
		return withSQLiteHandle(ctx, db.Gorm, fn)
	}
	return db.Gorm.WithContext(ctx).Transaction(fn)
}

// IsNotFound reports a lookup that found no row.
func IsNotFound(err error) bool { return errors.Is(err, gorm.ErrRecordNotFound) }

// IsDuplicate reports a unique-key violation, on either back end.
func IsDuplicate(err error) bool { return errors.Is(err, gorm.ErrDuplicatedKey) }
