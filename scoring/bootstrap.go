package scoring

import (
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/mathext/prng"
)

// rankIntervals is step 6's rank interval by the stratified bootstrap. The
// algorithm, precisely enough to reimplement:
//
// Replicate b = 0, 1, …, B−1 draws from its own generator, gonum's
// Xoshiro256** (prng.NewXoshiro256starstar) seeded with s_b, the first
// output of SplitMix64 seeded with Seed XOR t_b, where t_b is the first
// output of SplitMix64 seeded with b; see [replicateSeed]. For each stratum h
// in canonical order (groups in campaign order, strata by name in byte
// order) holding n_h responses at positions 0…n_h−1 in Ref byte order, it
// draws n_h times j = [boundedUint64](n_h) and adds 1 to the multiplicity
// c_r of the response at position j. So each replicate resamples n_h
// responses with replacement from every stratum, as the SPEC says.
//
// It then redoes steps 1–6: over the responses in canonical order and their
// units in campaign order, for each unit u a response counts for,
// Σ c_r w_r y_ru is accumulated as float64(float64(c_r)·w_r · y_ru),
// Σ c_r w_r and Σ c_r (the resampled n_ug) likewise; steps 2 and 4 follow
// with min_sample applied to Σ c_r, and units are ranked within their
// category as in step 6. y_ru is step 1's value, computed once.
//
// Of a unit's ranks in the B' replicates where it has an index, rank_low is
// the ⌈0.025·B'⌉-th smallest and rank_high the ⌈0.975·B'⌉-th, the ceilings
// computed in integers as (25·B'+999)/1000 and (975·B'+999)/1000 because
// 0.025·B' in binary floating point is not always what it looks like.
//
// Replicates run on GOMAXPROCS workers, but each writes only its own row of
// ranks and depends only on (Seed, b), so scheduling cannot change a result.
// It returns 0 for low and high where B' = 0.
func (p *plan) rankIntervals(e *estimates, l *layout) (low, high []int32) {
	nb, nu := p.cfg.Bootstrap, p.nUnits
	low, high = make([]int32, nu), make([]int32, nu)
	if nb == 0 || nu == 0 {
		return low, high
	}
	ranks := make([]int32, nb*nu) // [b*nu+u], 0 = no index in replicate b
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), nb) {
		wg.Go(func() {
			w := newReplicateWorker(p, e, l)
			for b := int(next.Add(1) - 1); b < nb; b = int(next.Add(1) - 1) {
				w.replicate(b, ranks[b*nu:(b+1)*nu])
			}
		})
	}
	wg.Wait()

	own := make([]int32, 0, nb)
	for u := range nu {
		own = own[:0]
		for b := range nb {
			if r := ranks[b*nu+u]; r > 0 {
				own = append(own, r)
			}
		}
		low[u], high[u] = rankQuantiles(own)
	}
	return low, high
}

// rankQuantiles returns the ⌈0.025·B'⌉-th and ⌈0.975·B'⌉-th smallest of a
// unit's B' replicate ranks (0, 0 when B' = 0). It sorts ranks in place.
func rankQuantiles(ranks []int32) (low, high int32) {
	n := len(ranks)
	if n == 0 {
		return 0, 0
	}
	slices.Sort(ranks)
	return ranks[(25*n+999)/1000-1], ranks[(975*n+999)/1000-1]
}

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
		w.index[u], w.has[u] = w.p.indexOf(w.sums, u)
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
		cw := float64(c) * e.weight[pos]
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

// replicateSeed derives replicate b's seed from the campaign seed. Mixing b
// through SplitMix64 before combining keeps the replicates' generators
// unrelated (seeding with Seed+b would give shifted copies of one stream).
func replicateSeed(seed, b uint64) uint64 {
	t := prng.NewSplitMix64(b).Uint64()
	return prng.NewSplitMix64(seed ^ t).Uint64()
}

// boundedUint64 returns a uniform integer in [0, n), n > 0, by Lemire's
// multiply-shift method with rejection ("Fast random integer generation in
// an interval", 2019): the high word of the 128-bit product x·n, redrawing x
// while the low word is below (2^64 − n) mod n, which removes the bias
// exactly. Written out here, not taken from math/rand, so that the sequence
// can never change with a Go release.
func boundedUint64(src *prng.Xoshiro256starstar, n uint64) uint64 {
	hi, lo := bits.Mul64(src.Uint64(), n)
	if lo < n {
		threshold := -n % n
		for lo < threshold {
			hi, lo = bits.Mul64(src.Uint64(), n)
		}
	}
	return hi
}
