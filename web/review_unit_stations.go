package web

import (
	"cmp"
	"net/url"
	"slices"

	"pingyi/httpx"
	"pingyi/review"
	"pingyi/scoring"
)

// unitStations is the drill-down from a department to the units directly
// below it: each with its index and its rank among its own level, and the
// summary the score run reports. Above names the unit this one is a
// station of.
type unitStations struct {
	Rows    []stationRow
	Summary *scoring.Stations
	Above   *stationRow
}

type stationRow struct {
	Code, Name        string
	Index             *float64
	Rank              *int
	RankLow, RankHigh *int
	Level             int
	URL               string // its own drill-down; empty where the reader may not follow
}

// stationsOf lays out a unit's stations by rank (those without an index
// last), linking each to its page on the console when link is given.
func stationsOf(v *review.UnitView, link func(code string) string) *unitStations {
	st := v.Structure
	name := func(code string) string {
		if i, ok := st.UnitIndex(code); ok {
			return st.Units[i].Name
		}
		return code
	}
	out := &unitStations{Summary: v.Result.Stations}
	for _, u := range v.Stations {
		out.Rows = append(out.Rows, stationRow{Code: u.UnitCode, Name: name(u.UnitCode), Index: u.Index, Rank: u.Rank,
			RankLow: u.RankLow, RankHigh: u.RankHigh, Level: u.Level, URL: link(u.UnitCode)})
	}
	slices.SortStableFunc(out.Rows, func(a, b stationRow) int {
		return cmp.Or(review.NullsLast(a.Rank, b.Rank), cmp.Compare(a.Code, b.Code))
	})
	if p := v.Result.Parent; p != "" {
		out.Above = &stationRow{Code: p, Name: name(p), URL: link(p)}
	}
	if len(out.Rows) == 0 && out.Above == nil {
		return nil
	}
	return out
}

// consoleUnitLink is a unit's drill-down in run runID on the console.
func consoleUnitLink(code string, runID int64) func(string) string {
	return func(unit string) string {
		return "/review/" + url.PathEscape(code) + "/units/" + url.PathEscape(unit) + "?run=" + httpx.Itoa(runID)
	}
}

// noLink leaves a station unlinked: a liaison sees its own unit only.
func noLink(string) string { return "" }
