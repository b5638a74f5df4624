package survey

import "pingyi/scoring"

// ScoringConfig is what the scoring package needs to know of a campaign:
// its structure with the weights resolved (AHP included) and each group's
// min_sample.
func (st *Structure) ScoringConfig() scoring.Config {
	c := st.Campaign
	cfg := scoring.Config{Bootstrap: c.Bootstrap, Seed: uint64(c.Seed), TieDecimals: c.TieDecimals}
	for _, u := range st.Units {
		unit := scoring.Unit{Code: u.Code, Category: st.CategoryOf(u).Code, Level: u.Level}
		if u.ParentID != nil {
			unit.Parent = st.Units[st.unitByID[*u.ParentID]].Code
		}
		cfg.Units = append(cfg.Units, unit)
	}
	main := 0
	for _, ind := range st.Indicators {
		x := scoring.Indicator{Code: ind.Code, Auxiliary: ind.Auxiliary}
		if !ind.Auxiliary {
			x.Weight = st.MainWeights[main]
			main++
		}
		cfg.Indicators = append(cfg.Indicators, x)
	}
	for _, o := range st.Scale {
		x := scoring.Option{Code: o.Code, Satisfied: o.Satisfied, Excluded: o.Excluded}
		if o.Score != nil {
			x.Score = *o.Score
		}
		cfg.Options = append(cfg.Options, x)
	}
	for _, g := range st.Groups {
		cfg.Groups = append(cfg.Groups, scoring.Group{Code: g.Code, Weight: g.Weight, MinSample: st.MinSampleOf(g)})
	}
	return cfg
}

// MinSampleOf is the number of responses a group needs for a unit before
// its score counts: the group's own min_sample, or the campaign's.
func (st *Structure) MinSampleOf(g Group) int {
	if g.MinSample != nil {
		return *g.MinSample
	}
	return st.Campaign.MinSample
}

// Shares are the main indicators' and the groups' weights normalised to
// sum to 1, by code: what the index is made of.
func (st *Structure) Shares() (indicators, groups map[string]float64) {
	indicators, groups = map[string]float64{}, map[string]float64{}
	sum := 0.0
	for _, w := range st.MainWeights {
		sum += w
	}
	i := 0
	for _, ind := range st.Indicators {
		if !ind.Auxiliary {
			indicators[ind.Code] = st.MainWeights[i] / sum
			i++
		}
	}
	gsum := 0.0
	for _, g := range st.Groups {
		gsum += g.Weight
	}
	for _, g := range st.Groups {
		groups[g.Code] = g.Weight / gsum
	}
	return indicators, groups
}
