package storagetest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	mysqldriver "github.com/go-sql-driver/mysql"

	"pingyi/migrations"
	"pingyi/storage"
)

// Kept returns the migrated database called name of dialect d, creating it
// if it does not exist, and keeps it after the run: a benchmark whose data
// take minutes to generate fills it once and measures it again cheaply.
// SQLite keeps it as NAME.db in the temporary directory, MariaDB as the
// database NAME on the test server. The caller tells by its own marker
// whether the data are there; name should carry everything that shapes
// them.
func Kept(t testing.TB, d storage.Dialect, name string) *storage.DB {
	t.Helper()
	dsn := ""
	switch d {
	case storage.SQLite:
		dsn = "sqlite:" + filepath.Join(os.TempDir(), name+".db")
	case storage.MySQL:
		dsn = keptMySQL(t, name)
	default:
		t.Fatalf("unknown dialect %q", d)
	}
	db, err := storage.Open(context.Background(), dsn, storage.Options{Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := migrations.Up(context.Background(), db); err != nil {
		t.Fatalf("migrate %s: %v", db.Name, err)
	}
	return db
}

// Forget removes the kept database name, so the next Kept starts empty.
func Forget(t testing.TB, d storage.Dialect, name string) {
	t.Helper()
	switch d {
	case storage.SQLite:
		base := filepath.Join(os.TempDir(), name+".db")
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Remove(base + suffix); err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
		}
	case storage.MySQL:
		admin := mysqlAdmin(t)
		defer admin.Close()
		if err := admin.Gorm.Exec(fmt.Sprintf("DROP DATABASE IF EXISTS `%s`", name)).Error; err != nil {
			t.Fatal(err)
		}
	}
}

func keptMySQL(t testing.TB, name string) string {
	t.Helper()
	admin := mysqlAdmin(t)
	defer admin.Close()
	if err := admin.Gorm.Exec(fmt.Sprintf("CREATE DATABASE IF NOT EXISTS `%s` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", name)).Error; err != nil {
		t.Fatal(err)
	}
	cfg := mysqlConfig(t)
	cfg.DBName = name
	return "mysql://" + cfg.FormatDSN()
}

func mysqlConfig(t testing.TB) *mysqldriver.Config {
	t.Helper()
	raw := strings.TrimPrefix(os.Getenv(EnvMySQL), "mysql://")
	if raw == "" {
		t.Fatalf("%s is not set", EnvMySQL)
	}
	cfg, err := mysqldriver.ParseDSN(raw)
	if err != nil {
		t.Fatalf("%s: %v", EnvMySQL, err)
	}
	return cfg
}

func mysqlAdmin(t testing.TB) *storage.DB {
	t.Helper()
	admin, err := storage.Open(context.Background(), "mysql://"+mysqlConfig(t).FormatDSN(), storage.Options{Logger: quietLogger(), MaxOpenConns: 1})
	if err != nil {
		t.Fatalf("connect to the test MariaDB: %v", err)
	}
	return admin
}
