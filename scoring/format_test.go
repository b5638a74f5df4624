package scoring

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// referenceNames are display names for the reference campaign's units and
// categories, mixing widths on purpose.
var referenceNames = map[string]string{
	"enforcement": "执法监管类", "service": "公共服务类",
	"U01": "市公安局", "U02": "市市场监督管理局", "U03": "市交通运输局", "U04": "市城市管理局",
	"U05": "市生态环境局", "U06": "市应急管理局", "U07": "市人力资源和社会保障局", "U08": "市医保局",
	"U09": "市档案馆", "U10": "12345 热线",
}

// TestWriteTableGolden and TestWriteCSVGolden pin the rendered output of the
// reference run, bootstrap intervals included. Rewrite the golden files
// with PINGYI_UPDATE_GOLDEN=1 after reviewing a change.
func TestWriteTableGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTable(&buf, runReference(t), referenceNames); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, filepath.Join(referenceDir, "table.golden"), buf.Bytes())
}

func TestWriteCSVGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, mustReferenceConfig(t), runReference(t)); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, filepath.Join(referenceDir, "result.csv.golden"), buf.Bytes())
}

// TestWriteTableAlignsWideNames checks that every cell of a block starts at
// the display column of one of the header's cells, wide characters counting
// two (rows without an index leave cells empty).
func TestWriteTableAlignsWideNames(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTable(&buf, runReference(t), referenceNames); err != nil {
		t.Fatal(err)
	}
	for _, block := range strings.Split(strings.TrimSpace(buf.String()), "\n\n") {
		lines := strings.Split(block, "\n")[1:] // after the category title
		header := map[int]bool{}
		for _, c := range columnStarts(lines[0]) {
			header[c] = true
		}
		for _, line := range lines[1:] {
			for _, c := range columnStarts(line) {
				if !header[c] {
					t.Errorf("a cell starts at display column %d, under no header:\n%s\n%s", c, lines[0], line)
				}
			}
		}
	}
}

// columnStarts returns the display columns where the cells after the
// first two (rank and name, which may hold single spaces) begin.
func columnStarts(line string) []int {
	var starts []int
	col, gap := 0, 2
	for _, r := range line {
		if r == ' ' {
			gap++
		} else {
			if gap >= 2 {
				starts = append(starts, col)
			}
			gap = 0
		}
		// Counted independently of displayWidth: Han characters and the
		// fullwidth forms take two columns.
		if unicode.Is(unicode.Han, r) || r >= 0xFF01 && r <= 0xFF60 {
			col += 2
		} else {
			col++
		}
	}
	return starts
}

func TestDisplayWidth(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{{"", 0}, {"U01", 3}, {"市公安局", 8}, {"12345 热线", 10}, {"９５％", 6}, {"[1.00, 2.00]", 12}}
	for _, tt := range tests {
		if got := displayWidth(tt.s); got != tt.want {
			t.Errorf("displayWidth(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if os.Getenv("PINGYI_UPDATE_GOLDEN") == "1" {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s:\n%s", path, got)
	}
}
