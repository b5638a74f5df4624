package migrations

import (
	"strings"
	"testing"

	"pingyi/storage"
)

// A trigger's body holds statements of its own; it reaches the database as
// one statement with them, and the statements around it stay apart.
func TestStatementsKeepATriggerWhole(t *testing.T) {
	body := `CREATE TABLE a (x {{.Int}});
-- counts what goes into a
CREATE TRIGGER a_count AFTER INSERT ON a FOR EACH ROW
BEGIN
  INSERT INTO b VALUES (NEW.x);
  IF NEW.x > 1 THEN
    INSERT INTO b VALUES (1);
  END IF;
END;
DROP TABLE c;
`
	got, err := statements(storage.SQLite, "t", body)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || !strings.HasPrefix(got[1], "-- counts") || !strings.HasSuffix(got[1], "END IF;\nEND") ||
		got[2] != "DROP TABLE c" {
		t.Fatalf("split into %d statements: %q", len(got), got)
	}
	if _, err := statements(storage.SQLite, "t", "CREATE TRIGGER x AFTER INSERT ON a FOR EACH ROW\nBEGIN\n  DELETE FROM b;\n"); err == nil ||
		!strings.Contains(err.Error(), "no END") {
		t.Fatalf("a body without END: %v", err)
	}
}
