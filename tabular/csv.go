package tabular

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"

	"pingyi/fault"
)

// csvRecords splits CSV text into records. Almost every line of the files
// Pingyi reads holds no quote: such a line is split on its commas here,
// which is what encoding/csv makes of it at a fraction of the cost (a city
// campaign's import is 13.8 million lines). A line with a quote, whose
// record may go on over several lines, goes to encoding/csv, so quoting
// keeps that package's rules and messages.
//
// Text is taken a block of whole lines at a time as one string, which the
// cells of those lines share: one allocation for some two hundred lines
// rather than one per line. A cell kept after its row therefore holds its
// block (up to blockSize) in memory; a reader that keeps a cell of only
// some rows clones it (strings.Clone).
type csvRecords struct {
	in    io.Reader
	text  string   // whole lines read and not yet returned
	rest  []byte   // read after text's last line end
	err   error    // in's error, once it has one
	line  int      // lines returned so far
	cells []string // where records' cells are cut from, many records at a time
}

// blockSize is how much text is read at a time: the most a kept cell can
// hold in memory beside itself, unless a line is longer.
const blockSize = 16 << 10

// cellSlab is how many cells are allocated at once for many records: 16
// KB, under what Go allocates as a large object.
const cellSlab = 1024

func newCSVRecords(text io.Reader) *csvRecords { return &csvRecords{in: text} }

// next returns the next record and the line it starts on, skipping empty
// lines as encoding/csv does.
func (c *csvRecords) next() ([]string, int, error) {
	for {
		raw, err := c.readLine()
		if err != nil {
			return nil, c.line + 1, err
		}
		c.line++
		start := c.line
		if strings.IndexByte(raw, '"') >= 0 {
			return c.quoted(raw, start)
		}
		text := trimLineEnd(raw)
		if len(text) == 0 {
			continue
		}
		return c.split(text), start, nil
	}
}

// readLine returns the next line with its end; at the end of the text, the
// last line even without one, then io.EOF.
func (c *csvRecords) readLine() (string, error) {
	for {
		if end := strings.IndexByte(c.text, '\n'); end >= 0 {
			line := c.text[:end+1]
			c.text = c.text[end+1:]
			return line, nil
		}
		if c.err == io.EOF && len(c.rest) > 0 {
			line := string(c.rest)
			c.rest = c.rest[:0]
			return line, nil
		}
		if c.err != nil {
			return "", c.err
		}
		c.fill()
	}
}

// fill reads at least one more whole line into text, or an error into err.
func (c *csvRecords) fill() {
	for c.err == nil {
		if cap(c.rest)-len(c.rest) < blockSize/2 {
			c.rest = append(make([]byte, 0, max(blockSize, 2*len(c.rest))), c.rest...)
		}
		n, err := c.in.Read(c.rest[len(c.rest):cap(c.rest)])
		read := c.rest[len(c.rest) : len(c.rest)+n]
		c.rest, c.err = c.rest[:len(c.rest)+n], err
		if bytes.IndexByte(read, '\n') >= 0 {
			end := bytes.LastIndexByte(c.rest, '\n') + 1
			c.text = string(c.rest[:end])
			c.rest = c.rest[:copy(c.rest, c.rest[end:])]
			return
		}
	}
}

// trimLineEnd drops a line's "\n" or "\r\n" (encoding/csv reads "\r\n" as
// "\n"), and a "\r" that ends the file.
func trimLineEnd(raw string) string {
	raw = strings.TrimSuffix(raw, "\n")
	return strings.TrimSuffix(raw, "\r")
}

// split cuts a line without quotes at its commas.
func (c *csvRecords) split(text string) []string {
	if cap(c.cells) < 64 {
		c.cells = make([]string, 0, cellSlab)
	}
	cells := c.cells
	for {
		comma := strings.IndexByte(text, ',')
		if comma < 0 {
			break
		}
		cells, text = append(cells, text[:comma]), text[comma+1:]
	}
	cells = append(cells, text)
	c.cells = cells[len(cells):]
	return cells[:len(cells):len(cells)]
}

// quoted reads the record that starts with first, a line holding a quote,
// with encoding/csv, feeding it one line at a time so that it reads no
// further than the record's end.
func (c *csvRecords) quoted(first string, start int) ([]string, int, error) {
	feed := &lineFeed{records: c, pending: []byte(first)}
	cr := csv.NewReader(feed)
	cr.FieldsPerRecord = -1
	rec, err := cr.Read()
	c.line += feed.more
	var perr *csv.ParseError
	if errors.As(err, &perr) {
		line := start + perr.Line - 1
		return nil, line, fault.Invalidf("line %d: the CSV is malformed (%v)", line, perr.Err)
	}
	if err == io.EOF {
		err = io.ErrUnexpectedEOF // cannot happen: the first line holds a quote
	}
	return rec, start, err
}

// lineFeed gives encoding/csv a record's lines, one per Read, so that its
// buffer never takes a line beyond the record.
type lineFeed struct {
	records *csvRecords
	pending []byte
	more    int // lines read after the first
}

func (f *lineFeed) Read(p []byte) (int, error) {
	if len(f.pending) == 0 {
		line, err := f.records.readLine()
		if err != nil {
			return 0, err
		}
		f.more++
		f.pending = append(f.pending[:0], line...)
	}
	n := copy(p, f.pending)
	f.pending = f.pending[n:]
	return n, nil
}
