package review_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"pingyi/review"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// TestDownloadsCarryLevelsAndParents: the test campaign's U001-1 is a
// station of U001; both downloads name each unit's level and parent, and
// U001's row counts its one station.
func TestDownloadsCarryLevelsAndParents(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, storage.SQLite))
	c, _ := f.published("2026-annual", 2026).Decode()
	var buf bytes.Buffer
	if err := review.WriteCSV(&buf, c); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	level, parent, count := slices.Index(rows[0], "层级"), slices.Index(rows[0], "上级单位编码"), slices.Index(rows[0], "下属站所数")
	if level < 0 || parent != level+1 || count != level+2 {
		t.Fatalf("CSV header without the level columns: %v", rows[0])
	}
	byCode := map[string][]string{}
	for _, r := range rows[1:] {
		byCode[r[4]] = r
	}
	if r := byCode["U001-1"]; r == nil || r[level] != "2" || r[parent] != "U001" {
		t.Errorf("U001-1's row: %v, want level 2 below U001", r)
	}
	if r := byCode["U001"]; r == nil || r[level] != "1" || r[parent] != "" || r[count] != "1" {
		t.Errorf("U001's row: %v, want level 1, no parent, 1 station", r)
	}

	buf.Reset()
	if err := review.WriteXLSX(&buf, c); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	got, _ := x.GetRows("排名")
	if len(got) != len(rows) || got[0][level] != "层级" {
		t.Fatalf("XLSX header %v", got[0])
	}
	for i, r := range got[1:] {
		if r[4] == "U001-1" && (r[level] != "2" || r[parent] != "U001") {
			t.Errorf("XLSX row %d: %v, want level 2 below U001", i+2, r)
		}
	}
}
