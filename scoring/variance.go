package scoring

// computeVariance is step 3: for every (group g, unit u) the design-based
// variance of the domain mean m_ug, in two passes so that no sum of squares
// of large numbers is ever subtracted (one-pass formulas lose most digits
// when the scores are close together).
//
// With z_r = w_r (y_ru − m_ug) / W_ug for the responses of g counting for u
// and z_r = 0 for the other responses of g,
//
//	v_ug = Σ_h n_h/(n_h − 1) Σ_{r∈h} (z_r − z̄_h)²,
//
// n_h counting all responses of stratum h. Pass one sums z over the counting
// responses (the zeros add nothing), pass two adds (z_r − z̄_h)² for them and
// then (n_h − c_h)·z̄_h² at once for the n_h − c_h responses whose z_r is 0.
// Strata are visited in canonical order, responses in canonical order within
// them.
func (e *estimates) computeVariance(p *plan, l *layout) {
	nu := p.nUnits
	e.variance = make([]float64, p.nGroup*nu)
	mean := make([]float64, len(e.point))
	for gu, ps := range e.point {
		if ps.n > 0 {
			mean[gu] = ps.mean()
		}
	}
	sumZ := make([]float64, nu)
	count := make([]int, nu)
	ss := make([]float64, nu)
	var touched []int
	cs := e.counts
	z := func(pos int, y float64, gu int) float64 {
		return float64(e.weight[pos]*(y-mean[gu])) / e.point[gu].sw
	}
	for _, st := range l.strata {
		nh := st.end - st.start
		if nh < 2 {
			continue // a stratum with one response adds 0
		}
		base := st.group * nu
		for pos := st.start; pos < st.end; pos++ {
			for c := cs.start[pos]; c < cs.start[pos+1]; c++ {
				u, y := cs.at(c)
				if count[u] == 0 {
					touched = append(touched, u)
				}
				sumZ[u] += z(pos, y, base+u)
				count[u]++
			}
		}
		zbar := sumZ // from here on sumZ[u] holds z̄_h for unit u
		for _, u := range touched {
			zbar[u] = sumZ[u] / float64(nh)
		}
		for pos := st.start; pos < st.end; pos++ {
			for c := cs.start[pos]; c < cs.start[pos+1]; c++ {
				u, y := cs.at(c)
				d := z(pos, y, base+u) - zbar[u]
				ss[u] += float64(d * d)
			}
		}
		scale := float64(nh) / float64(nh-1)
		for _, u := range touched {
			ss[u] += float64(float64(nh-count[u]) * float64(zbar[u]*zbar[u]))
			e.variance[base+u] += float64(scale * ss[u])
			sumZ[u], count[u], ss[u] = 0, 0, 0
		}
		touched = touched[:0]
	}
}
