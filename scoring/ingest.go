package scoring

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
)

// Response is one respondent's form.
type Response struct {
	Ref     string  // response_ref, unique within the campaign
	Group   int     // index into Config.Groups
	Stratum string  // stratum within the group; "" is a stratum like any other
	Weight  float64 // design weight w_r > 0
	// Ratings is read during the call and not retained: callers may reuse
	// the buffer for the next response.
	Ratings []Rating
	// Packed, read only when Ratings is nil, holds the ratings as blocks:
	// for each unit rated, in ascending order, a uvarint of its index less
	// the previous one's (the first: its index + 1), then one byte per
	// indicator of the configuration, 0 when not rated, else the option's
	// index + 1. It is the form a database keeps them in, so a reader can
	// pass them on undecoded; like Ratings it is not retained.
	Packed []byte
}

// Rating is one answer; the fields are indices into the Config slices.
type Rating struct{ Unit, Indicator, Option int }

// store holds every response compactly, in input order. For each response it
// keeps the units it rated, and for each such unit one byte per indicator:
// the option index + 1, or 0 when that indicator was not rated.
type store struct {
	nInd       int
	refs       []string
	group      []int32
	stratum    []int32 // index into strata
	weight     []float64
	blockStart []int // response r's units are blockUnit[blockStart[r]:blockStart[r+1]]
	blockUnit  []uint16
	blockOpts  []uint8 // nInd bytes per entry of blockUnit
	ratings    int

	strata    []stratumKey
	stratumID map[stratumKey]int32

	// per-response scratch, reused
	slot    []int32 // unit → position in touched, or -1
	touched []int
	opts    []uint8
	zero    []uint8 // nInd zeros
}

type stratumKey struct {
	group int
	name  string
}

func newStore(p *plan) *store {
	s := &store{nInd: p.nInd, blockStart: []int{0}, stratumID: map[stratumKey]int32{}, zero: make([]uint8, p.nInd)}
	s.slot = make([]int32, p.nUnits)
	for u := range s.slot {
		s.slot[u] = -1
	}
	return s
}

// add validates r and appends a copy of it.
func (s *store) add(p *plan, r Response) error {
	if r.Ref == "" {
		return fmt.Errorf("a response has an empty ref")
	}
	if r.Group < 0 || r.Group >= p.nGroup {
		return fmt.Errorf("response %q: group index %d is out of range", r.Ref, r.Group)
	}
	if !ValidDesignWeight(r.Weight) {
		return fmt.Errorf("response %q: weight %v is not a number in [%g, %g]", r.Ref, r.Weight, minDesignWeight, maxMagnitude)
	}
	if r.Ratings == nil && r.Packed != nil {
		if err := s.appendPacked(p, r); err != nil {
			return err
		}
	} else if err := s.appendRatings(p, r); err != nil {
		return err
	}

	key := stratumKey{r.Group, r.Stratum}
	id, ok := s.stratumID[key]
	if !ok {
		key.name = strings.Clone(key.name)
		id = int32(len(s.strata))
		s.strata = append(s.strata, key)
		s.stratumID[key] = id
	}
	// Cloned in case the caller's strings share a reused buffer.
	s.refs = append(s.refs, strings.Clone(r.Ref))
	s.group = append(s.group, int32(r.Group))
	s.stratum = append(s.stratum, id)
	s.weight = append(s.weight, r.Weight)
	return nil
}

// appendRatings stores r.Ratings as r's blocks.
func (s *store) appendRatings(p *plan, r Response) error {
	defer s.resetScratch()
	for _, rt := range r.Ratings {
		if err := s.scatter(p, r.Ref, rt); err != nil {
			return err
		}
	}
	s.appendBlocks(p.nUnits)
	s.ratings += len(r.Ratings)
	return nil
}

// appendPacked stores r.Packed, checked, as r's blocks: they are already
// in the store's form, so they are copied rather than taken apart and put
// together again. A block with no rating is left out, as appendRatings
// would never make one.
func (s *store) appendPacked(p *plan, r Response) error {
	data, unit := r.Packed, -1
	s.blockOpts = grow(s.blockOpts, len(data))
	s.blockUnit = grow(s.blockUnit, len(data)/(s.nInd+1))
	for len(data) > 0 {
		delta, k := binary.Uvarint(data)
		if k <= 0 || delta == 0 || delta > uint64(p.nUnits)+1 || k+s.nInd > len(data) {
			return fmt.Errorf("response %q: its packed ratings are corrupt", r.Ref)
		}
		unit += int(delta)
		opts := data[k : k+s.nInd]
		data = data[k+s.nInd:]
		rated := 0
		for i, b := range opts {
			if b == 0 {
				continue
			}
			if unit >= p.nUnits || int(b) > len(p.optScore) {
				return fmt.Errorf("response %q: rating (unit %d, indicator %d, option %d) refers outside the configuration",
					r.Ref, unit, i, int(b)-1)
			}
			rated++
		}
		if rated > 0 {
			s.blockUnit = append(s.blockUnit, uint16(unit))
			s.blockOpts = append(s.blockOpts, opts...)
			s.ratings += rated
		}
	}
	s.blockStart = append(s.blockStart, len(s.blockUnit))
	return nil
}

// scatter records one rating in the scratch block of its unit.
func (s *store) scatter(p *plan, ref string, rt Rating) error {
	if rt.Unit < 0 || rt.Unit >= p.nUnits || rt.Indicator < 0 || rt.Indicator >= p.nInd ||
		rt.Option < 0 || rt.Option >= len(p.optScore) {
		return fmt.Errorf("response %q: rating (unit %d, indicator %d, option %d) refers outside the configuration",
			ref, rt.Unit, rt.Indicator, rt.Option)
	}
	at := s.slot[rt.Unit]
	if at < 0 {
		at = int32(len(s.touched))
		s.slot[rt.Unit] = at
		s.touched = append(s.touched, rt.Unit)
		s.opts = append(s.opts, s.zero...)
	}
	cell := &s.opts[int(at)*s.nInd+rt.Indicator]
	if *cell != 0 {
		return fmt.Errorf("response %q rates unit %q on indicator %q twice", ref,
			p.cfg.Units[rt.Unit].Code, p.cfg.Indicators[rt.Indicator].Code)
	}
	*cell = uint8(rt.Option + 1)
	return nil
}

// appendBlocks moves the scratch blocks to the store in unit order, so the
// stored form does not depend on the order of the ratings.
func (s *store) appendBlocks(nUnits int) {
	emit := func(u int) {
		at := int(s.slot[u])
		s.blockUnit = append(s.blockUnit, uint16(u))
		s.blockOpts = append(s.blockOpts, s.opts[at*s.nInd:(at+1)*s.nInd]...)
	}
	s.blockUnit = grow(s.blockUnit, len(s.touched))
	s.blockOpts = grow(s.blockOpts, len(s.opts))
	// A form that rates most units is cheaper to walk than to sort.
	if 4*len(s.touched) > nUnits {
		for u := range nUnits {
			if s.slot[u] >= 0 {
				emit(u)
			}
		}
	} else {
		slices.Sort(s.touched)
		for _, u := range s.touched {
			emit(u)
		}
	}
	s.blockStart = append(s.blockStart, len(s.blockUnit))
}

// grow makes room for n more elements, at least doubling the capacity when
// it must grow: append adds only a quarter to a large slice, so the city's
// 20 MB of blocks would be copied (into fresh, faulting pages) some twenty
// times over instead of about once.
func grow[T any](x []T, n int) []T {
	if len(x)+n <= cap(x) {
		return x
	}
	return slices.Grow(x, max(n, len(x)))
}

func (s *store) resetScratch() {
	for _, u := range s.touched {
		s.slot[u] = -1
	}
	s.touched = s.touched[:0]
	s.opts = s.opts[:0]
}

func (s *store) len() int { return len(s.refs) }

// blocks returns response r's rated units and their option bytes.
func (s *store) blocks(r int) ([]uint16, []uint8) {
	a, b := s.blockStart[r], s.blockStart[r+1]
	return s.blockUnit[a:b], s.blockOpts[a*s.nInd : b*s.nInd]
}
