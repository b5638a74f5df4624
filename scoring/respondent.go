package scoring

import "slices"

// UnitScorer computes SPEC step 1 — a respondent's unit score y_ru — one
// response at a time, for checks that look at respondents rather than at
// the index: the committee's quality flags compare the scores a burst of
// forms gave a unit with everyone else's. It applies the same rules and the
// same arithmetic as a score run.
type UnitScorer struct {
	p       *plan
	sax, sa []float64
	touched []int
}

// NewUnitScorer checks cfg as Run does.
func NewUnitScorer(cfg Config) (*UnitScorer, error) {
	p, err := newPlan(cfg)
	if err != nil {
		return nil, err
	}
	return &UnitScorer{p: p, sax: make([]float64, p.nUnits), sa: make([]float64, p.nUnits)}, nil
}

// Scores calls fn with y_ru for every unit the ratings count for (the
// weights of the main indicators rated validly sum to more than 0), in unit
// order. Ratings outside the configuration are ignored. Given in (unit,
// indicator) order, as stored answers decode, the sums run in the score
// run's order and y_ru is the same to the bit.
func (us *UnitScorer) Scores(ratings []Rating, fn func(unit int, y float64)) {
	p := us.p
	for _, rt := range ratings {
		if rt.Unit < 0 || rt.Unit >= p.nUnits || rt.Indicator < 0 || rt.Indicator >= p.nInd ||
			rt.Option < 0 || rt.Option >= len(p.optScore) || !p.isMain[rt.Indicator] || !p.optValid[rt.Option] {
			continue
		}
		a := p.mainWeight[rt.Indicator]
		if us.sa[rt.Unit] == 0 && us.sax[rt.Unit] == 0 {
			us.touched = append(us.touched, rt.Unit)
		}
		us.sax[rt.Unit] += float64(a * p.optScore[rt.Option])
		us.sa[rt.Unit] += a
	}
	slices.Sort(us.touched)
	us.touched = slices.Compact(us.touched)
	for _, u := range us.touched {
		if us.sa[u] > 0 {
			fn(u, us.sax[u]/us.sa[u])
		}
		us.sax[u], us.sa[u] = 0, 0
	}
	us.touched = us.touched[:0]
}
