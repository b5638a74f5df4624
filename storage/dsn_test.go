package storage

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseDSN(t *testing.T) {
	tests := []struct {
		in       string
		dialect  Dialect
		redacted string
		wantErr  string
	}{
		{in: "", dialect: SQLite, redacted: "sqlite:pingyi.db"},
		{in: "sqlite:/var/lib/pingyi/data.db", dialect: SQLite, redacted: "sqlite:/var/lib/pingyi/data.db"},
		{in: "mysql://pingyi:s3cret@tcp(db.internal:3306)/pingyi", dialect: MySQL, redacted: "mysql://pingyi:***@tcp(db.internal:3306)/pingyi"},
		{in: "sqlite:", wantErr: "needs a file path"},
		{in: "sqlite:x.db?cache=shared", wantErr: "may not carry options"},
		{in: "mysql://pingyi:pw@tcp(db:3306)/", wantErr: "no database name"},
		{in: "postgres://u:topsecret@h/db", wantErr: "expected sqlite:PATH or mysql://"},
	}
	for _, tt := range tests {
		got, err := ParseDSN(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseDSN(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), "topsecret") {
				t.Errorf("ParseDSN(%q) error leaks the password: %v", tt.in, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDSN(%q): %v", tt.in, err)
			continue
		}
		if got.Dialect != tt.dialect || !strings.HasPrefix(got.Redacted, tt.redacted) {
			t.Errorf("ParseDSN(%q) = %s %q, want %s %q", tt.in, got.Dialect, got.Redacted, tt.dialect, tt.redacted)
		}
		if strings.Contains(got.Redacted, "s3cret") {
			t.Errorf("redacted name leaks the password: %s", got.Redacted)
		}
	}
}

func TestMySQLDSNForcesUTCAndUTF8(t *testing.T) {
	got, err := ParseDSN("mysql://root@tcp(127.0.0.1:3306)/test")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"parseTime=true", "charset=utf8mb4", "interpolateParams=true", "time_zone="} {
		if !strings.Contains(got.DSN, want) {
			t.Errorf("driver DSN %q lacks %s", got.DSN, want)
		}
	}
}

func TestConstraintViolationsAreNotLoggedAsErrors(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	db, err := Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "x.db"), Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Gorm.Exec("CREATE TABLE t (k TEXT PRIMARY KEY)")
	db.Gorm.Exec("INSERT INTO t VALUES ('a')")
	if err := db.Gorm.Exec("INSERT INTO t VALUES ('a')").Error; !IsDuplicate(err) {
		t.Fatalf("duplicate insert: %v", err)
	}
	if strings.Contains(buf.String(), "level=ERROR") {
		t.Fatalf("an expected duplicate key was logged as an error:\n%s", buf.String())
	}
	if err := db.Gorm.Exec("INSERT INTO nowhere VALUES (1)").Error; err == nil {
		t.Fatal("insert into a missing table succeeded")
	}
	if !strings.Contains(buf.String(), "level=ERROR") {
		t.Fatal("a real error was not logged")
	}
}
