package chart

import (
	"math"
	"strings"

	eastasian "golang.org/x/text/width"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// cjkText measures text as a browser will draw it. gonum/plot lays labels
// out with its embedded Latin font, which has no Chinese glyphs and
// measures each as a narrow placeholder, while the browser draws them a
// full em wide from a Chinese font; right-aligned unit names would run
// into the axis. Measuring each wide character as one em fixes the layout.
type cjkText struct{ text.Handler }

func (h cjkText) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	_, height, depth = h.Handler.Box(txt, fnt)
	return h.width(txt, fnt), height, depth
}

func (h cjkText) width(txt string, fnt font.Font) vg.Length {
	face := h.Cache().Lookup(fnt, fnt.Size)
	var narrow strings.Builder
	var wide int
	for _, r := range txt {
		if isWide(r) {
			wide++
		} else {
			narrow.WriteRune(r)
		}
	}
	return face.Width(narrow.String()) + vg.Length(wide)*fnt.Size
}

// Draw places each line as text.Plain does, with the widths above.
func (h cjkText) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	txt = strings.TrimRight(txt, "\n")
	if txt == "" {
		return
	}
	fnt := h.Cache().Lookup(sty.Font, sty.Font.Size)
	c.SetColor(sty.Color)
	if sty.Rotation != 0 {
		c.Push()
		c.Rotate(sty.Rotation)
		sin, cos := sinCos(sty.Rotation)
		pt.X, pt.Y = pt.Y*sin+pt.X*cos, pt.Y*cos-pt.X*sin
	}
	lines := h.Lines(txt)
	pt.Y += sty.Height(txt)*vg.Length(sty.YAlign) - fnt.Extents().Ascent
	for i, line := range lines {
		x := vg.Length(sty.XAlign) * h.width(line, sty.Font)
		n := vg.Length(len(lines) - i)
		c.FillString(fnt, pt.Add(vg.Point{X: x, Y: n * sty.Font.Size}), line)
	}
	if sty.Rotation != 0 {
		c.Pop()
	}
}

// isWide is the East Asian Width property, as the command line's tables
// measure it: Chinese, its punctuation and full-width forms are wide;
// half-width forms are not.
func isWide(r rune) bool {
	k := eastasian.LookupRune(r).Kind()
	return k == eastasian.EastAsianWide || k == eastasian.EastAsianFullwidth
}

func sinCos(a float64) (vg.Length, vg.Length) {
	s, c := math.Sincos(a)
	return vg.Length(s), vg.Length(c)
}
