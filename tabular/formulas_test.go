package tabular

import (
	"bytes"
	"io"
	"testing"
)

// Cells a spreadsheet would run as formulas go out of a staff export with
// a leading apostrophe, in CSV and XLSX alike; numbers stay as they are;
// and the plain writer, which publication downloads use, changes nothing.
func TestStaffExportsNeutraliseFormulas(t *testing.T) {
	cells := []struct{ in, staff string }{
		{`=HYPERLINK("http://evil.example","点这里")`, `'=HYPERLINK("http://evil.example","点这里")`},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A2)", "'@SUM(A1:A2)"},
		{"\t=1+1", "'\t=1+1"},
		{"-Inf", "'-Inf"},
		{"-3.5", "-3.5"},
		{"+12", "+12"},
		{"1e-3", "1e-3"},
		{"很满意 = 5", "很满意 = 5"},
		{"", ""},
	}
	header := []string{"n", "comment"}
	for _, f := range []Format{CSV, XLSX} {
		for _, staff := range []bool{true, false} {
			var buf bytes.Buffer
			newWriter := NewWriter
			if staff {
				newWriter = NewStaffExport
			}
			w, err := newWriter(&buf, f)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(header)
			for _, c := range cells {
				if err := w.Write([]string{"1", c.in}); err != nil {
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
			for i := 0; ; i++ {
				row, err := r.Next()
				if err == io.EOF {
					if i != len(cells) {
						t.Fatalf("%s: %d rows read back, want %d", f, i, len(cells))
					}
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				want := cells[i].in
				if staff {
					want = cells[i].staff
				}
				got := "" // an XLSX row ends at its last non-empty cell
				if len(row.Cells) > 1 {
					got = row.Cells[1]
				}
				if got != want {
					t.Errorf("%s, staff %v: %q written as %q, want %q", f, staff, cells[i].in, got, want)
				}
			}
		}
	}
}
