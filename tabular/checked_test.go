package tabular

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
)

// The bulk check of checkedText sees reads of every size, so characters are
// cut at every byte: the text comes through whole, and a bad byte is still
// caught on its line however the reads fall.
func TestCheckedTextAcrossCutCharacters(t *testing.T) {
	text := strings.Repeat("U001,市公安局,办事很快𠀀，态度好\n", 200)
	for name, wrap := range map[string]func(io.Reader) io.Reader{
		"one byte at a time": iotest.OneByteReader, "half reads": iotest.HalfReader, "whole": func(r io.Reader) io.Reader { return r },
	} {
		got, err := io.ReadAll(&checkedText{r: wrap(strings.NewReader(text)), encoding: "UTF-8"})
		if err != nil || string(got) != text {
			t.Fatalf("%s: %d bytes, %v", name, len(got), err)
		}
		for _, bad := range []string{"\xff", "\x00", "\ufffd", "\xe5\x8a"} {
			broken := text[:len(text)/2] + "U002," + bad + "\n" + text[len(text)/2:]
			if bad == "\xe5\x8a" { // a character cut short by the end of the file
				broken = text + bad
			}
			line := bytes.Count([]byte(broken[:strings.Index(broken, "U002,")+1]), []byte("\n")) + 1
			if bad == "\xe5\x8a" {
				line = 201
			}
			_, err := io.ReadAll(&checkedText{r: wrap(strings.NewReader(broken)), encoding: "UTF-8"})
			if err == nil || !strings.Contains(err.Error(), "line "+itoa(line)+":") {
				t.Errorf("%s, %q: %v, want line %d", name, bad, err, line)
			}
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
