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
// that every unit is followed by the units below it, each level in rank
// order, and then by its stations' summary.
func stationsBeneath(units []UnitResult) []tableLine {
	out := make([]tableLine, 0, len(units))
	Beneath(units, func(u UnitResult) (string, string) { return u.UnitCode, u.Parent },
		func(u UnitResult, _ int) { out = append(out, tableLine{unit: u}) },
		func(u UnitResult) {
			if u.Stations != nil {
				out = append(out, tableLine{unit: u, summary: true})
			}
		})
	return out
}

// Beneath walks items, given in the order wanted among siblings, depth
// first: each item, then the items directly below it and theirs, then
// closing (when not nil) of the item. depth is 0 for an item whose parent
// is not among items (a unit whose parent is in another category heads
// its own branch where the order puts it). key gives an item's code and
// its parent's.
func Beneath[T any](items []T, key func(T) (code, parent string), visit func(item T, depth int), closing func(item T)) {
	here := make(map[string]bool, len(items))
	for _, it := range items {
		code, _ := key(it)
		here[code] = true
	}
	below := map[string][]T{}
	var roots []T
	for _, it := range items {
		if _, p := key(it); p != "" && here[p] {
			below[p] = append(below[p], it)
		} else {
			roots = append(roots, it)
		}
	}
	var walk func(it T, depth int)
	walk = func(it T, depth int) {
		visit(it, depth)
		code, _ := key(it)
		for _, b := range below[code] {
			walk(b, depth+1)
		}
		if closing != nil {
			closing(it)
		}
	}
	for _, it := range roots {
		walk(it, 0)
	}
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
