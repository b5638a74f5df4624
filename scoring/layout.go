package scoring

import (
	"cmp"
	"fmt"
	"slices"
)

// layout fixes the canonical order of the responses: by group (campaign
// order), then stratum name (byte order), then Ref (byte order). Every sum
// runs in this order and the bootstrap draws from it, so permuting the input
// changes no bit of the result.
type layout struct {
	order  []int32   // position → response index in the store
	strata []stratum // in canonical order; contiguous position ranges
	byRef  []int32   // response indices sorted by Ref, for the digest
}

type stratum struct {
	group      int
	name       string
	start, end int // positions
}

func newLayout(s *store) (*layout, error) {
	n := s.len()
	l := &layout{byRef: make([]int32, n)}
	for r := range l.byRef {
		l.byRef[r] = int32(r)
	}
	slices.SortFunc(l.byRef, func(a, b int32) int { return cmp.Compare(s.refs[a], s.refs[b]) })
	for i := 1; i < n; i++ {
		if s.refs[l.byRef[i]] == s.refs[l.byRef[i-1]] {
			return nil, fmt.Errorf("response ref %q appears twice", s.refs[l.byRef[i]])
		}
	}

	l.order = slices.Clone(l.byRef)
	slices.SortStableFunc(l.order, func(a, b int32) int {
		ka, kb := s.strata[s.stratum[a]], s.strata[s.stratum[b]]
		return cmp.Or(cmp.Compare(ka.group, kb.group), cmp.Compare(ka.name, kb.name))
	})
	for pos, r := range l.order {
		id := s.stratum[r]
		if pos == 0 || id != s.stratum[l.order[pos-1]] {
			key := s.strata[id]
			l.strata = append(l.strata, stratum{group: key.group, name: key.name, start: pos})
		}
		l.strata[len(l.strata)-1].end = pos + 1
	}
	return l, nil
}
