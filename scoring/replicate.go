package scoring

// lanes is how many replicates a worker computes in one pass over the
// entries. Reading and decoding each entry once for several replicates
// divides that cost by lanes, and on amd64 the lanes' sums are added as
// vectors (lanes_amd64.s): one instruction adds four lanes, with the very
// same IEEE additions and products, lane by lane, as scalar code.
const lanes = 8

// laneSums are the step 2 sums of one (group, unit) for the lanes
// replicates of a pass. The layout is fixed: lanes_amd64.s reads it.
type laneSums struct {
	swy [lanes]float64
	sw  [lanes]float64
	n   [lanes]uint32
}

// replicateWorker holds one worker's buffers, reused for every pass.
type replicateWorker struct {
	p     *plan
	e     *estimates
	l     *layout
	mult  []uint32   // c_r of lane k at [k*len(e.weight)+pos]
	acc   []laneSums // [g*nUnits+u]
	sums  []pointSums
	index []float64
	has   []bool
	rk    ranker
}

func newReplicateWorker(p *plan, e *estimates, l *layout) *replicateWorker {
	return &replicateWorker{
		p: p, e: e, l: l,
		mult:  make([]uint32, len(e.weight)*lanes),
		acc:   make([]laneSums, p.nGroup*p.nUnits),
		sums:  make([]pointSums, p.nGroup*p.nUnits),
		index: make([]float64, p.nUnits),
		has:   make([]bool, p.nUnits),
		rk:    ranker{decimals: p.cfg.TieDecimals},
	}
}

// replicates computes replicates b0, b0+1, … (at most lanes of them, one
// per row of ranks) and writes each unit's rank (0 = no index).
func (w *replicateWorker) replicates(b0 int, ranks [][]int32) {
	clear(w.mult)
	for k := range ranks {
		w.draw(b0+k, k)
	}
	w.rankLanes(ranks)
}

// replicate computes replicate b alone, in lane 0.
func (w *replicateWorker) replicate(b int, rank []int32) { w.replicates(b, [][]int32{rank}) }

// rankLanes sums the lanes' current multiplicities and ranks lane k into
// ranks[k].
func (w *replicateWorker) rankLanes(ranks [][]int32) {
	w.sumLanes()
	for k, rank := range ranks {
		w.evaluate(k, rank)
	}
}

// sumLanes computes every lane's step 2 sums from its multiplicities.
func (w *replicateWorker) sumLanes() {
	clear(w.acc)
	if cs := w.e.counts; cs.narrow != nil {
		accumulate(w, cs.narrow)
	} else {
		accumulate(w, cs.wide)
	}
}

// draw sets lane k's multiplicities c_r to those of replicate b.
func (w *replicateWorker) draw(b, k int) {
	src := newXoshiro(replicateSeed(w.p.cfg.Seed, uint64(b)))
	n := len(w.e.weight)
	mult := w.mult[k*n : (k+1)*n] // a lane apart: its increments stay in cache
	for _, st := range w.l.strata {
		src = src.resample(mult[st.start:st.end])
	}
}

// evaluate redoes steps 2, 4 and 6 for lane k.
func (w *replicateWorker) evaluate(k int, rank []int32) {
	for gu, a := range w.acc {
		w.sums[gu] = pointSums{swy: a.swy[k], sw: a.sw[k], n: int(a.n[k])}
	}
	for u := range w.p.nUnits {
		w.index[u], w.has[u] = w.p.unitIndex(w.sums, u)
	}
	w.rk.rank(w.p.peers, w.index, w.has, rank)
}

// accumulate is the bootstrap's hot loop: step 2's sums over the responses
// drawn at least once in some lane, each weighted by its multiplicity, for
// every lane at once. A lane that did not draw the response adds
// float64(0·w_r)·y_ru = ±0 and 0: a sum that starts at +0 is never −0 (in
// round-to-nearest only −0 + −0 is −0), and x + ±0 = x for every other x,
// so those additions leave every bit of the lane's sums as they would be
// without them, and each lane's sums run over the responses in canonical
// order exactly as a replicate computed alone. A lane's count is at most
// the number of responses, so it fits 32 bits.
func accumulate[E uint32 | uint64](w *replicateWorker, entries []E) {
	e, nu := w.e, w.p.nUnits
	start, ys := e.counts.start, e.counts.ys
	n := len(e.weight)
	var cw [lanes]float64
	var c [lanes]uint32
	for pos, wt := range e.weight {
		var any uint32
		for k := range lanes {
			c[k] = w.mult[k*n+pos]
			any |= c[k]
		}
		if any == 0 {
			continue
		}
		for k, ck := range c {
			cw[k] = float64(float64(ck) * wt) // rounded here: it is added below
		}
		g := int(e.group[pos])
		addEntries(w.acc[g*nu:(g+1)*nu], entries[start[pos]:start[pos+1]], ys, &cw, &c)
	}
}

// addEntriesGo adds one response's terms to the lanes' sums of the units it
// counts for.
func addEntriesGo[E uint32 | uint64](acc []laneSums, entries []E, ys []float64, cw *[lanes]float64, c *[lanes]uint32) {
	for _, en := range entries {
		a := &acc[en&(1<<unitBits-1)]
		y := ys[en>>unitBits]
		for k := range lanes {
			a.swy[k] += float64(cw[k] * y)
			a.sw[k] += cw[k]
			a.n[k] += c[k]
		}
	}
}
