package sampling

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Case is one selected entry of a stratum.
type Case struct {
	Key      string
	Priority uint64
}

// StratumSample is the draw's result for one stratum.
type StratumSample struct {
	Stratum   string
	FrameSize int    // N_h, entries of the stratum in the frame
	Cases     []Case // the n_h selected, in priority order (see Replicates)
}

var ErrStratumTooSmall = errors.New("层内条目少于分配数 (stratum has fewer entries than allocated)")

// Priority is the random number that ranks an entry in its stratum: the
// first 8 bytes, read as a big-endian uint64, of
//
//	SHA-256( drawSeed (32 bytes) ‖ u32(len stratum) ‖ stratum ‖ u32(len key) ‖ key )
//
// with u32 a 4-byte big-endian length. Each entry's priority depends only on
// the draw seed and the entry itself, so the ranking does not depend on the
// order the frame is read in and can be computed in parallel. Taking the n_h
// smallest priorities (ties, which need a 64-bit collision, by key) gives a
// simple random sample without replacement, as long as SHA-256 behaves as a
// random function, which is what it is designed and widely trusted to do.
func Priority(drawSeed [32]byte, e Entry) uint64 { return priority(drawSeed[:], e) }

// priority appends to b[:32], which holds the draw seed; given room, it
// allocates nothing, which matters ten million times over.
func priority(b []byte, e Entry) uint64 {
	b = appendField(appendField(b[:32], e.Stratum), e.Key)
	sum := sha256.Sum256(b)
	return binary.BigEndian.Uint64(sum[:8])
}

// Selector draws a stratified simple random sample from entries given in any
// order, keeping per stratum only the n_h best entries seen so far: its
// memory grows with the sample and the number of strata, not the frame.
// It cannot see duplicates in an unsorted stream; Draw, which reads the
// frame sorted, refuses them.
type Selector struct {
	buf    []byte // draw seed, then scratch for priority
	strata map[string]*picks
	last   *picks // strata usually arrive in runs; skip the map then
	alloc  Allocation
}

// picks is one stratum's bounded max-heap: the root is the worst case kept.
type picks struct {
	name string
	want int
	seen int
	heap []Case
}

// NewSelector starts a selection for alloc under the given draw seed.
func NewSelector(drawSeed [32]byte, alloc Allocation) (*Selector, error) {
	if err := checkAllocation(alloc); err != nil {
		return nil, err
	}
	return &Selector{
		buf:    append(make([]byte, 0, len(drawSeed)+8+2*maxFieldLen), drawSeed[:]...),
		strata: make(map[string]*picks, len(alloc)),
		alloc:  alloc,
	}, nil
}

func checkAllocation(alloc Allocation) error {
	for k, n := range alloc {
		if k == "" || len(k) > maxFieldLen || n < 0 {
			return fmt.Errorf("%w: stratum %q allocated %d", ErrAllocationInput, k, n)
		}
	}
	return nil
}

// Add considers one entry.
func (s *Selector) Add(e Entry) error {
	if err := checkEntry(e); err != nil {
		return err
	}
	s.add(e)
	return nil
}

func (s *Selector) add(e Entry) {
	p := s.stratum(e.Stratum)
	p.seen++
	if p.want > 0 {
		p.offer(Case{Key: e.Key, Priority: priority(s.buf, e)})
	}
}

func (s *Selector) stratum(name string) *picks {
	if s.last != nil && s.last.name == name {
		return s.last
	}
	p, ok := s.strata[name]
	if !ok {
		p = &picks{name: name, want: s.alloc[name]}
		s.strata[name] = p
	}
	s.last = p
	return p
}

// merge folds another selector over the same seed and allocation into s;
// the n_h smallest of a union are the n_h smallest of the parts' n_h
// smallest, so which entries went to which part does not matter.
func (s *Selector) merge(o *Selector) {
	for name, op := range o.strata {
		p := s.stratum(name)
		p.seen += op.seen
		for _, c := range op.heap {
			p.offer(c)
		}
	}
}

// Sample finishes the selection: every stratum that is allocated or was
// seen, by stratum key, each with its cases in priority order. It fails if a
// stratum holds fewer entries than it was allocated. The selector must not
// be used afterwards.
func (s *Selector) Sample() ([]StratumSample, error) {
	for name := range s.alloc {
		s.stratum(name)
	}
	out := make([]StratumSample, 0, len(s.strata))
	for _, p := range s.strata {
		if p.seen < p.want {
			return nil, fmt.Errorf("%w: stratum %q has %d, allocated %d", ErrStratumTooSmall, p.name, p.seen, p.want)
		}
		slices.SortFunc(p.heap, caseCompare)
		out = append(out, StratumSample{Stratum: p.name, FrameSize: p.seen, Cases: p.heap})
	}
	slices.SortFunc(out, func(a, b StratumSample) int { return strings.Compare(a.Stratum, b.Stratum) })
	return out, nil
}

func caseCompare(a, b Case) int {
	if c := cmp.Compare(a.Priority, b.Priority); c != 0 {
		return c
	}
	return strings.Compare(a.Key, b.Key)
}

// offer keeps c if it is among the want smallest seen so far.
func (p *picks) offer(c Case) {
	h := p.heap
	if len(h) < p.want {
		if h == nil {
			h = make([]Case, 0, p.want) // the heap's final size; no regrowth
		}
		h = append(h, c)
		for i := len(h) - 1; i > 0; {
			parent := (i - 1) / 2
			if caseCompare(h[parent], h[i]) >= 0 {
				break
			}
			h[parent], h[i] = h[i], h[parent]
			i = parent
		}
		p.heap = h
		return
	}
	if caseCompare(c, h[0]) >= 0 {
		return
	}
	h[0] = c
	for i := 0; ; {
		largest, l, r := i, 2*i+1, 2*i+2
		if l < len(h) && caseCompare(h[l], h[largest]) > 0 {
			largest = l
		}
		if r < len(h) && caseCompare(h[r], h[largest]) > 0 {
			largest = r
		}
		if largest == i {
			return
		}
		h[i], h[largest] = h[largest], h[i]
		i = largest
	}
}
