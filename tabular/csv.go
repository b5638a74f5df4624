package tabular

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"

	"pingyi/fault"
)

// csvRecords splits CSV text into records. Almost every line of the files
// Pingyi reads holds no quote: such a line is split on its commas here,
// its cells sharing one string, which is what encoding/csv makes of it at
// a fraction of the cost (a city campaign's import is 13.8 million lines).
// A line with a quote, whose record may go on over several lines, goes to
// encoding/csv, so quoting keeps that package's rules and messages.
type csvRecords struct {
	in    *bufio.Reader
	line  int      // lines read so far
	long  []byte   // a line longer than in's buffer, gathered
	cells []string // where records' cells are cut from, a batch at a time
}

// cellSlab is how many cells are allocated at once for many records: 16
// KB, under what Go allocates as a large object.
const cellSlab = 1024

func newCSVRecords(text io.Reader) *csvRecords {
	return &csvRecords{in: bufio.NewReaderSize(text, 64<<10)}
}

// next returns the next record and the line it starts on, skipping empty
// lines as encoding/csv does.
func (c *csvRecords) next() ([]string, int, error) {
	for {
		raw, err := c.readLine()
		if len(raw) == 0 {
			if err == nil {
				err = io.EOF
			}
			return nil, c.line, err
		}
		c.line++
		start := c.line
		if err != nil && err != io.EOF {
			return nil, start, err
		}
		if bytes.IndexByte(raw, '"') >= 0 {
			return c.quoted(raw, start)
		}
		text := trimLineEnd(raw)
		if len(text) == 0 {
			continue
		}
		return c.split(string(text)), start, nil
	}
}

// readLine returns the next line with its end, valid until the next call.
func (c *csvRecords) readLine() ([]byte, error) {
	raw, err := c.in.ReadSlice('\n')
	if err != bufio.ErrBufferFull {
		return raw, err
	}
	c.long = append(c.long[:0], raw...)
	for err == bufio.ErrBufferFull {
		raw, err = c.in.ReadSlice('\n')
		c.long = append(c.long, raw...)
	}
	return c.long, err
}

// trimLineEnd drops a line's "\n" or "\r\n" (encoding/csv reads "\r\n" as
// "\n"), and a "\r" that ends the file.
func trimLineEnd(raw []byte) []byte {
	raw = bytes.TrimSuffix(raw, []byte{'\n'})
	return bytes.TrimSuffix(raw, []byte{'\r'})
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
func (c *csvRecords) quoted(first []byte, start int) ([]string, int, error) {
	feed := &lineFeed{records: c, pending: bytes.Clone(first)}
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
		raw, err := f.records.readLine()
		if err != nil && err != io.EOF {
			return 0, err
		}
		if len(raw) == 0 {
			if err == nil {
				err = io.EOF
			}
			return 0, err
		}
		f.more++
		f.pending = append(f.pending[:0], raw...)
	}
	n := copy(p, f.pending)
	f.pending = f.pending[n:]
	return n, nil
}
