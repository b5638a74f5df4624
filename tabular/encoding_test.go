package tabular

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"pingyi/fault"
)

func gb18030(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A CSV saved in GB18030 reads as the same text as its UTF-8 original,
// also when it is longer than the part that decides the encoding, so that
// characters straddle reads (𠀀 is one of GB18030's four-byte ones).
func TestGB18030CSVReadsAsUTF8(t *testing.T) {
	var src strings.Builder
	src.WriteString("单位编码,单位名称,意见\n")
	for i := 0; src.Len() < 3*sniffSize; i++ {
		src.WriteString("U001,市公安局,办事很快𠀀，态度好\n")
	}
	want := src.String()
	for name, file := range map[string][]byte{"UTF-8": []byte(want), "UTF-8 with BOM": []byte("\ufeff" + want), "GB18030": gb18030(t, want)} {
		r, err := Open(bytes.NewReader(file), CSV)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !r.Has("单位名称") {
			t.Fatalf("%s: header not read: %v", name, r.index)
		}
		rows := readAll(t, r)
		if len(rows) != strings.Count(want, "\n")-1 {
			t.Fatalf("%s: %d rows", name, len(rows))
		}
		for _, row := range rows {
			if row.Get("单位名称") != "市公安局" || row.Get("意见") != "办事很快𠀀，态度好" {
				t.Fatalf("%s: line %d reads %q", name, row.Line, row.Cells)
			}
		}
	}
}

// Files in other encodings are refused with what they are, and bytes that
// are not UTF-8 never reach a reader, even past the start that was sniffed.
func TestOtherEncodingsAreRefusedByName(t *testing.T) {
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("单位编码,单位名称\nU001,市公安局\n"))
	utf16NoBOM, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte("code,name\nU001,x\n"))
	longUTF8 := strings.Repeat("U001,市公安局\n", sniffSize/10)
	tests := []struct {
		name string
		file []byte
		want string
	}{
		{"UTF-16", utf16, "UTF-16"},
		{"UTF-16 without a byte-order mark", utf16NoBOM, "UTF-16"},
		// 0xFF begins no character in UTF-8 or GB18030.
		{"garbage", []byte("code,name\nU001,\x80\xff\xfe\x80\n"), "line 2"},
		{"UTF-8 broken past the sniffed start", []byte("code,name\n" + longUTF8 + "U002,\xff\xfe\n"), "not valid UTF-8"},
		{"GB18030 broken past the sniffed start", append(gb18030(t, "code,name\n"+longUTF8), "U002,\xff\n"...), "not valid GB18030"},
	}
	for _, tt := range tests {
		r, err := Open(bytes.NewReader(tt.file), CSV)
		if err == nil {
			for {
				var row Row
				if row, err = r.Next(); err != nil {
					break
				}
				for _, c := range row.Cells {
					if !utf8.ValidString(c) {
						t.Fatalf("%s: line %d passed on bytes that are not UTF-8: %q", tt.name, row.Line, c)
					}
				}
			}
		}
		if !fault.Is(err, fault.Invalid) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an invalid-file error naming %q", tt.name, err, tt.want)
		}
	}
}
