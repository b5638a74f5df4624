package tabular

import (
	"bytes"
	"io"
	"strconv"
	"testing"

	"pingyi/fault"
)

func TestWrittenFilesReadBack(t *testing.T) {
	rows := [][]string{{"response_ref", "comment"}, {"P-1", "逗号，\"引号\",\n换行"}, {"P-2", ""}}
	for _, f := range []Format{CSV, XLSX} {
		var buf bytes.Buffer
		w, err := NewWriter(&buf, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if err := w.Write(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		r, err := Open(&buf, f)
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; ; i++ {
			row, err := r.Next()
			if err == io.EOF {
				if i != len(rows) {
					t.Fatalf("%s: %d rows read back", f, i-1)
				}
				break
			}
			if row.Get("response_ref") != rows[i][0] || row.Get("comment") != rows[i][1] && rows[i][1] != "" {
				t.Fatalf("%s: row %d reads %v", f, i, row.Cells)
			}
		}
	}
}

// A sheet that is full refuses the next row: an import would read only the
// first sheet of a workbook, so nothing may go on a second one.
func TestAFullSheetRefusesMoreRows(t *testing.T) {
	sheetRows = 10
	defer func() { sheetRows = MaxSheetRows }()
	w, _ := NewWriter(io.Discard, XLSX)
	defer w.Abort()
	for i := range 10 {
		if err := w.Write([]string{strconv.Itoa(i)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Write([]string{"11"}); !fault.Is(err, fault.TooLarge) {
		t.Fatalf("row 11 of 10: %v", err)
	}
}
