package web

import "pingyi/scoring"

// levelled places a ranking row among levels (SPEC: a unit's parent makes
// it a station of that unit). Ranks are within category and level, so a
// station's rank counts only among stations; Depth is how far the row is
// nested beneath a row of the same table.
type levelled struct {
	Parent   string
	Level    int // 0 or 1 for a department
	Stations *scoring.Stations
	Depth    int
}

// stationsBeneath reorders a sorted table so that each unit is followed by
// the units directly below it, and theirs, in the order they had. A unit
// whose parent is in another table stays where the sort put it.
func stationsBeneath(rows []rankRow) []rankRow {
	here := make(map[string]bool, len(rows))
	for _, r := range rows {
		here[r.Code] = true
	}
	below := map[string][]rankRow{}
	var roots []rankRow
	for _, r := range rows {
		if r.Parent != "" && here[r.Parent] {
			below[r.Parent] = append(below[r.Parent], r)
		} else {
			roots = append(roots, r)
		}
	}
	if len(below) == 0 {
		return rows
	}
	out := make([]rankRow, 0, len(rows))
	var walk func(r rankRow, depth int)
	walk = func(r rankRow, depth int) {
		r.Depth = depth
		out = append(out, r)
		for _, s := range below[r.Code] {
			walk(s, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	return out
}
