package scoring

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// CSVDecimals is how far WriteCSV, and every other CSV of results, rounds
// (half away from zero): enough for a satisfaction rate such as 0.9612 and
// for indices to the hundredth with a margin. JSON output stays unrounded.
const CSVDecimals = 4

// WriteCSV writes one row per unit, in campaign order, with a header row.
// Columns: unit_code, category, index, se, ci_low, ci_high,
// satisfaction_rate, rank, rank_low, rank_high, flags (joined by ";"), then
// for every group in campaign order group.<code>.score, .se, .n,
// .satisfaction_rate and .counted (true/false), then indicator.<code> for
// every indicator in campaign order, then, for a run with a hotline
// component (step 8), survey.index, .se and .weight, hotline.score,
// .weight and .cases, and for each rate hotline.<rate>.rate, .numerator,
// .denominator and .counted. Numbers are rounded to 4 decimals,
// half away from zero; an empty cell is null, or a group that has no
// response counting for the unit.
func WriteCSV(w io.Writer, cfg Config, res *Result) error {
	header := []string{"unit_code", "category", "index", "se", "ci_low", "ci_high",
		"satisfaction_rate", "rank", "rank_low", "rank_high", "flags"}
	for _, g := range cfg.Groups {
		for _, f := range []string{"score", "se", "n", "satisfaction_rate", "counted"} {
			header = append(header, "group."+g.Code+"."+f)
		}
	}
	for _, ind := range cfg.Indicators {
		header = append(header, "indicator."+ind.Code)
	}
	if cfg.Hotline != nil {
		header = append(header, componentsHeader()...)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, u := range res.Units {
		row := []string{u.UnitCode, u.Category, csvNumber(u.Index), csvNumber(u.SE), csvNumber(u.CILow),
			csvNumber(u.CIHigh), csvNumber(u.SatisfactionRate), csvInt(u.Rank), csvInt(u.RankLow),
			csvInt(u.RankHigh), strings.Join(u.Flags, ";")}
		for _, g := range cfg.Groups {
			gr, ok := u.Groups[g.Code]
			if !ok {
				row = append(row, "", "", "", "", "")
				continue
			}
			row = append(row, csvNumber(&gr.Score), csvNumber(&gr.SE), strconv.Itoa(gr.N),
				csvNumber(&gr.SatisfactionRate), strconv.FormatBool(gr.Counted))
		}
		for _, ind := range cfg.Indicators {
			row = append(row, csvNumber(u.Indicators[ind.Code]))
		}
		if cfg.Hotline != nil {
			row = appendComponents(row, u.Components)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvNumber(x *float64) string {
	if x == nil {
		return ""
	}
	return FormatRounded(*x, CSVDecimals)
}

func csvInt(x *int) string {
	if x == nil {
		return ""
	}
	return strconv.Itoa(*x)
}

func componentsHeader() []string {
	h := []string{"survey.index", "survey.se", "survey.weight", "hotline.score", "hotline.weight", "hotline.cases"}
	for _, code := range RateCodes {
		for _, f := range []string{"rate", "numerator", "denominator", "counted"} {
			h = append(h, "hotline."+code+"."+f)
		}
	}
	return h
}

func appendComponents(row []string, c *Components) []string {
	row = append(row, csvNumber(c.Survey.Index), csvNumber(c.Survey.SE), csvNumber(&c.Survey.Weight),
		csvNumber(c.Hotline.Score), csvNumber(&c.Hotline.Weight), strconv.Itoa(c.Hotline.Cases))
	for _, code := range RateCodes {
		r := c.Hotline.Rates[code]
		row = append(row, csvNumber(r.Rate), strconv.Itoa(r.Numerator), strconv.Itoa(r.Denominator), strconv.FormatBool(r.Counted))
	}
	return row
}
