package tabular

import (
	"bufio"
	"bytes"
	"io"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"pingyi/fault"
)

// sniffSize is how much of a CSV decides its encoding: enough for the
// header and the first few hundred rows, where a GB18030 file's Chinese
// shows.
const sniffSize = 64 << 10

// asUTF8 returns a CSV's text as UTF-8. Spreadsheet programs in China
// often save CSV in GB18030 rather than UTF-8, so a file whose start is
// valid UTF-8 (with or without a byte-order mark) is read as it is, one
// whose start decodes cleanly as GB18030 is decoded, and anything else is
// refused with what is wrong. Either way the text is checked to its end:
// no byte that is not UTF-8 reaches a reader, and so none is stored.
func asUTF8(src io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(src, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	whole := err == io.EOF
	switch {
	case looksUTF16(head):
		return nil, fault.Invalidf("the file is in UTF-16, which Pingyi does not read: save it as \"CSV UTF-8\" (GB18030 is read too)")
	case plausibleText(head, whole):
		return &checkedText{r: br, encoding: "UTF-8"}, nil
	}
	if decodesAsGB18030(head, whole) {
		return &checkedText{r: transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder()), encoding: "GB18030"}, nil
	}
	return nil, fault.Invalidf("the file is neither UTF-8 nor GB18030 text (line %d has bytes that are neither): save it as \"CSV UTF-8\"", firstBadLine(head))
}

// decodesAsGB18030 reports whether the start of a file decodes as GB18030
// to plausible text. Unless whole, it may end inside a character.
func decodesAsGB18030(head []byte, whole bool) bool {
	decoded := make([]byte, 2*len(head)) // a character grows at most from 2 bytes to 3
	n, _, err := simplifiedchinese.GB18030.NewDecoder().Transform(decoded, head, whole)
	if err != nil && err != transform.ErrShortSrc {
		return false
	}
	return plausibleText(decoded[:n], true)
}

// looksUTF16 reports a UTF-16 byte-order mark, or the NUL bytes that
// UTF-16 puts beside every Latin letter and digit.
func looksUTF16(head []byte) bool {
	return bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) ||
		bytes.IndexByte(head, 0) >= 0
}

// plausibleText reports valid UTF-8 without the replacement character, control
// characters other than tab and line ends, or private-use characters: what
// a wrong guess at an encoding produces. Unless whole, the text may end
// inside a character.
func plausibleText(b []byte, whole bool) bool {
	b = cutPartialTail(b, whole)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError || !textRune(r) {
			return false
		}
		b = b[size:]
	}
	return true
}

func textRune(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || !(unicode.IsControl(r) || unicode.Is(unicode.Co, r))
}

// cutPartialTail drops up to 3 bytes at the end of a sniffed start that
// may be the beginning of a character cut off by the sniff.
func cutPartialTail(b []byte, whole bool) []byte {
	if whole {
		return b
	}
	for cut := 0; cut <= 3 && cut < len(b); cut++ {
		if utf8.Valid(b[:len(b)-cut]) {
			return b[:len(b)-cut]
		}
	}
	return b
}

func firstBadLine(b []byte) int {
	line := 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 || !textRune(r) {
			return line
		}
		if r == '\n' {
			line++
		}
		b = b[size:]
	}
	return line
}

// checkedText passes text on while checking that it is valid UTF-8, and
// fails at the first line that is not. The decoder of GB18030 turns bytes
// it cannot decode into U+FFFD, so after decoding that character is a
// failure too.
type checkedText struct {
	r        io.Reader
	encoding string
	line     int    // lines passed on whole, for the message
	pending  []byte // the start of a character that the last read cut
}

func (c *checkedText) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if skip, ok := c.completePending(p[:n]); ok && err == nil {
		// The common case, checked in bulk: whole characters that are all
		// text. Anything else takes the character-by-character path,
		// which also finds the line to name.
		rest := p[skip:n]
		body := rest[:completeRunes(rest)]
		if cleanText(body) {
			c.line += bytes.Count(body, newline)
			c.pending = append(c.pending[:0], rest[len(body):]...)
			return n, nil
		}
	}
	return c.check(p[:n], err)
}

// completePending says how many bytes at the start of a read complete the
// character the last read cut (0 if none was cut), and whether that
// character is clean text.
func (c *checkedText) completePending(read []byte) (skip int, ok bool) {
	if len(c.pending) == 0 {
		return 0, true
	}
	var char [2 * utf8.UTFMax]byte
	joined := append(append(char[:0], c.pending...), read[:min(len(read), utf8.UTFMax)]...)
	r, size := utf8.DecodeRune(joined)
	if r == utf8.RuneError || r == 0 || size <= len(c.pending) {
		return 0, false
	}
	return size - len(c.pending), true
}

var (
	newline     = []byte{'\n'}
	replacement = []byte(string(utf8.RuneError))
)

// cleanText reports valid UTF-8 without NUL or U+FFFD.
func cleanText(b []byte) bool {
	return utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 && !bytes.Contains(b, replacement)
}

// completeRunes is the length of b without a character cut off at its end.
func completeRunes(b []byte) int {
	for back := 1; back <= utf8.UTFMax && back <= len(b); back++ {
		c := b[len(b)-back]
		if c < utf8.RuneSelf {
			return len(b) // ASCII ends the text: nothing is cut
		}
		if utf8.RuneStart(c) {
			if utf8.FullRune(b[len(b)-back:]) {
				return len(b)
			}
			return len(b) - back
		}
	}
	return len(b)
}

// check goes through a read character by character.
func (c *checkedText) check(read []byte, err error) (int, error) {
	buf := append(c.pending, read...)
	i := 0
	for i < len(buf) {
		r, size := utf8.DecodeRune(buf[i:])
		if r == utf8.RuneError && size <= 1 && !utf8.FullRune(buf[i:]) && err == nil {
			break // the rest comes with the next read
		}
		if r == utf8.RuneError || r == 0 {
			return 0, fault.Invalidf("line %d: the file is not valid %s text from here on: save the whole file as \"CSV UTF-8\"", c.line+1, c.encoding)
		}
		if r == '\n' {
			c.line++
		}
		i += size
	}
	c.pending = append(c.pending[:0], buf[i:]...)
	return len(read), err
}
