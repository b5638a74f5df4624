package scoring

import (
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/mathext/prng"
)

// rankIntervals is step 6's rank interval by the stratified bootstrap, as
// the package documentation's "Rank intervals" section specifies. Workers
// take replicates in any order, but each writes only its own row of ranks
// and depends only on (Seed, b), so scheduling cannot change a result. It
// returns 0 for low and high where B' = 0.
func (p *plan) rankIntervals(e *estimates, l *layout) (low, high []int32) {
	nb, nu := p.cfg.Bootstrap, p.nUnits
	low, high = make([]int32, nu), make([]int32, nu)
	if nb == 0 || nu == 0 {
		return low, high
	}
	ranks := make([]int32, nb*nu) // [b*nu+u], 0 = no index in replicate b
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), (nb+lanes-1)/lanes) {
		wg.Go(func() {
			w := newReplicateWorker(p, e, l)
			rows := make([][]int32, 0, lanes)
			for b0 := int(next.Add(lanes) - lanes); b0 < nb; b0 = int(next.Add(lanes) - lanes) {
				rows = rows[:0]
				for b := b0; b < min(b0+lanes, nb); b++ {
					rows = append(rows, ranks[b*nu:(b+1)*nu])
				}
				w.replicates(b0, rows)
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
