package tabular

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A wide table past a sheet's limits continues on further sheets: columns
// on sheets that repeat the fixed ones, rows on a new set with the header.
func TestAWideTableSplitsAcrossSheets(t *testing.T) {
	sheetRows, sheetColumns = 3, 4
	defer func() { sheetRows, sheetColumns = MaxSheetRows, MaxSheetColumns }()
	var buf bytes.Buffer
	w, err := NewWideWriter(&buf, XLSX, 2)
	if err != nil {
		t.Fatal(err)
	}
	header := []string{"答卷编号", "群体", "A·1", "A·2", "B·1", "B·2", "C·1"}
	w.Write(header)
	for i := range 5 {
		w.Write([]string{fmt.Sprintf("P-%d", i), "g", "满意", "=cmd", "x", "y", "z"})
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	book, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][][]string{
		"答卷1-1": {{"答卷编号", "群体", "A·1", "A·2"}, {"P-0", "g", "满意", "'=cmd"}, {"P-1", "g", "满意", "'=cmd"}},
		"答卷1-2": {{"答卷编号", "群体", "B·1", "B·2"}, {"P-0", "g", "x", "y"}, {"P-1", "g", "x", "y"}},
		"答卷1-3": {{"答卷编号", "群体", "C·1"}, {"P-0", "g", "z"}, {"P-1", "g", "z"}},
		"答卷2-1": {{"答卷编号", "群体", "A·1", "A·2"}, {"P-2", "g", "满意", "'=cmd"}, {"P-3", "g", "满意", "'=cmd"}},
		"答卷3-3": {{"答卷编号", "群体", "C·1"}, {"P-4", "g", "z"}},
	}
	if n := len(book.GetSheetList()); n != 9 {
		t.Fatalf("%d sheets: %v", n, book.GetSheetList())
	}
	for sheet, rows := range want {
		got, err := book.GetRows(sheet)
		if err != nil || fmt.Sprint(got) != fmt.Sprint(rows) {
			t.Errorf("%s: %v %v, want %v", sheet, got, err, rows)
		}
	}
}

// A CSV is one table however wide, streamed as it is written.
func TestAWideCSVIsOneTable(t *testing.T) {
	var buf bytes.Buffer
	w, _ := NewWideWriter(&buf, CSV, 1)
	w.Write([]string{"答卷编号", "A·1"})
	w.Write([]string{"P-1", "+1x"})
	w.Close()
	if got := buf.String(); got != "\ufeff答卷编号,A·1\nP-1,'+1x\n" {
		t.Fatalf("%q", got)
	}
}
