package verify

import (
	"maps"
	"slices"
	"strconv"

	"pingyi/scoring"
)

// compareUnits compares every published unit's numbers with the
// recomputed ones, bit for bit. only, when not nil, restricts the
// comparison to these groups' scores (the rest depend on withheld data).
func (r *Report) compareUnits(published []unit, got []scoring.UnitResult, only map[string]bool) {
	if len(published) != len(got) {
		r.differ("publication.json has %d units, the method's configuration %d", len(published), len(got))
		return
	}
	for i, p := range published {
		g := got[i]
		at := func(what string) string { return "unit " + p.UnitCode + " " + what }
		if only == nil {
			r.float(at("index"), p.Index, g.Index)
			r.float(at("se"), p.SE, g.SE)
			r.float(at("ci_low"), p.CILow, g.CILow)
			r.float(at("ci_high"), p.CIHigh, g.CIHigh)
			r.float(at("satisfaction_rate"), p.SatisfactionRate, g.SatisfactionRate)
			r.int(at("rank"), p.Rank, g.Rank)
			r.int(at("rank_low"), p.RankLow, g.RankLow)
			r.int(at("rank_high"), p.RankHigh, g.RankHigh)
			r.Checked++
			if !slices.Equal(p.Flags, g.Flags) {
				r.differ("%s: published %v, recomputed %v", at("flags"), p.Flags, g.Flags)
			}
			r.stations(at("stations"), p.Stations, g.Stations)
			for _, code := range union(p.Indicators, g.Indicators) {
				r.float(at("indicator "+code), p.Indicators[code], g.Indicators[code])
			}
		}
		for _, code := range union(p.Groups, g.Groups) {
			if only != nil && !only[code] {
				continue
			}
			pg, pok := p.Groups[code]
			gg, gok := g.Groups[code]
			if pok != gok {
				r.differ("%s: published %s, recomputed %s", at("group "+code), presence(pok), presence(gok))
				continue
			}
			if pg.N != gg.N || pg.Counted != gg.Counted {
				r.differ("%s: published n %d counted %t, recomputed n %d counted %t", at("group "+code), pg.N, pg.Counted, gg.N, gg.Counted)
			}
			r.float(at("group "+code+" score"), pg.Score, &gg.Score)
			r.float(at("group "+code+" se"), pg.SE, &gg.SE)
			r.float(at("group "+code+" satisfaction_rate"), pg.SatisfactionRate, &gg.SatisfactionRate)
		}
	}
}

// stations compares a unit's summary of its stations (absent with absent).
func (r *Report) stations(what string, published *stations, recomputed *scoring.Stations) {
	if published == nil || recomputed == nil {
		if (published == nil) != (recomputed == nil) {
			r.differ("%s: published %s, recomputed %s", what, presence(published != nil), presence(recomputed != nil))
		}
		return
	}
	if published.Count != recomputed.Count || published.WithIndex != recomputed.WithIndex {
		r.differ("%s: published %d with %d indexed, recomputed %d with %d indexed", what,
			published.Count, published.WithIndex, recomputed.Count, recomputed.WithIndex)
	}
	r.float(what+" mean", published.Mean, recomputed.Mean)
	r.float(what+" min", published.Min, recomputed.Min)
}

// float compares two numbers bit for bit (null with null).
func (r *Report) float(what string, published, recomputed *float64) {
	r.Checked++
	switch {
	case published == nil && recomputed == nil:
	case published == nil || recomputed == nil || *published != *recomputed:
		r.differ("%s: published %s, recomputed %s", what, show(published), show(recomputed))
	}
}

func (r *Report) int(what string, published, recomputed *int) {
	r.Checked++
	if (published == nil) != (recomputed == nil) || (published != nil && *published != *recomputed) {
		r.differ("%s: published %s, recomputed %s", what, showInt(published), showInt(recomputed))
	}
}

func show(x *float64) string {
	if x == nil {
		return "null"
	}
	return strconv.FormatFloat(*x, 'g', -1, 64)
}

func showInt(x *int) string {
	if x == nil {
		return "null"
	}
	return strconv.Itoa(*x)
}

func presence(ok bool) string {
	if ok {
		return "present"
	}
	return "absent"
}

// union is the sorted keys of both maps.
func union[A, B any](a map[string]A, b map[string]B) []string {
	keys := slices.Collect(maps.Keys(a))
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}
