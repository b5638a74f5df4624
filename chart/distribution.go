package chart

import (
	"image/color"
	"io"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Shares is one indicator's answers: how many chose each option of the
// scale, in the scale's order.
type Shares struct {
	Label  string
	Counts []int
}

// Palette colours a scale's options from the best (green) to the worst
// (red); a longer scale repeats it. Unknown is the colour of an answer
// that is not counted (不了解).
var (
	Palette = []color.RGBA{
		{0x1a, 0x7f, 0x37, 0xff}, {0x6f, 0xc2, 0x76, 0xff}, {0xd4, 0xa7, 0x2c, 0xff},
		{0xe0, 0x6c, 0x4c, 0xff}, {0xb4, 0x23, 0x2a, 0xff},
	}
	Unknown = color.RGBA{0x8c, 0x95, 0x9f, 0xff}
)

// ColourOf is the colour of option i of a scale, uncounted or not.
func ColourOf(i int, uncounted bool) color.RGBA {
	if uncounted {
		return Unknown
	}
	return Palette[i%len(Palette)]
}

// Distribution writes an SVG of 100% stacked bars, one per indicator, each
// split by the share of its answers per option in the colours of Palette
// (the page names them beside the chart). Drawn at the Narrow size, it reads on a phone and scales up on a screen.
// uncounted marks the options that do not count (不了解).
func Distribution(w io.Writer, rows []Shares, uncounted []bool) error {
	p := newPlot(Narrow)
	p.X.Min, p.X.Max = 0, 100
	p.X.Tick.Marker = plot.ConstantTicks{{Value: 0, Label: "0"}, {Value: 25, Label: "25"}, {Value: 50, Label: "50"}, {Value: 75, Label: "75"}, {Value: 100, Label: "100"}}
	p.X.Label.Text = "%"
	if len(rows) == 0 { // NominalY panics without names
		return writeNarrow(w, p, 0)
	}
	p.NominalY(labels(rows)...)
	p.Y.Padding = 0
	var below *plotter.BarChart
	for o := range uncounted {
		values := make(plotter.Values, len(rows))
		for i := len(rows) - 1; i >= 0; i-- { // the first indicator on top
			total := 0
			for _, n := range rows[i].Counts {
				total += n
			}
			if total > 0 && o < len(rows[i].Counts) {
				values[len(rows)-1-i] = 100 * float64(rows[i].Counts[o]) / float64(total)
			}
		}
		bars, err := plotter.NewBarChart(values, vg.Points(float64(Narrow.RowHeight)*0.7))
		if err != nil {
			return err
		}
		bars.Horizontal = true
		bars.LineStyle.Width = 0
		bars.Color = ColourOf(o, uncounted[o])
		if below != nil {
			bars.StackOn(below)
		}
		below = bars
		p.Add(bars)
	}
	return writeNarrow(w, p, len(rows))
}

// labels are the rows' labels bottom to top, as NominalY places them.
func labels(rows []Shares) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[len(rows)-1-i] = r.Label
	}
	return out
}
