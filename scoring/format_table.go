package scoring

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"golang.org/x/text/width"
)

// flagLabel is a flag's Chinese label in the terminal table.
func flagLabel(flag string) string {
	switch flag {
	case FlagInsufficientSample:
		return "样本不足"
	case FlagNoHotline:
		return "无热线得分"
	}
	return flag
}

// WriteTable writes a table for people at a terminal: one block per category
// (in order of first appearance), units ordered by rank, units without an
// index last with a dash. Stations follow their department, indented, in
// the order of their own ranks (among the stations of their category and
// level), and a department's stations close with a line summarising them. It shows index, 95% interval, rank, rank interval,
// satisfaction rate and flags, numbers rounded to 2 decimals. names maps
// unit and category codes to display names (a missing name shows the code);
// Chinese names are aligned by display width, wide characters taking two
// columns. A run with a hotline component (step 8) shows the composite
// index, then the survey index and the hotline score it combines.
func WriteTable(w io.Writer, res *Result, names map[string]string) error {
	header := []string{"排名", "单位", "指数", "95%区间", "排名区间", "满意率", "标记"}
	components := slices.ContainsFunc(res.Units, func(u UnitResult) bool { return u.Components != nil })
	if components {
		header = slices.Insert(header, 3, "调查指数", "热线得分")
		header[2] = "综合指数"
	}
	var cats []string
	byCat := map[string][]UnitResult{}
	for _, u := range res.Units {
		if _, ok := byCat[u.Category]; !ok {
			cats = append(cats, u.Category)
		}
		byCat[u.Category] = append(byCat[u.Category], u)
	}
	var out strings.Builder
	for i, cat := range cats {
		units := slices.Clone(byCat[cat])
		slices.SortStableFunc(units, func(a, b UnitResult) int {
			return cmp.Compare(rankOrder(a), rankOrder(b))
		})
		rows := [][]string{header}
		for _, line := range stationsBeneath(units) {
			u := line.unit
			if line.summary {
				summary := stationsRow(u.Stations, u.Level)
				if components {
					summary = slices.Insert(summary, 3, "", "")
				}
				rows = append(rows, summary)
				continue
			}
			row := tableRow(u, names)
			if components {
				row = slices.Insert(row, 3, componentCells(u.Components)...)
			}
			rows = append(rows, indent(row, u.Level))
		}
		if i > 0 {
			out.WriteString("\n")
		}
		fmt.Fprintf(&out, "%s\n", displayName(names, cat))
		writeAligned(&out, rows)
	}
	_, err := io.WriteString(w, out.String())
	return err
}

// rankOrder sorts ranked units by rank and the others last.
func rankOrder(u UnitResult) int {
	if u.Rank == nil {
		return int(^uint(0) >> 1)
	}
	return *u.Rank
}

func tableRow(u UnitResult, names map[string]string) []string {
	var flags []string
	for _, f := range u.Flags {
		flags = append(flags, flagLabel(f))
	}
	row := []string{"-", displayName(names, u.UnitCode), "-", "", "", "", strings.Join(flags, " ")}
	if u.Index == nil {
		return row
	}
	row[0] = fmt.Sprint(*u.Rank)
	row[2] = FormatRounded(*u.Index, 2)
	row[3] = fmt.Sprintf("[%s, %s]", FormatRounded(*u.CILow, 2), FormatRounded(*u.CIHigh, 2))
	if u.RankLow != nil {
		row[4] = fmt.Sprintf("%d-%d", *u.RankLow, *u.RankHigh)
	}
	row[5] = FormatRounded(100**u.SatisfactionRate, 2) + "%"
	return row
}

// componentCells are a unit's survey index and hotline score, a dash for
// either that is absent.
func componentCells(c *Components) []string {
	cells := []string{"-", "-"}
	if c == nil {
		return cells
	}
	for i, x := range []*float64{c.Survey.Index, c.Hotline.Score} {
		if x != nil {
			cells[i] = FormatRounded(*x, 2)
		}
	}
	return cells
}

func displayName(names map[string]string, code string) string {
	if n, ok := names[code]; ok && n != "" {
		return n
	}
	return code
}

// writeAligned pads every cell to its column's display width, two spaces
// between columns, no trailing spaces.
func writeAligned(out *strings.Builder, rows [][]string) {
	var widths []int
	for _, row := range rows {
		for c, cell := range row {
			if c == len(widths) {
				widths = append(widths, 0)
			}
			widths[c] = max(widths[c], displayWidth(cell))
		}
	}
	for _, row := range rows {
		var line strings.Builder
		line.WriteString("  ")
		for c, cell := range row {
			line.WriteString(cell)
			if c < len(row)-1 {
				line.WriteString(strings.Repeat(" ", widths[c]-displayWidth(cell)+2))
			}
		}
		out.WriteString(strings.TrimRight(line.String(), " "))
		out.WriteString("\n")
	}
}

// displayWidth counts terminal columns: East Asian wide and fullwidth
// characters (Chinese among them) take two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
