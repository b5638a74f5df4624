package chart

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
)

func TestIntervalsDrawsEveryUnit(t *testing.T) {
	rows := []Row{
		{Label: "市公安局", Index: 91.37, Low: 89.72, High: 93.02},
		{Label: "市住房公积金管理中心", Index: 88.1, Low: 85.0, High: 91.2},
		{Label: "U003 <&>", Index: 74.5, Low: 70.1, High: 78.9},
	}
	var buf bytes.Buffer
	if err := Intervals(&buf, rows, "满意度指数"); err != nil {
		t.Fatal(err)
	}
	svg := buf.String()
	dec := xml.NewDecoder(strings.NewReader(svg))
	var texts []string
	circles := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed SVG: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local == "circle" || (el.Name.Local == "path" && strings.Contains(attr(el, "d"), "A")) {
				circles++
			}
		case xml.CharData:
			if s := strings.TrimSpace(string(el)); s != "" {
				texts = append(texts, s)
			}
		}
	}
	for _, want := range []string{"市公安局", "市住房公积金管理中心", "U003 <&>", "满意度指数", "90"} {
		if !contains(texts, want) {
			t.Errorf("the chart lacks the text %q (has %v)", want, texts)
		}
	}
	if circles < 3 {
		t.Errorf("%d dots drawn, want 3", circles)
	}
	if err := Intervals(io.Discard, nil, "x"); err != nil {
		t.Fatalf("no units: %v", err)
	}
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// A Chinese label is measured a full em per character, not as the Latin
// font's narrow placeholder; Latin text as the font says.
func TestWideCharactersMeasureAnEm(t *testing.T) {
	h := cjkText{plot.DefaultTextHandler}
	fnt := font.From(plot.DefaultFont, 10)
	if w, _, _ := h.Box("市公安局", fnt); w != 40 {
		t.Errorf("four Chinese characters at 10 pt measure %v, want 40", w)
	}
	latin, _, _ := plot.DefaultTextHandler.Box("U001", fnt)
	if w, _, _ := h.Box("U001局", fnt); w != latin+10 {
		t.Errorf("mixed text measures %v, want %v", w, latin+10)
	}
	if w, _, _ := h.Box("（市）：", fnt); w != 40 {
		t.Errorf("full-width punctuation measures %v, want 40", w)
	}
	for _, r := range "U001ｱ" {
		if isWide(r) {
			t.Errorf("%q measured as wide", r)
		}
	}
}

// On a phone the chart is drawn narrow with larger labels, so that shown
// at 330 px its unit names stay readable (at least 11 px).
func TestNarrowChartKeepsLabelsReadable(t *testing.T) {
	rows := []Row{{Label: "市公安局", Index: 91.37, Low: 89.72, High: 93.02}, {Label: "市住房公积金管理中心", Index: 88.1, Low: 85.0, High: 91.2}}
	for _, tt := range []struct {
		size Size
		min  float64 // px the unit names keep when the image is shown 330 px wide
	}{{Narrow, 11}, {Wide, 0}} {
		var buf bytes.Buffer
		if err := IntervalsSized(&buf, rows, "满意度指数", tt.size); err != nil {
			t.Fatal(err)
		}
		shown := float64(tt.size.Font) * 4 / 3 * 330 / (float64(tt.size.Width) * 4 / 3)
		if shown < tt.min {
			t.Errorf("labels of %v shown at %.1f px", tt.size, shown)
		}
		if !strings.Contains(buf.String(), `width="`+strconv.Itoa(int(tt.size.Width))+`pt"`) {
			t.Errorf("the SVG is not %vpt wide: %.200s", tt.size.Width, buf.String())
		}
	}
}

// The answers chart draws one bar segment per indicator and option that
// was chosen, in the option's colour.
func TestDistributionDrawsEachAnswerShare(t *testing.T) {
	var buf bytes.Buffer
	rows := []Shares{{Label: "办事效率", Counts: []int{6, 3, 1, 0, 0}}, {Label: "服务态度", Counts: []int{2, 2, 2, 2, 2}}}
	if err := Distribution(&buf, rows, []bool{false, false, false, false, true}); err != nil {
		t.Fatal(err)
	}
	svg := buf.String()
	for _, none := range [][]Shares{nil, {}} { // a unit nobody rated yet still gets its (empty) chart
		if err := Distribution(&bytes.Buffer{}, none, []bool{false, true}); err != nil {
			t.Fatalf("without answers: %v", err)
		}
	}
	if !strings.Contains(svg, "办事效率") || !strings.Contains(svg, "服务态度") || !strings.Contains(svg, "fill:#1A7F37") || !strings.Contains(svg, "fill:#8C959F") {
		t.Fatalf("the chart lacks a label or a colour: %.400s", svg)
	}
}

// The progress charts draw one bar per row and day, with their labels,
// and still draw (empty) without data.
func TestProgressChartsDrawTheirRows(t *testing.T) {
	var q bytes.Buffer
	if err := Quotas(&q, []Pair{{Label: "市公安局", Part: 30, Whole: 40}, {Label: "市税务局", Part: 45, Whole: 40}}, "完成数"); err != nil {
		t.Fatal(err)
	}
	if s := q.String(); !strings.Contains(s, "市公安局") || !strings.Contains(s, "市税务局") || !strings.Contains(strings.ToUpper(s), "FILL:#1A7F37") {
		t.Fatalf("quota chart: %.400s", s)
	}
	var d bytes.Buffer
	days := []Pair{{Label: "2026-11-20", Part: 3, Whole: 40}, {Label: "2026-11-21"}, {Label: "2026-11-22", Part: 5, Whole: 52}}
	if err := Daily(&d, days, "通话次数"); err != nil {
		t.Fatal(err)
	}
	if s := d.String(); !strings.Contains(s, "11-20") || !strings.Contains(s, "11-22") || strings.Contains(s, "2026-") {
		t.Fatalf("daily chart labels: %.400s", s)
	}
	for _, draw := range []func() error{
		func() error { return Quotas(&bytes.Buffer{}, nil, "x") },
		func() error { return Daily(&bytes.Buffer{}, nil, "y") },
	} {
		if err := draw(); err != nil {
			t.Fatalf("without data: %v", err)
		}
	}
}
