package scoring

import (
	"bytes"
	"cmp"
	"slices"
)

// ranker assigns step 6's ranks. It keeps its buffers between calls so a
// bootstrap worker can rank thousands of replicates without allocating.
type ranker struct {
	decimals int
	order    []int
	key      []byte // rounded key of the previous unit in order
	next     []byte
}

// rank sets rank[u] for every unit: 0 when has[u] is false, otherwise u's
// competition rank (1, 2, 2, 4) among its peers (one category and level),
// by index descending, units whose indices round to the same value at
// rk.decimals (half away from zero) sharing a rank. Rounding is monotone, so after sorting by the
// unrounded index the units that tie are adjacent.
func (rk *ranker) rank(peers [][]int, index []float64, has []bool, rank []int32) {
	for _, units := range peers {
		rk.order = rk.order[:0]
		for _, u := range units {
			rank[u] = 0
			if has[u] {
				rk.order = append(rk.order, u)
			}
		}
		slices.SortFunc(rk.order, func(a, b int) int {
			return cmp.Or(cmp.Compare(index[b], index[a]), cmp.Compare(a, b))
		})
		for pos, u := range rk.order {
			rk.next = appendRoundedScaled(rk.next[:0], index[u], rk.decimals)
			if pos > 0 && bytes.Equal(rk.next, rk.key) {
				rank[u] = rank[rk.order[pos-1]]
			} else {
				rank[u] = int32(pos + 1)
			}
			rk.key, rk.next = rk.next, rk.key
		}
	}
}
