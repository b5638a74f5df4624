package tabular

import (
	"bytes"
	"io"
	"testing"

	"github.com/xuri/excelize/v2"
)

func readAll(t *testing.T, r *Reader) []Row {
	t.Helper()
	var rows []Row
	for {
		row, err := r.Next()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, row)
	}
}

func TestCSVWithBOMAnyOrderAndLineNumbers(t *testing.T) {
	src := "\ufeffName, CODE ,category\n市公安局,U001,enforcement\n\n\"市教育局\n（含多行）\",U002,service\n短行\n"
	r, err := Open(bytes.NewBufferString(src), CSV)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Has("code") || !r.Has("name") || r.Has("parent") {
		t.Fatalf("header: code %v, name %v, parent %v", r.Has("code"), r.Has("name"), r.Has("parent"))
	}
	rows := readAll(t, r)
	if len(rows) != 3 {
		t.Fatalf("got %d rows, want 3 (the blank line skipped)", len(rows))
	}
	if rows[0].Get("code") != "U001" || rows[0].Line != 2 {
		t.Errorf("row 1: %q at line %d", rows[0].Get("code"), rows[0].Line)
	}
	if rows[1].Get("name") != "市教育局\n（含多行）" || rows[1].Line != 4 {
		t.Errorf("row 2: %q at line %d", rows[1].Get("name"), rows[1].Line)
	}
	if rows[2].Get("code") != "" || rows[2].Line != 6 {
		t.Errorf("short row: %q at line %d", rows[2].Get("code"), rows[2].Line)
	}
}

func TestCSVErrorsNameTheLine(t *testing.T) {
	r, err := Open(bytes.NewBufferString("code,name\nU1,\"unclosed\n"), CSV)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); err == nil || err.Error()[:6] != "line 2" {
		t.Fatalf("err = %v, want one naming line 2", err)
	}
	if _, err := Open(bytes.NewBufferString(""), CSV); err != ErrNoHeader {
		t.Fatalf("empty file: %v", err)
	}
	if _, err := Open(bytes.NewBufferString("code,Code\n"), CSV); err == nil {
		t.Fatal("duplicate column accepted")
	}
}

func TestXLSXRowsKeepSpreadsheetNumbers(t *testing.T) {
	f := excelize.NewFile()
	sheet := f.GetSheetName(0)
	f.SetSheetRow(sheet, "A1", &[]any{"code", "name"})
	f.SetSheetRow(sheet, "A2", &[]any{"U001", "市公安局"})
	f.SetSheetRow(sheet, "A4", &[]any{"U002", 42})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	r, err := Open(&buf, XLSX)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rows := readAll(t, r)
	if len(rows) != 2 || rows[0].Line != 2 || rows[1].Line != 4 || rows[1].Get("name") != "42" {
		t.Fatalf("rows %+v", rows)
	}
}

func TestFormatOf(t *testing.T) {
	for name, want := range map[string]Format{"units.CSV": CSV, "a/b/frame.xlsx": XLSX} {
		if got, err := FormatOf(name); err != nil || got != want {
			t.Errorf("FormatOf(%q) = %v, %v", name, got, err)
		}
	}
	if _, err := FormatOf("units.xls"); err == nil {
		t.Error("legacy .xls accepted")
	}
}
