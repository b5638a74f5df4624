package migrations

import (
	"bytes"
	"fmt"
	"text/template"

	"pingyi/storage"
)

// columnTypes is the one seam where SQLite and MySQL DDL differ. Migration
// files write {{.ID}}, {{.Time}} and so on, and each dialect fills them in,
// so every table is described once.
type columnTypes struct {
	ID     string // auto-increment primary key
	BigInt string
	Int    string
	Bool   string
	Double string
	Time   string // UTC, microseconds; SQLite keeps text the driver parses for DATETIME columns
	Text   string // long text, never indexed
	Blob   string // binary, up to megabytes
	Table  string // table options after the closing parenthesis
	// dialect serves the statements whose shape differs (DropIndex).
	dialect storage.Dialect
}

// DropIndex is the statement that drops an index: MySQL names the table,
// SQLite does not allow it to.
func (c columnTypes) DropIndex(index, table string) string {
	if c.dialect == storage.MySQL {
		return "DROP INDEX " + index + " ON " + table
	}
	return "DROP INDEX " + index
}

var dialectTypes = map[storage.Dialect]columnTypes{
	storage.SQLite: {
		ID: "INTEGER PRIMARY KEY AUTOINCREMENT", BigInt: "INTEGER", Int: "INTEGER",
		Bool: "INTEGER", Double: "REAL", Time: "DATETIME", Text: "TEXT", Blob: "BLOB",
		dialect: storage.SQLite,
	},
	storage.MySQL: {
		ID: "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY", BigInt: "BIGINT", Int: "INT",
		Bool: "TINYINT(1)", Double: "DOUBLE", Time: "DATETIME(6)", Text: "MEDIUMTEXT", Blob: "MEDIUMBLOB",
		Table:   "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
		dialect: storage.MySQL,
	},
}

func render(d storage.Dialect, name, src string) (string, error) {
	types, ok := dialectTypes[d]
	if !ok {
		return "", fmt.Errorf("no column types for dialect %q", d)
	}
	t, err := template.New(name).Option("missingkey=error").Parse(src)
	if err != nil {
		return "", fmt.Errorf("migration %s: %w", name, err)
	}
	var out bytes.Buffer
	if err := t.Execute(&out, types); err != nil {
		return "", fmt.Errorf("migration %s: %w", name, err)
	}
	return out.String(), nil
}
