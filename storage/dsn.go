package storage

import (
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	mysqldriver "github.com/go-sql-driver/mysql"
	"gorm.io/driver/mysql"
	"gorm.io/gorm"
)

// DefaultSQLitePath is where Pingyi keeps its data when no database is named.
const DefaultSQLitePath = "pingyi.db"

// Target is a parsed database name.
type Target struct {
	Dialect  Dialect
	Path     string // SQLite file
	DSN      string // driver DSN
	Redacted string // for logs and errors: no password
}

// ParseDSN reads the --db / PINGYI_DB forms of SPEC.md:
//
//	""                                      SQLite at ./pingyi.db
//	sqlite:PATH                             SQLite at PATH
//	mysql://user:pass@tcp(host:3306)/name   MySQL or MariaDB
func ParseDSN(dsn string) (Target, error) {
	switch {
	case dsn == "":
		return sqliteTarget(DefaultSQLitePath)
	case strings.HasPrefix(dsn, "sqlite:"):
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" {
			return Target{}, fmt.Errorf("database %q: sqlite: needs a file path, e.g. sqlite:./pingyi.db", dsn)
		}
		return sqliteTarget(path)
	case strings.HasPrefix(dsn, "mysql://"):
		return mysqlTarget(strings.TrimPrefix(dsn, "mysql://"))
	default:
		return Target{}, fmt.Errorf("database %q: expected sqlite:PATH or mysql://user:pass@tcp(host:3306)/name", redactGuess(dsn))
	}
}

func sqliteTarget(path string) (Target, error) {
	if strings.ContainsAny(path, "?#") {
		return Target{}, fmt.Errorf("database sqlite:%s: the path may not carry options; Pingyi sets them", path)
	}
	q := url.Values{}
	// These run on every new connection. synchronous FULL makes every
	// committed response durable on power loss; immediate transactions take
	// the write lock up front, so two writers queue on busy_timeout instead
	// of failing with SQLITE_BUSY when one upgrades a read lock.
	// secure_delete zeroes what a write frees, so that erased personal data
	// (sealed contacts, sessions) does not linger in free space. WAL mode is
	// a property of the file and is set once, in useWAL.
	for _, p := range []string{"busy_timeout(10000)", "synchronous(FULL)", "foreign_keys(1)", "secure_delete(1)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	// No _time_format: the driver's default is already SQLite's own format,
	// and glebarez/go-sqlite v1.23 stops reading options after
	// _time_format, which silently dropped _txlock (found by the concurrent
	// migration test).
	return Target{Dialect: SQLite, Path: path, DSN: "file:" + path + "?" + q.Encode(), Redacted: "sqlite:" + path}, nil
}

func mysqlTarget(raw string) (Target, error) {
	cfg, err := mysqldriver.ParseDSN(raw)
	if err != nil {
		return Target{}, fmt.Errorf("database mysql://%s: %v", redactGuess(raw), err)
	}
	if cfg.DBName == "" {
		return Target{}, fmt.Errorf("database mysql://%s: no database name after the slash", redactGuess(raw))
	}
	cfg.ParseTime = true
	cfg.Loc = time.UTC
	if cfg.Params == nil {
		cfg.Params = map[string]string{}
	}
	cfg.Params["charset"] = "utf8mb4"
	cfg.Collation = "utf8mb4_unicode_ci"
	// Client-side interpolation saves a round trip per statement; safe with
	// utf8mb4 and what keeps the submission path fast.
	cfg.InterpolateParams = true
	cfg.Params["time_zone"] = "'+00:00'"
	redacted := *cfg
	if redacted.Passwd != "" {
		redacted.Passwd = "***"
	}
	return Target{Dialect: MySQL, DSN: cfg.FormatDSN(), Redacted: "mysql://" + redacted.FormatDSN()}, nil
}

// redactGuess hides what looks like a password in a DSN we could not parse.
func redactGuess(s string) string {
	at := strings.LastIndex(s, "@")
	colon := strings.Index(s, ":")
	if at > 0 && colon >= 0 && colon < at {
		return s[:colon+1] + "***" + s[at:]
	}
	return s
}

func (t Target) dialector() gorm.Dialector {
	if t.Dialect == SQLite {
		return sqlite.Open(t.DSN)
	}
	return mysql.New(mysql.Config{DSN: t.DSN, DefaultStringSize: 191})
}

func (t Target) tunePool(db *sql.DB, maxOpen int) {
	if t.Dialect == SQLite {
		// One file, one writer at a time: a few connections serve the
		// concurrent readers WAL allows without piling up waiting writers.
		if maxOpen == 0 {
			maxOpen = 8
		}
		db.SetMaxOpenConns(maxOpen)
		db.SetMaxIdleConns(maxOpen)
		db.SetConnMaxLifetime(0)
		return
	}
	if maxOpen == 0 {
		maxOpen = 64
	}
	db.SetMaxOpenConns(maxOpen)
	db.SetMaxIdleConns(maxOpen)
	db.SetConnMaxLifetime(5 * time.Minute) // below typical wait_timeout and proxy idle limits
}
