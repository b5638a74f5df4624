package tabular

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// Rows yields what Next does, in order, ends with Next's error, and may be
// left early without leaving its goroutine behind.
func TestRowsReadAheadAsNextDoes(t *testing.T) {
	var b strings.Builder
	b.WriteString("code,name\n")
	for i := range 3*aheadBatch + 7 {
		fmt.Fprintf(&b, "U%04d,单位%d\n", i, i)
	}
	r, err := Open(strings.NewReader(b.String()), CSV)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	var last error
	for row, err := range r.Rows() {
		if err != nil {
			last = err
			break
		}
		if row.Get("code") != fmt.Sprintf("U%04d", n) || row.Line != n+2 {
			t.Fatalf("row %d: line %d, %q", n, row.Line, row.Cells)
		}
		n++
	}
	if n != 3*aheadBatch+7 || !errors.Is(last, io.EOF) {
		t.Fatalf("%d rows, then %v", n, last)
	}

	bad := "code,name\n" + strings.Repeat("U1,x\n", aheadBatch+3) + "U2,\"unclosed\n"
	r, _ = Open(strings.NewReader(bad), CSV)
	n, last = 0, nil
	for _, err := range r.Rows() {
		if err != nil {
			last = err
			break
		}
		n++
	}
	if n != aheadBatch+3 || last == nil || errors.Is(last, io.EOF) {
		t.Fatalf("%d rows, then %v", n, last)
	}

	r, _ = Open(strings.NewReader(b.String()), CSV)
	for range r.Rows() {
		break
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
}
