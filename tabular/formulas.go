package tabular

import (
	"io"
	"regexp"
	"strings"
)

// plainNumber is a decimal number as a spreadsheet reads one; not "Inf",
// "NaN" or hex, which strconv would accept and a spreadsheet would not.
var plainNumber = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)

// NewStaffExport starts a file for staff to open in Excel or WPS: like
// NewWriter, but a text cell that a spreadsheet would take for a formula
// (=, +, - or @ first, or a tab or carriage return that some programs
// skip before looking) is written with a leading apostrophe, so a comment
// such as =HYPERLINK(…) or +cmd|… is shown, never run. Numbers, negative
// ones included, stay numbers.
//
// Publication downloads do not use it: they are data, byte for byte as
// published, and hold only Pingyi's own names and figures.
func NewStaffExport(out io.Writer, format Format) (*Writer, error) {
	w, err := NewWriter(out, format)
	if err != nil {
		return nil, err
	}
	w.neutralise = true
	return w, nil
}

// Neutralised returns a cell as NewStaffExport writes it.
func Neutralised(cell string) string {
	if cell == "" || !strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return cell
	}
	if plainNumber.MatchString(cell) {
		return cell
	}
	return "'" + cell
}
