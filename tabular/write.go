package tabular

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// maxSheetRows is how many rows an XLSX sheet holds (Excel's limit): a
// longer export continues on another sheet under the same header.
const maxSheetRows = 1 << 20

// Writer streams rows into a CSV or XLSX file, header first.
type Writer struct {
	out    io.Writer
	csv    *csv.Writer
	book   *excelize.File
	sheet  *excelize.StreamWriter
	sheets int
	row    int // rows written to the current sheet
	header []string
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
		if err := w.nextSheet(); err != nil {
			w.book.Close()
			return nil, err
		}
	default:
		return nil, fmt.Errorf("unknown format %q", format)
	}
	return w, nil
}

// Write adds one row.
func (w *Writer) Write(cells []string) error {
	if w.header == nil {
		w.header = cells
	}
	if w.csv != nil {
		return w.csv.Write(cells)
	}
	if w.row == maxSheetRows {
		if err := w.sheet.Flush(); err != nil {
			return err
		}
		if err := w.nextSheet(); err != nil {
			return err
		}
		if err := w.setRow(w.header); err != nil {
			return err
		}
	}
	return w.setRow(cells)
}

func (w *Writer) setRow(cells []string) error {
	w.row++
	values := make([]any, len(cells))
	for i, c := range cells {
		values[i] = c
	}
	cell, _ := excelize.CoordinatesToCellName(1, w.row)
	return w.sheet.SetRow(cell, values)
}

func (w *Writer) nextSheet() error {
	w.sheets++
	name := fmt.Sprintf("Sheet%d", w.sheets)
	if w.sheets > 1 {
		if _, err := w.book.NewSheet(name); err != nil {
			return err
		}
	}
	sw, err := w.book.NewStreamWriter(name)
	if err != nil {
		return err
	}
	w.sheet, w.row = sw, 0
	return nil
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
