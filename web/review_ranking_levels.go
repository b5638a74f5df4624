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
// the units below it, in the order they had. A unit whose parent is in
// another table stays where the sort put it.
func stationsBeneath(rows []rankRow) []rankRow {
	out := make([]rankRow, 0, len(rows))
	scoring.Beneath(rows, func(r rankRow) (string, string) { return r.Code, r.Parent },
		func(r rankRow, depth int) { r.Depth = depth; out = append(out, r) }, nil)
	return out
}
