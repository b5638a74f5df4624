package scoring

import "math"

// counts lists, for every canonical position, the units the response counts
// for and its y_ru there: the data that the variance and every bootstrap
// replicate read again. The bootstrap's speed is bounded by this scan, so it
// is kept compact. Each entry holds the unit index in its low 16 bits and,
// above them, an index into ys, the table of distinct y_ru values. A
// campaign has few distinct y_ru (the options a form allows fix them), so an
// entry takes 4 bytes instead of 10 and the table stays in L1 cache.
// Entries are uint32 when there are at most 2¹⁶ distinct values, else
// uint64 (exactly one of narrow and wide is not nil). The shift is a
// constant because a variable shift costs the hot loop a third of its speed.
type counts struct {
	start  []int // position pos's entries are [start[pos], start[pos+1])
	narrow []uint32
	wide   []uint64 // used only when narrow is nil
	ys     []float64
	code   map[uint64]uint32 // y's bits → index in ys, while building
}

// unitBits holds any unit index (maxUnits = 2¹⁶).
const unitBits = 16

func newCounts(positions, capacity int) *counts {
	return &counts{
		start:  make([]int, 1, positions+1),
		narrow: make([]uint32, 0, capacity),
		code:   map[uint64]uint32{},
	}
}

func (c *counts) add(unit int, y float64) {
	k, ok := c.code[math.Float64bits(y)]
	if !ok {
		k = uint32(len(c.ys))
		c.code[math.Float64bits(y)] = k
		c.ys = append(c.ys, y)
	}
	// Entries start narrow and widen once, at the first y that needs it:
	// building them wide and narrowing at the end would take twice the
	// memory and a second pass for the campaign every city has.
	if c.wide == nil && k < 1<<(32-unitBits) {
		c.narrow = append(c.narrow, uint32(unit)|k<<unitBits)
		return
	}
	if c.wide == nil {
		c.widen()
	}
	c.wide = append(c.wide, uint64(unit)|uint64(k)<<unitBits)
}

// widen moves the entries so far to 64 bits.
func (c *counts) widen() {
	c.wide = make([]uint64, len(c.narrow), cap(c.narrow))
	for i, e := range c.narrow {
		c.wide[i] = uint64(e)
	}
	c.narrow = nil
}

func (c *counts) endPosition() { c.start = append(c.start, c.len()) }

func (c *counts) len() int { return max(len(c.narrow), len(c.wide)) }

// finish drops what only building needed.
func (c *counts) finish() { c.code = nil }

// at returns entry i's unit and y_ru.
func (c *counts) at(i int) (unit int, y float64) {
	e := c.entry(i)
	return int(e & (1<<unitBits - 1)), c.ys[e>>unitBits]
}

func (c *counts) entry(i int) uint64 {
	if c.narrow != nil {
		return uint64(c.narrow[i])
	}
	return c.wide[i]
}
