package scoring

import (
	"fmt"
	"iter"

	"gonum.org/v1/gonum/mathext/prng"
)

// Synthetic returns a deterministic, realistic campaign for benchmarks and
// tests: nUnits units in 5 categories, nIndicators indicators (the last one
// auxiliary when there are two or more, the main ones unequally weighted),
// the SPEC's five-option scale with 不了解, and three groups weighted
// 0.6/0.25/0.15 that hold about 70/20/10% of the nResponses respondents,
// min_sample 30, bootstrap 1000. The public group has four strata, the
// deputies two, the officials one; design weights are unequal. Every
// respondent answers every unit; about 30% of the ratings are 不了解, mostly
// because a respondent does not know a unit at all.
//
// The same arguments always give the same data, on every machine (products
// that are added are rounded explicitly, as in the scoring itself), and the
// sequence can be iterated any number of times. It reuses one Ratings buffer across
// responses, as a database reader would.
func Synthetic(nResponses, nUnits, nIndicators int, seed uint64) (Config, iter.Seq2[Response, error]) {
	src := prng.NewXoshiro256starstar(seed)
	cfg := Config{
		Options: []Option{
			{Code: "A", Score: 100, Satisfied: true},
			{Code: "B", Score: 80, Satisfied: true},
			{Code: "C", Score: 60, Satisfied: true},
			{Code: "D", Score: 0},
			{Code: "X", Excluded: true},
		},
		Groups: []Group{
			{Code: "public", Weight: 0.6, MinSample: 30},
			{Code: "deputies", Weight: 0.25, MinSample: 30},
			{Code: "officials", Weight: 0.15, MinSample: 30},
		},
		Bootstrap:   1000,
		Seed:        seed,
		TieDecimals: 2,
	}
	quality := make([]float64, nUnits)
	for u := range nUnits {
		cfg.Units = append(cfg.Units, Unit{Code: fmt.Sprintf("U%04d", u+1), Category: fmt.Sprintf("C%d", 1+u*5/nUnits)})
		quality[u] = 0.55 + float64(0.4*unitFloat(src))
	}
	for i := range nIndicators {
		ind := Indicator{Code: fmt.Sprintf("I%d", i+1), Weight: 1 + float64(0.25*float64(i%3))}
		if i == nIndicators-1 && nIndicators > 1 {
			ind = Indicator{Code: "overall", Auxiliary: true}
		}
		cfg.Indicators = append(cfg.Indicators, ind)
	}
	return cfg, func(yield func(Response, error) bool) {
		src := prng.NewXoshiro256starstar(seed ^ 0x5eed5eed5eed5eed)
		ratings := make([]Rating, 0, nUnits*nIndicators)
		for n := range nResponses {
			r := syntheticRespondent(src, n)
			ratings = ratings[:0]
			mood := float64(0.2 * (unitFloat(src) - 0.5))
			for u := range nUnits {
				unknown := unitFloat(src) < 0.25
				p := min(max(quality[u]+mood+float64(0.03*float64(r.Group)), 0.05), 0.99)
				for i := range nIndicators {
					ratings = append(ratings, Rating{Unit: u, Indicator: i, Option: syntheticOption(src, p, unknown)})
				}
			}
			r.Ratings = ratings
			if !yield(r, nil) {
				return
			}
		}
	}
}

// syntheticRespondent draws response n's group, stratum and weight. Refs are
// a bijective scramble of n, so input order is not Ref order.
func syntheticRespondent(src *prng.Xoshiro256starstar, n int) Response {
	type stratum struct {
		name string
		base float64
	}
	strata := [][]stratum{
		{{"D1", 1.0}, {"D2", 1.6}, {"D3", 0.7}, {"D4", 2.2}},
		{{"npc", 1.0}, {"cppcc", 1.3}},
		{{"", 1.0}},
	}
	g, x := 0, unitFloat(src)
	switch {
	case x >= 0.9:
		g = 2
	case x >= 0.7:
		g = 1
	}
	st := strata[g][int(unitFloat(src)*float64(len(strata[g])))]
	ref := fmt.Sprintf("R%016x", prng.NewSplitMix64(uint64(n)).Uint64())
	return Response{Ref: ref, Group: g, Stratum: st.name, Weight: st.base * (0.75 + float64(0.5*unitFloat(src)))}
}

// syntheticOption draws an option index: 不了解 for an unknown unit and now
// and then otherwise, else A–D with satisfaction probability p.
func syntheticOption(src *prng.Xoshiro256starstar, p float64, unknown bool) int {
	if unknown || unitFloat(src) < 0.07 {
		return 4
	}
	x := unitFloat(src)
	switch {
	case x < p*0.55:
		return 0
	case x < p*0.9:
		return 1
	case x < p+float64((1-p)*0.4):
		return 2
	}
	return 3
}

// unitFloat returns a uniform float64 in [0, 1) from the top 53 bits.
func unitFloat(src *prng.Xoshiro256starstar) float64 {
	return float64(float64(src.Uint64()>>11) * 0x1p-53)
}
