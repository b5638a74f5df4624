package tabular

import (
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Template is a blank XLSX to be filled in by hand, such as the sheet
// clerks key paper forms into: a header, columns filled ahead (the same
// value on every line), columns whose cells offer a drop-down list, and a
// second sheet of notes. Its first sheet is what Open reads back.
type Template struct {
	Sheet, NotesSheet string
	Header            []string
	Fill              map[int]string   // column → value on every line
	Lists             map[int][]string // column → the values a cell offers
	Rows              int              // lines prepared below the header
	Notes             []string
}

// Write writes the template as an XLSX.
func (t Template) Write(out io.Writer) error {
	book := excelize.NewFile()
	defer book.Close()
	if err := book.SetSheetName("Sheet1", t.Sheet); err != nil {
		return err
	}
	sw, err := book.NewStreamWriter(t.Sheet)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 2, 16); err != nil {
		return err
	}
	if len(t.Header) > 2 {
		if err := sw.SetColWidth(3, len(t.Header), 14); err != nil {
			return err
		}
	}
	header := make([]any, len(t.Header))
	for i, h := range t.Header {
		header[i] = h
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for r := 2; r <= t.Rows+1; r++ {
		row := make([]any, len(t.Header))
		for c, v := range t.Fill {
			row[c] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	// One validation per list of values, over every column that offers it.
	ranges := map[string][]string{}
	values := map[string][]string{}
	for c, list := range t.Lists {
		key := strings.Join(list, "\x00")
		from, _ := excelize.CoordinatesToCellName(c+1, 2)
		to, _ := excelize.CoordinatesToCellName(c+1, t.Rows+1)
		ranges[key] = append(ranges[key], from+":"+to)
		values[key] = list
	}
	for key, rs := range ranges {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = strings.Join(rs, " ")
		if err := dv.SetDropList(values[key]); err != nil {
			return err
		}
		if err := book.AddDataValidation(t.Sheet, dv); err != nil {
			return err
		}
	}
	if t.NotesSheet != "" {
		if _, err := book.NewSheet(t.NotesSheet); err != nil {
			return err
		}
		for i, n := range t.Notes {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := book.SetCellStr(t.NotesSheet, cell, n); err != nil {
				return err
			}
		}
		book.SetColWidth(t.NotesSheet, "A", "A", 100)
	}
	return book.Write(out)
}
