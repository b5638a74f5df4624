// Package storagetest gives each test a fresh, migrated database through the
// production constructor: SQLite always, and MariaDB/MySQL as well when
// PINGYI_TEST_MYSQL_DSN names a server (root@tcp(127.0.0.1:3306)/test). No
// mock stands in for a database anywhere in Pingyi's tests.
package storagetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"pingyi/migrations"
	"pingyi/storage"
)

// EnvMySQL names the variable holding the MariaDB server for tests.
const EnvMySQL = "PINGYI_TEST_MYSQL_DSN"

// Backends returns the back ends this test run covers.
func Backends() []storage.Dialect {
	if os.Getenv(EnvMySQL) != "" {
		return []storage.Dialect{storage.SQLite, storage.MySQL}
	}
	return []storage.Dialect{storage.SQLite}
}

// Each runs fn as a subtest on a fresh migrated database of every back end.
func Each(t *testing.T, fn func(t *testing.T, db *storage.DB)) {
	t.Helper()
	for _, d := range Backends() {
		t.Run(string(d), func(t *testing.T) { fn(t, Open(t, d)) })
	}
}

// Open returns a fresh migrated database of dialect d, removed after the test.
func Open(t testing.TB, d storage.Dialect) *storage.DB {
	t.Helper()
	db := OpenEmpty(t, d)
	if _, err := migrations.Up(context.Background(), db); err != nil {
		t.Fatalf("migrate %s: %v", db.Name, err)
	}
	return db
}

// OpenEmpty returns a fresh database without any schema.
func OpenEmpty(t testing.TB, d storage.Dialect) *storage.DB {
	t.Helper()
	db, err := storage.Open(context.Background(), DSN(t, d), storage.Options{Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// DSN returns a fresh empty database of dialect d as a --db value, for tests
// that start the real program.
func DSN(t testing.TB, d storage.Dialect) string {
	t.Helper()
	switch d {
	case storage.SQLite:
		return "sqlite:" + filepath.Join(t.TempDir(), "test.db")
	case storage.MySQL:
		return freshMySQL(t)
	}
	t.Fatalf("unknown dialect %q", d)
	return ""
}

// freshMySQL creates a database with a random name on the test server and
// drops it when the test ends, so tests (and parallel test binaries) never
// see each other's rows.
func freshMySQL(t testing.TB) string {
	t.Helper()
	cfg := mysqlConfig(t)
	admin, err := storage.Open(context.Background(), "mysql://"+cfg.FormatDSN(), storage.Options{Logger: quietLogger(), MaxOpenConns: 2})
	if err != nil {
		t.Fatalf("connect to the test MariaDB: %v", err)
	}
	defer admin.Close()
	suffix := make([]byte, 6)
	rand.Read(suffix)
	name := "pingyi_t_" + hex.EncodeToString(suffix)
	if err := admin.Gorm.Exec(fmt.Sprintf("CREATE DATABASE `%s` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", name)).Error; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin, err := storage.Open(context.Background(), "mysql://"+cfg.FormatDSN(), storage.Options{Logger: quietLogger(), MaxOpenConns: 1})
		if err != nil {
			t.Errorf("drop test database %s: %v", name, err)
			return
		}
		defer admin.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		admin.Gorm.WithContext(ctx).Exec(fmt.Sprintf("DROP DATABASE IF EXISTS `%s`", name))
	})
	cfg.DBName = name
	return "mysql://" + cfg.FormatDSN()
}

func quietLogger() *slog.Logger {
	if os.Getenv("PINGYI_TEST_SQL_LOG") != "" {
		return slog.Default()
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}
