package tabular

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"pingyi/fault"
)

// MaxSheetRows is how many rows an XLSX sheet holds (Excel's limit).
const MaxSheetRows = 1 << 20

// sheetRows is MaxSheetRows, lowered by tests.
var sheetRows = MaxSheetRows

// Writer streams rows into a CSV or XLSX file, header first.
type Writer struct {
	out   io.Writer
	csv   *csv.Writer
	book  *excelize.File
	sheet *excelize.StreamWriter
	row   int
	// neutralise marks a staff export (see NewStaffExport).
	neutralise bool
}

// NewWriter starts a file of the given format on out. The first row written
// is the header. A CSV starts with a byte-order mark, so that spreadsheet
// programs read its Chinese as UTF-8; Open skips it.
func NewWriter(out io.Writer, format Format) (*Writer, error) {
	w := &Writer{out: out}
	switch format {
	case CSV:
		if _, err := io.WriteString(out, "\ufeff"); err != nil {
			return nil, err
		}
		w.csv = csv.NewWriter(out)
	case XLSX:
		w.book = excelize.NewFile()
		sw, err := w.book.NewStreamWriter("Sheet1")
		if err != nil {
			w.book.Close()
			return nil, err
		}
		w.sheet = sw
	default:
		return nil, fmt.Errorf("unknown format %q", format)
	}
	return w, nil
}

// Write adds one row. An XLSX holds one sheet: Pingyi reads only the first
// sheet of a workbook, so rows past the sheet's limit are refused rather
// than continued on a sheet that an import would never see. Nothing of an
// XLSX has been sent by then (see Close), so the refusal can be answered.
func (w *Writer) Write(cells []string) error {
	if w.neutralise {
		safe := make([]string, len(cells))
		for i, c := range cells {
			safe[i] = Neutralised(c)
		}
		cells = safe
	}
	if w.csv != nil {
		return w.csv.Write(cells)
	}
	if w.row == sheetRows {
		return fault.TooLargef("more than %d rows do not fit in one XLSX sheet; export as CSV", sheetRows)
	}
	w.row++
	values := make([]any, len(cells))
	for i, c := range cells {
		values[i] = c
	}
	cell, _ := excelize.CoordinatesToCellName(1, w.row)
	return w.sheet.SetRow(cell, values)
}

// Close finishes the file. Nothing of an XLSX reaches out before Close: its
// zip container is written whole at the end (the rows wait in a temporary
// file, not in memory, once they are many).
func (w *Writer) Close() error {
	if w.csv != nil {
		w.csv.Flush()
		return w.csv.Error()
	}
	defer w.book.Close()
	if err := w.sheet.Flush(); err != nil {
		return err
	}
	return w.book.Write(w.out)
}

// Abort gives up a file that will not be finished, releasing what an XLSX
// holds (its rows wait in a temporary file).
func (w *Writer) Abort() {
	if w.book != nil {
		w.book.Close()
	}
}
