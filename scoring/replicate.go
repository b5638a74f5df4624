package scoring

import "gonum.org/v1/gonum/mathext/prng"

// replicateWorker holds one worker's buffers, reused for every replicate.
type replicateWorker struct {
	p     *plan
	e     *estimates
	l     *layout
	rng   *prng.Xoshiro256starstar
	mult  []uint32    // c_r by canonical position
	sums  []pointSums // [g*nUnits+u]
	index []float64
	has   []bool
	rk    ranker
}

func newReplicateWorker(p *plan, e *estimates, l *layout) *replicateWorker {
	return &replicateWorker{
		p: p, e: e, l: l,
		rng:   prng.NewXoshiro256starstar(0),
		mult:  make([]uint32, len(e.weight)),
		sums:  make([]pointSums, p.nGroup*p.nUnits),
		index: make([]float64, p.nUnits),
		has:   make([]bool, p.nUnits),
		rk:    ranker{decimals: p.cfg.TieDecimals},
	}
}

// replicate computes replicate b and writes each unit's rank (0 = no index).
func (w *replicateWorker) replicate(b int, rank []int32) {
	w.draw(b)
	w.evaluate(rank)
}

// draw sets the multiplicities c_r of replicate b.
func (w *replicateWorker) draw(b int) {
	w.rng.Seed(replicateSeed(w.p.cfg.Seed, uint64(b)))
	clear(w.mult)
	for _, st := range w.l.strata {
		nh := uint64(st.end - st.start)
		for range nh {
			w.mult[st.start+int(boundedUint64(w.rng, nh))]++
		}
	}
}

// evaluate redoes steps 2, 4 and 6 with the current multiplicities.
func (w *replicateWorker) evaluate(rank []int32) {
	clear(w.sums)
	if cs := w.e.counts; cs.narrow != nil {
		accumulate(w, cs.narrow)
	} else {
		accumulate(w, cs.wide)
	}
	for u := range w.p.nUnits {
		w.index[u], w.has[u] = w.p.unitIndex(w.sums, u)
	}
	w.rk.rank(w.p.categories, w.index, w.has, rank)
}

// accumulate is the bootstrap's hot loop: step 2's sums over the responses
// drawn at least once, each weighted by its multiplicity.
func accumulate[E uint32 | uint64](w *replicateWorker, entries []E) {
	e, nu := w.e, w.p.nUnits
	start, ys := e.counts.start, e.counts.ys
	for pos, c := range w.mult {
		if c == 0 {
			continue
		}
		cw := float64(float64(c) * e.weight[pos]) // rounded here: it is added below
		g := int(e.group[pos])
		sums := w.sums[g*nu : (g+1)*nu]
		for _, en := range entries[start[pos]:start[pos+1]] {
			s := &sums[en&(1<<unitBits-1)]
			s.swy += float64(cw * ys[en>>unitBits])
			s.sw += cw
			s.n += int(c)
		}
	}
}
