package scoring

// pointSums are the step 2 sums of one (group, unit): Σ w_r y_ru, Σ w_r and
// the unweighted count n_ug. The bootstrap fills the same type with resampled
// multiplicities, so both reach the index through the same arithmetic.
type pointSums struct {
	swy, sw float64
	n       int
}

func (s pointSums) mean() float64 { return s.swy / s.sw }

// rateSums are the step 5 sums of one (group, unit): Σ w_r s_ru, Σ w_r k_ru.
type rateSums struct{ sws, swk float64 }

// estimates holds the point estimates and, per canonical position, what the
// variance and the bootstrap need again: the weight, the group and the
// (unit, y_ru) for the units the response counts for.
type estimates struct {
	weight []float64
	group  []int32
	counts *counts

	point      []pointSums // [g*nUnits+u]
	rate       []rateSums  // [g*nUnits+u]
	indicators []pointSums // [(g*nUnits+u)*nInd+i], step 7 with x_rui for y_ru
	variance   []float64   // [g*nUnits+u], step 3, filled by computeVariance
}

// estimate runs steps 1, 2, 5 and 7 over the responses in canonical order.
//
// A response counts for a unit when the weights a_i of the main indicators
// it rated validly sum to more than 0. With positive weights that is the
// SPEC's "rated at least one main indicator validly"; a rating on a
// zero-weight indicator alone would make y_ru = 0/0, so it does not count.
func estimate(p *plan, s *store, l *layout) *estimates {
	n, nu, ni := s.len(), p.nUnits, p.nInd
	e := &estimates{
		weight:     make([]float64, n),
		group:      make([]int32, n),
		counts:     newCounts(n, len(s.blockUnit)),
		point:      make([]pointSums, p.nGroup*nu),
		rate:       make([]rateSums, p.nGroup*nu),
		indicators: make([]pointSums, p.nGroup*nu*ni),
	}
	for pos, r := range l.order {
		g, w := int(s.group[r]), s.weight[r]
		e.weight[pos], e.group[pos] = w, int32(g)
		units, opts := s.blocks(int(r))
		for j, u := range units {
			gu := g*nu + int(u)
			var sax, sa float64
			var k, sat int
			for i, b := range opts[j*ni : (j+1)*ni] {
				if b == 0 || !p.optValid[b-1] {
					continue
				}
				x := p.optScore[b-1]
				ind := &e.indicators[gu*ni+i]
				ind.swy += float64(w * x)
				ind.sw += w
				ind.n++
				if p.isMain[i] {
					a := p.mainWeight[i]
					sax += float64(a * x)
					sa += a
					k++
					if p.optSatisfied[b-1] {
						sat++
					}
				}
			}
			if !(sa > 0) {
				continue
			}
			y := sax / sa
			e.counts.add(int(u), y)
			ps := &e.point[gu]
			ps.swy += float64(w * y)
			ps.sw += w
			ps.n++
			rs := &e.rate[gu]
			rs.sws += float64(w * float64(sat))
			rs.swk += float64(w * float64(k))
		}
		e.counts.endPosition()
	}
	e.counts.finish()
	return e
}
