package chart

import (
	"image/color"
	"io"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// The phone survey's progress, drawn at the Narrow size like
// Distribution: what the progress page's tables say, for the eye.

// Pair is one bar of a progress chart: a part reached of a whole.
type Pair struct {
	Label       string
	Part, Whole int
}

var (
	reached = color.RGBA{0x1a, 0x7f, 0x37, 0xff}
	target  = color.RGBA{0xc8, 0xce, 0xd4, 0xff}
)

// Quotas writes an SVG of one horizontal bar per row, first on top: the
// whole (a stratum's quota) in grey, the part reached (its completes) in
// a narrower green bar over it, longer than the grey one when the quota is
// exceeded.
func Quotas(w io.Writer, rows []Pair, xLabel string) error {
	p := newPlot(Narrow)
	p.X.Label.Text = xLabel
	p.X.Min = 0
	names := make([]string, len(rows))
	wholes := make(plotter.Values, len(rows))
	parts := make(plotter.Values, len(rows))
	for i, r := range rows {
		j := len(rows) - 1 - i // NominalY counts from the bottom
		names[j], wholes[j], parts[j] = r.Label, float64(r.Whole), float64(r.Part)
	}
	if len(rows) == 0 { // NominalY panics without names
		return writeNarrow(w, p, 0)
	}
	p.NominalY(names...)
	p.Y.Padding = 0
	width := vg.Points(float64(Narrow.RowHeight) * 0.7)
	for _, s := range []struct {
		v plotter.Values
		c color.RGBA
		w vg.Length
	}{{wholes, target, width}, {parts, reached, width * 0.55}} {
		bars, err := plotter.NewBarChart(s.v, s.w)
		if err != nil {
			return err
		}
		bars.Horizontal, bars.LineStyle.Width, bars.Color = true, 0, s.c
		p.Add(bars)
	}
	return writeNarrow(w, p, len(rows))
}

// Daily writes an SVG of one vertical bar per day, oldest at the left:
// the calls (Whole) in grey, the completes (Part) in green in front;
// Label is the day, shown for a few days only so the labels do not
// overlap.
func Daily(w io.Writer, days []Pair, yLabel string) error {
	p := newPlot(Narrow)
	p.Y.Label.Text = yLabel
	p.Y.Min = 0
	calls := make(plotter.Values, len(days))
	completes := make(plotter.Values, len(days))
	for i, d := range days {
		calls[i], completes[i] = float64(d.Whole), float64(d.Part)
	}
	if len(days) > 0 {
		width := (Narrow.Width - margin) / vg.Length(len(days)+1)
		for _, s := range []struct {
			v plotter.Values
			c color.RGBA
		}{{calls, target}, {completes, reached}} {
			bars, err := plotter.NewBarChart(s.v, width*0.8)
			if err != nil {
				return err
			}
			bars.LineStyle.Width, bars.Color = 0, s.c
			p.Add(bars)
		}
	}
	p.X.Tick.Marker = dayTicks(days)
	c := vgsvg.New(Narrow.Width, Narrow.Width*0.75)
	p.Draw(draw.New(c))
	_, err := c.WriteTo(w)
	return err
}

// dayTicks labels the first and last day and about three between with
// their month and day.
func dayTicks(days []Pair) plot.ConstantTicks {
	step := max(1, len(days)/4)
	var out plot.ConstantTicks
	for i := 0; i < len(days); i += step {
		out = append(out, plot.Tick{Value: float64(i), Label: monthDay(days[i].Label)})
	}
	if n := len(days) - 1; n > 0 && n%step != 0 {
		out = append(out, plot.Tick{Value: float64(n), Label: monthDay(days[n].Label)})
	}
	return out
}

// monthDay shortens 2026-11-21 to 11-21.
func monthDay(day string) string {
	if len(day) == len("2006-01-02") {
		return day[5:]
	}
	return day
}

func writeNarrow(w io.Writer, p *plot.Plot, rows int) error {
	c := vgsvg.New(Narrow.Width, vg.Length(margin)+Narrow.RowHeight*vg.Length(max(rows, 1)))
	p.Draw(draw.New(c))
	_, err := c.WriteTo(w)
	return err
}
