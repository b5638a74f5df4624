package review

// The downloads add, after the ranking's columns, each unit's indicator
// scores (main and auxiliary, in the method's order) and each group's
// score and n — what liaison pages showed and cities publish. Versions
// published before these were recorded keep the ranking's columns only.

// scoreColumns are the added column names, none for such a version.
func scoreColumns(c *Content) []string {
	if !hasScores(c) {
		return nil
	}
	var cols []string
	for _, ind := range c.Method.Indicators {
		name := "指标：" + ind.Name
		if ind.Auxiliary {
			name += "（辅助）"
		}
		cols = append(cols, name)
	}
	for _, g := range c.Method.Groups {
		cols = append(cols, "群体："+g.Name+" 得分", "群体："+g.Name+" 样本量")
	}
	return cols
}

// scoreCells are a unit's cells under scoreColumns.
func scoreCells(c *Content, u PublishedUnit) []any {
	if !hasScores(c) {
		return nil
	}
	var cells []any
	for _, ind := range c.Method.Indicators {
		cells = append(cells, floatCell(u.Indicators[ind.Code]))
	}
	for _, g := range c.Method.Groups {
		if gs, ok := u.Groups[g.Code]; ok {
			cells = append(cells, floatCell(gs.Score), gs.N)
		} else {
			cells = append(cells, nil, 0)
		}
	}
	return cells
}

func hasScores(c *Content) bool {
	for _, u := range c.Units {
		if u.Indicators != nil {
			return true
		}
	}
	return false
}
