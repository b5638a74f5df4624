package web

import "pingyi/review"

// scoreTable is a category's units with their indicator scores (main and
// auxiliary) and group scores, as published, in the ranking's order.
type scoreTable struct {
	Code  string
	Heads []scoreHead
	Rows  []scoreRow
}

type scoreHead struct {
	Name      string
	Auxiliary bool
	Group     bool
}

type scoreRow struct {
	Name  string
	Cells []scoreCell
}

// scoreCell is an indicator score, or a group's score with its n and
// whether it entered the index; Value is nil where there is none.
type scoreCell struct {
	Value   *float64
	Group   bool
	N       int
	Counted bool
}

// publicScores lays out every unit's indicator and group scores by
// category, the units in the order of publicTables. Versions published
// before these were recorded have none: no tables.
func publicScores(c *review.Content, tables []rankTable) []scoreTable {
	byCode := map[string]*review.PublishedUnit{}
	recorded := false
	for i := range c.Units {
		byCode[c.Units[i].UnitCode] = &c.Units[i]
		recorded = recorded || c.Units[i].Indicators != nil
	}
	if !recorded {
		return nil
	}
	var heads []scoreHead
	for _, ind := range c.Method.Indicators {
		heads = append(heads, scoreHead{Name: ind.Name, Auxiliary: ind.Auxiliary})
	}
	for _, g := range c.Method.Groups {
		heads = append(heads, scoreHead{Name: g.Name, Group: true})
	}
	out := make([]scoreTable, 0, len(tables))
	for _, t := range tables {
		st := scoreTable{Code: t.Code, Heads: heads}
		for _, r := range t.Rows {
			u := byCode[r.Code]
			row := scoreRow{Name: r.Name}
			for _, ind := range c.Method.Indicators {
				row.Cells = append(row.Cells, scoreCell{Value: u.Indicators[ind.Code]})
			}
			for _, g := range c.Method.Groups {
				cell := scoreCell{Group: true}
				if gs, ok := u.Groups[g.Code]; ok {
					cell.Value, cell.N, cell.Counted = gs.Score, gs.N, gs.Counted
				}
				row.Cells = append(row.Cells, cell)
			}
			st.Rows = append(st.Rows, row)
		}
		out = append(out, st)
	}
	return out
}
