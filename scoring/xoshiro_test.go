package scoring

import (
	"slices"
	"testing"

	"gonum.org/v1/gonum/mathext/prng"
)

// TestXoshiroDrawsAsGonum: resample draws exactly what boundedUint64 over
// gonum's generator draws, stratum after stratum, for sizes where Lemire's
// method rejects often (n just above a power of two) and never (n = 1).
func TestXoshiroDrawsAsGonum(t *testing.T) {
	sizes := []int{1, 2, 3, 7, 10, 129, 1000, 4097, 1}
	for _, seed := range []uint64{0, 1, replicateSeed(20261121, 7), 1<<64 - 1} {
		ref := prng.NewXoshiro256starstar(seed)
		src := newXoshiro(seed)
		for _, n := range sizes {
			want := make([]uint32, n)
			for range n {
				want[boundedUint64(ref, uint64(n))]++
			}
			got := make([]uint32, n)
			src = src.resample(got)
			if !slices.Equal(got, want) {
				t.Fatalf("seed %#x, n %d: resample drew %v, gonum %v", seed, n, got, want)
			}
		}
	}
}
