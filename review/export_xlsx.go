package review

import (
	"strings"

	"github.com/xuri/excelize/v2"
)

// The spreadsheet's look: a bold shaded header that stays in view, columns
// wide enough for their contents, and numbers shown to the decimals the
// page publishes (the cells keep their full values, as the CSV does).

// xlsxColumn is how one column is shown: its width in characters and its
// number format ("" for text).
type xlsxColumn struct {
	Width  float64
	Format string
}

// xlsxColumns lays out the columns of header, with the index's decimals.
func xlsxColumns(header []string, decimals int) []xlsxColumn {
	if decimals <= 0 {
		decimals = 2
	}
	dec := "0." + strings.Repeat("0", decimals)
	signed := "+" + dec + ";-" + dec + ";" + dec
	cols := make([]xlsxColumn, len(header))
	for i, h := range header {
		c := xlsxColumn{Width: 12, Format: dec}
		switch {
		case h == "单位名称":
			c = xlsxColumn{Width: 30}
		case h == "类别" || h == "标记":
			c = xlsxColumn{Width: 16}
		case h == "单位编码" || h == "等次" || h == "上级单位编码":
			c = xlsxColumn{Width: 10}
		case h == "名次变化":
			c.Format = "+0;-0;0"
		case strings.Contains(h, "名次") || strings.HasSuffix(h, "样本量"):
			c.Format = "0"
		case h == "指数变化":
			c.Format = signed
		case h == "标准误":
			c.Format = dec + "0"
		case strings.HasSuffix(h, "率"): // 满意率 and the hotline's rates
			c.Format = "0.0%"
		case h == "热线诉求件数" || h == "层级" || h == "下属站所数" || h == "有指数站所数":
			c.Format = "0"
		case strings.HasPrefix(h, "指标：") || strings.HasPrefix(h, "群体："):
			c.Width = 14
		}
		cols[i] = c
	}
	return cols
}

// xlsxLayout sets the header's style, the widths and the frozen header on
// the stream before its rows, and returns each column's cell style.
func xlsxLayout(f *excelize.File, sw *excelize.StreamWriter, header []string, decimals int) (headStyle int, styles []int, err error) {
	headStyle, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F6F8FA"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
		Border:    []excelize.Border{{Type: "bottom", Color: "59636E", Style: 1}}})
	if err != nil {
		return 0, nil, err
	}
	formats := map[string]int{}
	for i, c := range xlsxColumns(header, decimals) {
		if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return 0, nil, err
		}
		id, ok := formats[c.Format]
		if !ok && c.Format != "" {
			format := c.Format
			if id, err = f.NewStyle(&excelize.Style{CustomNumFmt: &format}); err != nil {
				return 0, nil, err
			}
			formats[c.Format] = id
		}
		styles = append(styles, id)
	}
	err = sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	return headStyle, styles, err
}
