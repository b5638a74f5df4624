// Package chart draws the published indices with their 95% intervals as
// SVG, on the server, with gonum.org/v1/plot: the public page needs no
// script to show them, and they print as sharply as the text.
package chart

import (
	"image/color"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Row is one unit: its label and its index with the interval around it.
type Row struct {
	Label            string
	Index, Low, High float64
}

// Size is a drawing's width, the height of each unit's row and the size
// of its labels, in points.
type Size struct{ Width, RowHeight, Font vg.Length }

// The two drawings of a chart: Wide for a screen or paper, Narrow for a
// phone, where an image shrinks to about 330 px and a wide chart's labels
// would shrink to 5 px. Narrow is drawn nearly as wide as it is shown, so
// its labels keep about their size.
var (
	Wide   = Size{Width: 540, RowHeight: 16, Font: 10}
	Narrow = Size{Width: 280, RowHeight: 26, Font: 12}
)

const margin = 64 // axis, its label and the padding around, in points

// Intervals writes the Wide chart; see IntervalsSized.
func Intervals(w io.Writer, rows []Row, xLabel string) error {
	return IntervalsSized(w, rows, xLabel, Wide)
}

// IntervalsSized writes an SVG dot-and-whisker chart: one row per unit,
// top to bottom in the order given, the index as a dot and its 95%
// interval as a bar; xLabel names the axis.
func IntervalsSized(w io.Writer, rows []Row, xLabel string, size Size) error {
	p := newPlot(size)
	p.X.Label.TextStyle.Font.Size = size.Font + 2
	p.X.Label.Text = xLabel
	p.X.Min, p.X.Max = axisRange(rows)
	p.Y.Min, p.Y.Max = -0.7, float64(len(rows))-0.3
	p.X.Tick.Marker = wholeTicks{}
	p.Add(plotter.NewGrid())

	points := make(plotter.XYs, len(rows))
	errs := make(plotter.XErrors, len(rows))
	ticks := make(plot.ConstantTicks, len(rows))
	for i, r := range rows {
		y := float64(len(rows) - 1 - i)
		points[i] = plotter.XY{X: r.Index, Y: y}
		errs[i] = struct{ Low, High float64 }{r.Index - r.Low, r.High - r.Index}
		ticks[i] = plot.Tick{Value: y, Label: r.Label}
	}
	p.Y.Tick.Marker = ticks
	if len(rows) > 0 {
		bars, err := plotter.NewXErrorBars(struct {
			plotter.XYs
			plotter.XErrors
		}{points, errs})
		if err != nil {
			return err
		}
		bars.LineStyle.Color = color.RGBA{R: 0x59, G: 0x63, B: 0x6e, A: 0xff}
		bars.LineStyle.Width = vg.Points(1.2)
		dots, err := plotter.NewScatter(points)
		if err != nil {
			return err
		}
		dots.GlyphStyle.Shape = draw.CircleGlyph{}
		dots.GlyphStyle.Radius = vg.Points(3)
		dots.GlyphStyle.Color = color.RGBA{R: 0xb4, G: 0x23, B: 0x2a, A: 0xff}
		p.Add(bars, dots)
	}
	c := vgsvg.New(size.Width, vg.Length(margin)+size.RowHeight*vg.Length(max(len(rows), 1)))
	p.Draw(draw.New(c))
	_, err := c.WriteTo(w)
	return err
}

// axisRange spans every interval with a little room, on whole points.
func axisRange(rows []Row) (float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range rows {
		lo, hi = math.Min(lo, r.Low), math.Max(hi, r.High)
	}
	if len(rows) == 0 {
		return 0, 100
	}
	return math.Floor(lo - 1), math.Ceil(hi + 1)
}

// wholeTicks labels the index axis every 2, 5 or 10 points.
type wholeTicks struct{}

func (wholeTicks) Ticks(min, max float64) []plot.Tick {
	step := 10.0
	switch span := max - min; {
	case span <= 12:
		step = 2
	case span <= 30:
		step = 5
	}
	var out []plot.Tick
	for x := math.Ceil(min/step) * step; x <= max; x += step {
		out = append(out, plot.Tick{Value: x, Label: strconv.FormatFloat(x, 'f', -1, 64)})
	}
	return out
}

// newPlot is a plot whose texts are drawn at size's font and fall back to
// a Chinese font.
func newPlot(size Size) *plot.Plot {
	p := plot.New()
	h := cjkText{plot.DefaultTextHandler}
	p.TextHandler = h
	for _, sty := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle, &p.X.Tick.Label, &p.Y.Tick.Label} {
		sty.Handler = h
		sty.Font.Variant = "Sans" // a sans-serif family, so browsers fall back to a sans-serif Chinese font
		sty.Font.Size = size.Font
	}
	return p
}
