package scoring

import (
	"fmt"
	"strings"
)

// tableLine is a line of a category's block: a unit, or (summary) the line
// closing the stations of the unit.
type tableLine struct {
	unit    UnitResult
	summary bool
}

// stationsBeneath lays out a category's units, already in rank order, so
// that every unit is followed by the units directly below it (and theirs),
// each level in rank order, and then by its stations' summary. A unit
// whose parent is in another category heads its own branch where its rank
// puts it.
func stationsBeneath(units []UnitResult) []tableLine {
	here := make(map[string]bool, len(units))
	for _, u := range units {
		here[u.UnitCode] = true
	}
	below := map[string][]UnitResult{}
	var roots []UnitResult
	for _, u := range units {
		if u.Parent != "" && here[u.Parent] {
			below[u.Parent] = append(below[u.Parent], u)
		} else {
			roots = append(roots, u)
		}
	}
	out := make([]tableLine, 0, len(units))
	var walk func(u UnitResult)
	walk = func(u UnitResult) {
		out = append(out, tableLine{unit: u})
		for _, s := range below[u.UnitCode] {
			walk(s)
		}
		if u.Stations != nil {
			out = append(out, tableLine{unit: u, summary: true})
		}
	}
	for _, u := range roots {
		walk(u)
	}
	return out
}

// indent shifts a station's rank and name two columns per level below the
// department, so that its rank reads as one among its own level's.
func indent(row []string, level int) []string {
	if level <= 1 {
		return row
	}
	pad := strings.Repeat("  ", level-1)
	row[0], row[1] = pad+row[0], pad+"└ "+row[1]
	return row
}

// stationsRow is the line closing a department's stations: how many, how
// many with an index, their mean index weighted by responses and the
// lowest, under the index and interval columns.
func stationsRow(s *Stations, level int) []string {
	row := make([]string, 7)
	row[1] = strings.Repeat("  ", max(level, 1)) + fmt.Sprintf("站所 %d 个，%d 个有指数", s.Count, s.WithIndex)
	row[2], row[3] = "-", ""
	if s.Mean != nil {
		row[2] = "均 " + FormatRounded(*s.Mean, 2)
		row[3] = "最低 " + FormatRounded(*s.Min, 2)
	}
	return row
}
