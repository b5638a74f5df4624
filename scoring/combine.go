package scoring

import "math"

// weightedMean accumulates Σ b_g x_g and Σ b_g over the counted groups.
type weightedMean struct{ num, den float64 }

func (m *weightedMean) add(b, x float64) {
	m.num += float64(b * x)
	m.den += b
}

func (m weightedMean) value() float64 { return m.num / m.den }

// indexOf is step 4's S_u from the per-group sums sums[g*nUnits+u]. It is
// shared by the point estimate and every bootstrap replicate. ok is false
// when no group is counted for u.
func (p *plan) indexOf(sums []pointSums, u int) (s float64, ok bool) {
	var m weightedMean
	for g := range p.nGroup {
		ps := sums[g*p.nUnits+u]
		if p.counted(g, ps.n) {
			m.add(p.cfg.Groups[g].Weight, ps.mean())
		}
	}
	if m.den == 0 {
		return 0, false
	}
	return m.value(), true
}

// unitIndex is the index units are ranked by, in the point estimate and in
// every replicate: S_u, or step 8's I_u for a unit with a hotline score.
func (p *plan) unitIndex(sums []pointSums, u int) (float64, bool) {
	s, ok := p.indexOf(sums, u)
	if !ok || p.hotline == nil || !p.hasHotline[u] {
		return s, ok
	}
	index, _ := p.cfg.Hotline.composite(s, 0, p.hotline[u])
	return index, true
}

// unitEstimate is step 4 and 5 for one unit, as published.
type unitEstimate struct {
	index, se, rate float64
	ok              bool
}

func (p *plan) unitEstimate(e *estimates, u int) unitEstimate {
	var rate weightedMean
	var v float64 // Σ b_g² v_ug
	for g := range p.nGroup {
		gu := g*p.nUnits + u
		if !p.counted(g, e.point[gu].n) {
			continue
		}
		b := p.cfg.Groups[g].Weight
		rate.add(b, e.rate[gu].sws/e.rate[gu].swk)
		v += float64(float64(b*b) * e.variance[gu])
	}
	index, ok := p.indexOf(e.point, u)
	if !ok {
		return unitEstimate{}
	}
	return unitEstimate{index: index, se: math.Sqrt(v) / rate.den, rate: rate.value(), ok: true}
}

// indicatorScore is step 7: like steps 2 and 4 with x_rui for y_ru, over the
// responses that rated indicator i validly for u, min_sample applied to
// their count.
func (p *plan) indicatorScore(e *estimates, u, i int) (float64, bool) {
	var m weightedMean
	for g := range p.nGroup {
		ps := e.indicators[(g*p.nUnits+u)*p.nInd+i]
		if p.counted(g, ps.n) {
			m.add(p.cfg.Groups[g].Weight, ps.mean())
		}
	}
	if m.den == 0 {
		return 0, false
	}
	return m.value(), true
}
