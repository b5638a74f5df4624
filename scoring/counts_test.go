package scoring

import "testing"

// TestCountsWidenKeepingEveryEntry: the entry that needs 64 bits moves the
// entries before it over unchanged.
func TestCountsWidenKeepingEveryEntry(t *testing.T) {
	const distinct = 1<<(32-unitBits) + 1
	c := newCounts(1, 16)
	for k := range distinct {
		c.add(k%7, float64(k)/3)
	}
	c.endPosition()
	c.finish()
	if c.narrow != nil || len(c.wide) != distinct || c.start[1] != distinct {
		t.Fatalf("narrow %v, %d wide entries, end %d: want %d wide", c.narrow != nil, len(c.wide), c.start[1], distinct)
	}
	for i := range distinct {
		if u, y := c.at(i); u != i%7 || y != float64(i)/3 {
			t.Fatalf("entry %d is (%d, %v), want (%d, %v)", i, u, y, i%7, float64(i)/3)
		}
	}
}
