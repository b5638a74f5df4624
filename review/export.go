package review

import (
	"cmp"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"pingyi/scoring"
)

// The downloads carry the published ranking in Chinese, one row per unit,
// by category in the campaign's order and by rank within it (units without
// an index last). The JSON document is the full record; these are for
// spreadsheets.
var exportHeader = []string{"类别", "名次", "名次区间下限", "名次区间上限", "单位编码", "单位名称",
	"满意度指数", "标准误", "95%置信区间下限", "95%置信区间上限", "满意率", "等次",
	"上期指数", "指数变化", "上期名次", "名次变化", "标记"}

// hotlineHeader follows exportHeader when the index has a hotline
// component (SPEC Scoring step 8): the two parts the index combines, their
// shares, the cases and the five appeal rates (their counts are in the
// JSON document and appeals.csv).
var hotlineHeader = []string{"调查指数", "调查权重", "热线得分", "热线权重", "热线诉求件数",
	"响应率", "按期办结率", "解决率", "热线满意率", "息诉息访率"}

// hasComponents reports whether a version's index has a hotline component.
func hasComponents(c *Content) bool {
	return slices.ContainsFunc(c.Units, func(u PublishedUnit) bool { return u.Components != nil })
}

// exportHeaderOf is the header of a version's downloads: the ranking, the
// hotline columns when the index has them, then the group and indicator
// scores, and last the level columns when there are stations.
func exportHeaderOf(c *Content) []string {
	header := exportHeader
	if hasComponents(c) {
		header = slices.Concat(header, hotlineHeader)
	}
	header = slices.Concat(header, scoreColumns(c))
	if hasLevels(c) {
		header = slices.Concat(header, levelHeader)
	}
	return header
}

// componentCells are a unit's hotline columns, nil where absent.
func componentCells(x *scoring.Components) []any {
	cells := make([]any, len(hotlineHeader))
	if x == nil {
		return cells
	}
	cells[0], cells[1], cells[2], cells[3], cells[4] = floatCell(x.Survey.Index), x.Survey.Weight, floatCell(x.Hotline.Score), x.Hotline.Weight, x.Hotline.Cases
	for k, code := range scoring.RateCodes {
		cells[5+k] = floatCell(x.Hotline.Rates[code].Rate)
	}
	return cells
}

// exportRows lists the cells of each unit: numbers as float64 or int,
// nulls as nil.
func exportRows(c *Content) [][]any {
	components, levels := hasComponents(c), hasLevels(c)
	catName := map[string]string{}
	catPos := map[string]int{}
	for i, cat := range c.Categories {
		catName[cat.Code], catPos[cat.Code] = cat.Name, i
	}
	units := slices.Clone(c.Units)
	slices.SortStableFunc(units, func(a, b PublishedUnit) int {
		return cmp.Or(cmp.Compare(catPos[a.Category], catPos[b.Category]), cmp.Compare(levelOf(a), levelOf(b)), NullsLast(a.Rank, b.Rank))
	})
	rows := make([][]any, len(units))
	for i, u := range units {
		row := []any{catName[u.Category], intCell(u.Rank), intCell(u.RankLow), intCell(u.RankHigh), u.UnitCode, u.Name,
			floatCell(u.Index), floatCell(u.SE), floatCell(u.CILow), floatCell(u.CIHigh), floatCell(u.SatisfactionRate), u.Tier}
		if p := u.Previous; p != nil {
			row = append(row, floatCell(p.Index), floatCell(p.IndexChange), intCell(p.Rank), intCell(p.RankChange))
		} else {
			row = append(row, nil, nil, nil, nil)
		}
		row = append(row, strings.Join(u.Flags, ";"))
		if components {
			row = append(row, componentCells(u.Components)...)
		}
		row = append(row, scoreCells(c, u)...)
		if levels {
			row = append(row, levelCells(u)...)
		}
		rows[i] = row
	}
	return rows
}

// NullsLast orders two values that may be missing: ascending, a missing
// one after any present one. Units without an index have no rank, interval
// or change, and every ranking lists them last.
func NullsLast[T cmp.Ordered](a, b *T) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return cmp.Compare(*a, *b)
}

func floatCell(x *float64) any {
	if x == nil {
		return nil
	}
	return *x
}

func intCell(x *int) any {
	if x == nil {
		return nil
	}
	return *x
}

// WriteCSV writes the ranking as UTF-8 CSV with a byte-order mark, which
// spreadsheet programs need to read Chinese correctly.
func WriteCSV(w io.Writer, c *Content) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(exportHeaderOf(c))
	for _, row := range exportRows(c) {
		cells := make([]string, len(row))
		for i, v := range row {
			switch x := v.(type) {
			case nil:
			case float64:
				cells[i] = scoring.FormatRounded(x, scoring.CSVDecimals) // as `pingyi score --format csv`
			case int:
				cells[i] = strconv.Itoa(x)
			case string:
				cells[i] = x
			}
		}
		cw.Write(cells)
	}
	cw.Flush()
	return cw.Error()
}

// WriteXLSX writes the ranking as a spreadsheet, numbers unrounded and
// stored as numbers, streamed row by row.
func WriteXLSX(w io.Writer, c *Content) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "排名"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	names := exportHeaderOf(c)
	headStyle, styles, err := xlsxLayout(f, sw, names, c.Method.TieDecimals)
	if err != nil {
		return err
	}
	var header []any
	for _, h := range names {
		header = append(header, excelize.Cell{StyleID: headStyle, Value: h})
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 32}); err != nil {
		return err
	}
	for i, row := range exportRows(c) {
		for j, v := range row {
			if styles[j] != 0 && v != nil {
				row[j] = excelize.Cell{StyleID: styles[j], Value: v}
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
