package tabular

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// MaxSheetColumns is how many columns an XLSX sheet holds (Excel's limit).
const MaxSheetColumns = 1 << 14

// sheetColumns is MaxSheetColumns, lowered by tests.
var sheetColumns = MaxSheetColumns

// WideWriter streams a wide table (one row per response, one column per
// unit × indicator) into a CSV, or into an XLSX that continues on further
// sheets when the table passes Excel's limits: columns beyond 16,384 go
// on sheets of their own that repeat the first fixed columns (the
// response's reference and facts), so every sheet reads on its own; rows
// beyond 1,048,576 start a new set of sheets, header first. Cells are
// neutralised as in NewStaffExport.
type WideWriter struct {
	csv   *Writer
	book  *excelize.File
	fixed int
	// header is the first row; parts the column ranges [from, to) of the
	// non-fixed columns that each sheet of a set holds.
	header []string
	parts  [][2]int
	sheets []*excelize.StreamWriter
	set    int // how many sets of sheets were started
	row    int // rows written to the current set, header included
}

// NewWideWriter starts a wide staff export; fixed is how many leading
// columns every sheet repeats.
func NewWideWriter(out io.Writer, format Format, fixed int) (*WideWriter, error) {
	w := &WideWriter{fixed: fixed}
	if format == CSV {
		cw, err := NewStaffExport(out, CSV)
		w.csv = cw
		return w, err
	}
	if format != XLSX {
		return nil, fmt.Errorf("unknown format %q", format)
	}
	w.book = excelize.NewFile()
	w.csv = &Writer{out: out, book: w.book}
	return w, nil
}

// Write adds a row; the first is the header.
func (w *WideWriter) Write(cells []string) error {
	if w.book == nil {
		return w.csv.Write(cells)
	}
	safe := make([]string, len(cells))
	for i, c := range cells {
		safe[i] = Neutralised(c)
	}
	if w.header == nil {
		w.header = safe
		per := max(sheetColumns-w.fixed, 1)
		for from := w.fixed; ; from += per {
			to := min(from+per, len(safe))
			w.parts = append(w.parts, [2]int{from, to})
			if to >= len(safe) {
				break
			}
		}
		return w.newSet()
	}
	if w.row == sheetRows {
		if err := w.newSet(); err != nil {
			return err
		}
	}
	return w.put(safe)
}

// newSet starts a set of sheets, one per column part, each with the
// header.
func (w *WideWriter) newSet() error {
	for _, sw := range w.sheets {
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	w.set++
	w.sheets, w.row = w.sheets[:0], 0
	for p := range w.parts {
		// Sheet names are data, in the export's language (its headers
		// are Chinese): 答卷1, or 答卷1-2 for a set's second sheet.
		name := fmt.Sprintf("答卷%d", w.set)
		if len(w.parts) > 1 {
			name = fmt.Sprintf("答卷%d-%d", w.set, p+1)
		}
		if w.set == 1 && p == 0 {
			if err := w.book.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := w.book.NewSheet(name); err != nil {
			return err
		}
		sw, err := w.book.NewStreamWriter(name)
		if err != nil {
			return err
		}
		w.sheets = append(w.sheets, sw)
	}
	return w.put(w.header)
}

// put writes a row across the current set's sheets.
func (w *WideWriter) put(cells []string) error {
	w.row++
	cell, _ := excelize.CoordinatesToCellName(1, w.row)
	for p, part := range w.parts {
		values := make([]any, 0, w.fixed+part[1]-part[0])
		for _, c := range cells[:min(w.fixed, len(cells))] {
			values = append(values, c)
		}
		for _, c := range cells[min(part[0], len(cells)):min(part[1], len(cells))] {
			values = append(values, c)
		}
		if err := w.sheets[p].SetRow(cell, values); err != nil {
			return err
		}
	}
	return nil
}

// Close finishes the file (an XLSX reaches out only now, whole).
func (w *WideWriter) Close() error {
	if w.book == nil {
		return w.csv.Close()
	}
	defer w.book.Close()
	for _, sw := range w.sheets {
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return w.book.Write(w.csv.out)
}

// Abort gives up a file that will not be finished.
func (w *WideWriter) Abort() { w.csv.Abort() }
