package web

import (
	"cmp"
	"net/url"
	"slices"

	"pingyi/review"
	"pingyi/scoring"
	"pingyi/survey"
)

// rankRow is a unit in a ranking table, on the console or on the public
// page.
type rankRow struct {
	Code, Name        string
	Index             *float64
	CILow, CIHigh     *float64
	Rate              *float64
	Rank              *int
	RankLow, RankHigh *int
	Tier              string
	Groups            []groupCell // n per group, in campaign order (console)
	N                 int         // responses counting for the unit, all groups
	Previous          *review.PreviousUnit
	Flags             []string
	URL               string // the unit's drill-down (console)
	// Survey and Hotline are the two parts of a composite index (SPEC
	// Scoring step 8): the survey index and the hotline score.
	Survey, Hotline *float64
	levelled
}

// withComponents fills in a row's survey index and hotline score from a
// unit's step 8 breakdown (nil without a hotline component).
func (r *rankRow) withComponents(c *scoring.Components) {
	if c != nil {
		r.Survey, r.Hotline = c.Survey.Index, c.Hotline.Score
	}
}

type groupCell struct {
	Code    string
	N       int
	Counted bool
}

// rankTable is one category's ranking.
type rankTable struct {
	Code, Name string
	Rows       []rankRow
	// Components says the index combines the survey with the hotline: the
	// table shows both parts.
	Components bool
}

// consoleTables lays a score run's units out by category, with their
// change from the compared publication and their flags.
func consoleTables(st *survey.Structure, units []scoring.UnitResult, changes map[string]*review.PreviousUnit, flags map[string][]string, unitURL func(string) string) []rankTable {
	names := map[string]string{}
	for _, u := range st.Units {
		names[u.Code] = u.Name
	}
	tables := make([]rankTable, len(st.Categories))
	pos := map[string]int{}
	for i, cat := range st.Categories {
		tables[i] = rankTable{Code: cat.Code, Name: cat.Name}
		pos[cat.Code] = i
	}
	for _, u := range units {
		r := rankRow{Code: u.UnitCode, Name: names[u.UnitCode], Index: u.Index, CILow: u.CILow, CIHigh: u.CIHigh,
			Rate: u.SatisfactionRate, Rank: u.Rank, RankLow: u.RankLow, RankHigh: u.RankHigh, Previous: changes[u.UnitCode],
			Flags: flags[u.UnitCode], URL: unitURL(u.UnitCode), levelled: levelled{Parent: u.Parent, Level: u.Level, Stations: u.Stations}}
		r.withComponents(u.Components)
		for _, g := range st.Groups {
			if gr, ok := u.Groups[g.Code]; ok {
				r.Groups = append(r.Groups, groupCell{Code: g.Code, N: gr.N, Counted: gr.Counted})
				r.N += gr.N
			} else {
				r.Groups = append(r.Groups, groupCell{Code: g.Code})
			}
		}
		i := pos[u.Category]
		tables[i].Rows = append(tables[i].Rows, r)
		tables[i].Components = tables[i].Components || u.Components != nil
	}
	return tables
}

// publicTables lays a publication's units out by category.
func publicTables(c *review.Content) []rankTable {
	tables := make([]rankTable, len(c.Categories))
	pos := map[string]int{}
	for i, cat := range c.Categories {
		tables[i] = rankTable{Code: cat.Code, Name: cat.Name}
		pos[cat.Code] = i
	}
	for _, u := range c.Units {
		r := rankRow{Code: u.UnitCode, Name: u.Name, Index: u.Index, CILow: u.CILow, CIHigh: u.CIHigh,
			Rate: u.SatisfactionRate, Rank: u.Rank, RankLow: u.RankLow, RankHigh: u.RankHigh, Tier: u.Tier,
			Previous: u.Previous, Flags: u.Flags, levelled: levelled{Parent: u.Parent, Level: u.Level, Stations: u.Stations}}
		r.withComponents(u.Components)
		for _, g := range u.Groups {
			r.N += g.N
		}
		i := pos[u.Category]
		tables[i].Rows = append(tables[i].Rows, r)
		tables[i].Components = tables[i].Components || u.Components != nil
	}
	sortTables(tables, "rank", false)
	return tables
}

// sortKeys are the columns a ranking can be sorted by, each with its
// natural direction.
var sortKeys = map[string]func(a, b rankRow) int{
	"rank":   func(a, b rankRow) int { return review.NullsLast(a.Rank, b.Rank) },
	"index":  func(a, b rankRow) int { return review.NullsLast(a.Index, b.Index) },
	"ci":     func(a, b rankRow) int { return review.NullsLast(width(a), width(b)) },
	"rate":   func(a, b rankRow) int { return review.NullsLast(a.Rate, b.Rate) },
	"n":      func(a, b rankRow) int { return cmp.Compare(a.N, b.N) },
	"change": func(a, b rankRow) int { return review.NullsLast(indexChange(a), indexChange(b)) },
	"unit":   func(a, b rankRow) int { return cmp.Compare(a.Code, b.Code) },
}

// sortTables orders every table by key (rank when unknown), descending if
// desc; units lacking the value come last either way, then by code. Each
// station then moves beneath its department, its order among the
// department's stations kept.
func sortTables(tables []rankTable, key string, desc bool) {
	by, ok := sortKeys[key]
	if !ok {
		by = sortKeys["rank"]
	}
	for i, t := range tables {
		slices.SortStableFunc(t.Rows, func(a, b rankRow) int {
			if c := missingLast(a, b, key); c != 0 {
				return c
			}
			c := by(a, b)
			if desc {
				c = -c
			}
			return cmp.Or(c, cmp.Compare(a.Code, b.Code))
		})
		tables[i].Rows = stationsBeneath(t.Rows)
	}
}

// missingLast puts a unit without the sorted value after one with it.
func missingLast(a, b rankRow, key string) int {
	has := func(r rankRow) bool {
		switch key {
		case "index", "ci", "rate":
			return r.Index != nil
		case "change":
			return indexChange(r) != nil
		case "n", "unit":
			return true
		}
		return r.Rank != nil
	}
	switch ha, hb := has(a), has(b); {
	case ha && !hb:
		return -1
	case !ha && hb:
		return 1
	}
	return 0
}

func width(r rankRow) *float64 {
	if r.CILow == nil || r.CIHigh == nil {
		return nil
	}
	w := *r.CIHigh - *r.CILow
	return &w
}

func indexChange(r rankRow) *float64 {
	if r.Previous == nil {
		return nil
	}
	return r.Previous.IndexChange
}

// sortHeader is a column heading that sorts by its column: a link, so
// sorting needs no script.
type sortHeader struct {
	Label   string
	URL     string
	Current bool
	Desc    bool
}

// sortHeaders makes the headings' links: the current column toggles its
// direction, another starts in its natural one (rank ascending; values
// descending, the best first).
func sortHeaders(base url.Values, path, current string, desc bool, labels [][2]string) map[string]sortHeader {
	out := map[string]sortHeader{}
	for _, kl := range labels {
		key, label := kl[0], kl[1]
		q := url.Values{}
		for k, v := range base {
			q[k] = v
		}
		next := key != "rank" && key != "unit"
		if key == current {
			next = !desc
		}
		q.Set("sort", key)
		if next {
			q.Set("dir", "desc")
		} else {
			q.Set("dir", "asc")
		}
		out[key] = sortHeader{Label: label, URL: path + "?" + q.Encode(), Current: key == current, Desc: desc}
	}
	return out
}
