package storagetest

import (
	"strings"
	"testing"

	"pingyi/storage"
)

// RefuseInsert makes db refuse, with message, to insert a row of table
// whose column holds value: a write that fails partway through the work a
// test drives, in each database's own trigger syntax.
func RefuseInsert(t testing.TB, db *storage.DB, table, column, value, message string) {
	t.Helper()
	// A trigger cannot take parameters: the value goes in as a literal.
	quote := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	literal := quote(value)
	trigger := `CREATE TRIGGER refuse_insert BEFORE INSERT ON ` + table + ` FOR EACH ROW
		WHEN NEW.` + column + ` = ` + literal + ` BEGIN SELECT RAISE(ABORT, ` + quote(message) + `); END`
	if db.Dialect == storage.MySQL {
		trigger = `CREATE TRIGGER refuse_insert BEFORE INSERT ON ` + table + ` FOR EACH ROW
			BEGIN IF NEW.` + column + ` = ` + literal + ` THEN
			SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = ` + quote(message) + `; END IF; END`
	}
	if err := db.Gorm.Exec(trigger).Error; err != nil {
		t.Fatal(err)
	}
}
