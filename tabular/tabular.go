// Package tabular streams rows out of the CSV and XLSX files that clerks
// upload: unit lists, paper-form responses, phone sampling frames.
//
// Columns are found by their header names, in any order and any case. Rows
// come one at a time with the line (CSV) or row (XLSX) number a person sees
// in their editor, so every problem can be reported where it is. CSV is
// streamed; XLSX needs random access to its zip container, so the
// compressed file is held in memory while its sheet is streamed row by row.
package tabular

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"pingyi/fault"
)

// Format is a supported file format.
type Format string

const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// FormatOf picks the format from a file name.
func FormatOf(name string) (Format, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".txt":
		return CSV, nil
	case ".xlsx":
		return XLSX, nil
	}
	return "", fault.Invalidf("%s: expected a .csv or .xlsx file", filepath.Base(name))
}

// Row is one data row.
type Row struct {
	Line  int      // 1-based, as an editor or spreadsheet shows it
	Cells []string // by column position
	index map[string]int
}

// Get returns the trimmed cell of a column, or "" when the column is absent
// or the row is short.
func (r Row) Get(column string) string {
	i, ok := r.index[column]
	if !ok {
		return ""
	}
	return r.At(i)
}

// At returns the trimmed cell at a column position from Reader.Column, or
// "" when the position is -1 (no such column) or the row is short. A
// reader of millions of rows finds its columns once and reads by
// position, not by a lookup of the name per cell.
func (r Row) At(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return trim(r.Cells[i])
}

// trim is strings.TrimSpace, quicker for the usual cell, which starts and
// ends with a visible ASCII character and so has nothing to trim.
func trim(c string) string {
	if c == "" || visibleASCII(c[0]) && visibleASCII(c[len(c)-1]) {
		return c
	}
	return strings.TrimSpace(c)
}

func visibleASCII(b byte) bool { return b > ' ' && b < utf8.RuneSelf }

// Blank reports a row with no content, which readers skip.
func (r Row) Blank() bool {
	for _, c := range r.Cells {
		if trim(c) != "" {
			return false
		}
	}
	return true
}

// Reader yields the rows after the header.
type Reader struct {
	index map[string]int
	next  func() ([]string, int, error)
	close func() error
}

// Has reports whether a column is present.
func (r *Reader) Has(column string) bool { _, ok := r.index[column]; return ok }

// Column returns a column's position, for Row.At, or -1 when the file has
// no such column.
func (r *Reader) Column(name string) int {
	if i, ok := r.index[name]; ok {
		return i
	}
	return -1
}

// Headers are the file's column names, as Has and Get know them (trimmed,
// lower case), in no particular order.
func (r *Reader) Headers() []string {
	out := make([]string, 0, len(r.index))
	for name := range r.index {
		out = append(out, name)
	}
	return out
}

// Columns finds, for each column a reader of this file needs, the header
// name the file actually uses among its aliases (English or Chinese names
// clerks write); "" where the file has none of them.
func (r *Reader) Columns(aliases map[string][]string) map[string]string {
	out := map[string]string{}
	for col, names := range aliases {
		for _, n := range names {
			if r.Has(n) {
				out[col] = n
				break
			}
		}
	}
	return out
}

// Next returns the next non-blank row, or io.EOF.
func (r *Reader) Next() (Row, error) {
	for {
		cells, line, err := r.next()
		if err != nil {
			return Row{}, err
		}
		row := Row{Line: line, Cells: cells, index: r.index}
		if !row.Blank() {
			return row, nil
		}
	}
}

// Close releases what the reader holds.
func (r *Reader) Close() error {
	if r.close == nil {
		return nil
	}
	return r.close()
}

// ErrNoHeader means the file has no header row.
var ErrNoHeader = fault.Invalidf("the file is empty: the first row must name the columns")

// Open reads the header of a file in the given format.
func Open(src io.Reader, format Format) (*Reader, error) {
	var r *Reader
	var err error
	switch format {
	case CSV:
		r, err = openCSV(src)
	case XLSX:
		r, err = openXLSX(src)
	default:
		return nil, fmt.Errorf("unknown format %q", format)
	}
	if err != nil {
		return nil, err
	}
	if err := r.readHeader(); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

func (r *Reader) readHeader() error {
	cells, _, err := r.next()
	if err == io.EOF {
		return ErrNoHeader
	}
	if err != nil {
		return err
	}
	r.index = map[string]int{}
	for i, c := range cells {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(c, "\ufeff")))
		if name == "" {
			continue
		}
		if _, dup := r.index[name]; dup {
			return fault.Invalidf("column %q appears twice in the header", name)
		}
		r.index[name] = i
	}
	return nil
}

func openCSV(src io.Reader) (*Reader, error) {
	text, err := asUTF8(src)
	if err != nil {
		return nil, err
	}
	return &Reader{next: newCSVRecords(text).next}, nil
}

func openXLSX(src io.Reader) (*Reader, error) {
	data, err := io.ReadAll(src)
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fault.Invalidf("not a readable .xlsx file (%v)", err)
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, ErrNoHeader
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return nil, err
	}
	line := 0
	return &Reader{
		next: func() ([]string, int, error) {
			if !rows.Next() {
				if err := rows.Error(); err != nil {
					return nil, line, err
				}
				return nil, line, io.EOF
			}
			line++
			cells, err := rows.Columns()
			return cells, line, err
		},
		close: func() error { rows.Close(); return f.Close() },
	}, nil
}
