package review

import "slices"

// A campaign with stations adds, after all the other columns, each unit's
// level and parent and, for a unit with stations, their summary; its rows
// run by category, then level, then rank, as the ranks are counted. A
// version of departments only keeps the columns it always had.
var levelHeader = []string{"层级", "上级单位编码", "下属站所数", "有指数站所数", "站所加权平均指数", "站所最低指数"}

// hasLevels reports whether a version has units below others.
func hasLevels(c *Content) bool {
	return slices.ContainsFunc(c.Units, func(u PublishedUnit) bool { return u.Parent != "" })
}

// levelOf is a unit's level, 1 for a department.
func levelOf(u PublishedUnit) int { return max(u.Level, 1) }

// levelCells are a unit's cells under levelHeader.
func levelCells(u PublishedUnit) []any {
	cells := []any{levelOf(u), u.Parent, nil, nil, nil, nil}
	if s := u.Stations; s != nil {
		cells[2], cells[3], cells[4], cells[5] = s.Count, s.WithIndex, floatCell(s.Mean), floatCell(s.Min)
	}
	return cells
}
