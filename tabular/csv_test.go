package tabular

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"pingyi/cputime"
	"pingyi/fault"
)

// The splitter must read every file as encoding/csv does: the same
// records, on the same lines, and the same malformed lines.
func TestCSVRecordsReadAsEncodingCSV(t *testing.T) {
	long := strings.Repeat("x", 100<<10)
	for _, text := range []string{
		"a,b,c\n1,2,3\n",
		"a,b,c\r\n1,2,3\r\n",
		"a,b\n\n\r\n1,2\n\n",
		"a,b,\n,,\n",
		"a,b\n1,2",
		"a,b\n1,2\r",
		"a,b\n1,\"x, y\",3\n4,5\n",
		"a,b\n1,\"two\nlines\",3\n4,5\n",
		"a,b\n1,\"quoted \"\"word\"\"\r\nand more\"\n4,5\r\n",
		"a,b\n\"\",\"\"\n",
		"a,b\n1,\"\n\n\"\n2,3\n",
		"a,b\n1,x\"y\n2,3\n",
		"a,b\n1,2\n3,\"open\n4,5\n",
		"a,b\n1,\"x\"y,2\n3,4\n",
		"a,b\n1,\r2\n",
		"a,b\n" + long + ",1\n2," + long + "\n",
		"a,b\n\"" + long + "\n" + long + "\",1\n2,3\n",
		"\ufeffa,b\n1,2\n",
	} {
		want, wantErr := encodingCSV(text)
		for _, src := range []io.Reader{strings.NewReader(text), iotest.OneByteReader(strings.NewReader(text)), iotest.HalfReader(strings.NewReader(text))} {
			got, gotErr := splitter(src)
			if !slices.EqualFunc(got, want, func(a, b lineRecord) bool { return a.line == b.line && slices.Equal(a.cells, b.cells) }) {
				t.Errorf("%.60q: got %.200v, want %.200v", text, got, want)
			}
			if gotErr != wantErr {
				t.Errorf("%.60q: error %q, want %q", text, gotErr, wantErr)
			}
		}
	}
}

type lineRecord struct {
	line  int
	cells []string
}

func encodingCSV(text string) ([]lineRecord, string) {
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord = -1
	var out []lineRecord
	for {
		rec, err := cr.Read()
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			return out, fault.Invalidf("line %d: the CSV is malformed (%v)", perr.Line, perr.Err).Error()
		}
		if err == io.EOF {
			return out, ""
		}
		line, _ := cr.FieldPos(0)
		out = append(out, lineRecord{line, rec})
	}
}

func splitter(src io.Reader) ([]lineRecord, string) {
	c := newCSVRecords(src)
	var out []lineRecord
	for {
		rec, line, err := c.next()
		if err == io.EOF {
			return out, ""
		}
		if err != nil {
			return out, err.Error()
		}
		out = append(out, lineRecord{line, rec})
	}
}

// A reader's error comes after the lines read before it, as it does from
// encoding/csv.
func TestCSVRecordsGiveTheLinesBeforeAnError(t *testing.T) {
	broken := errors.New("broken")
	c := newCSVRecords(io.MultiReader(strings.NewReader("a,b\n1,2\n3"), failing{broken}))
	var lines []int
	for {
		_, line, err := c.next()
		if err != nil {
			if err != broken {
				t.Fatalf("err = %v", err)
			}
			break
		}
		lines = append(lines, line)
	}
	if !slices.Equal(lines, []int{1, 2}) {
		t.Fatalf("lines %v", lines)
	}
}

type failing struct{ err error }

func (f failing) Read([]byte) (int, error) { return 0, f.err }

// BenchmarkCSVRecords splits lines like a paper import's.
func BenchmarkCSVRecords(b *testing.B) {
	var text strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&text, "P-%07d,deputies,U%03d,efficiency,满意,paper,1.5,district-%d,2026-11-21T10:00:00+08:00,\n", i/328, i%82+1, i%7)
	}
	b.SetBytes(int64(text.Len()))
	cpu := cputime.Start()
	defer func() { b.ReportMetric(cpu.Seconds()*1e9/float64(b.N)/20000, "cpu-ns/line") }()
	for b.Loop() {
		c := newCSVRecords(strings.NewReader(text.String()))
		for {
			if _, _, err := c.next(); err != nil {
				break
			}
		}
	}
}
