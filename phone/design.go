package phone

import (
	"iter"
	"strings"

	"gorm.io/gorm"

	"pingyi/sampling"
)

// A draw's design decides what the draw sees of the frame.
//
// Stratified, each unit is a stratum: the draw sees the frame's entries as
// they are, (unit, phone key), and allocates among units.
//
// Simple, the frame is one stratum, allStrata: the draw sees each entry as
// ("*", "UNIT KEY"). The unit stays in the key because the same person
// served by two units is two entries of the frame. The order is kept: unit
// codes are letters, digits and ".-_", all above the space, so sorting by
// "UNIT KEY" sorts as (unit, key) does, the order frames stream in.
const (
	Stratified = "stratified"
	Simple     = "simple"
	allStrata  = "*"
)

// drawFrame streams the frozen frame as the design's draw sees it.
func drawFrame(q *gorm.DB, frameID int64, design string) iter.Seq2[sampling.Entry, error] {
	frame := frameEntries(q, frameID)
	if design != Simple {
		return frame
	}
	return func(yield func(sampling.Entry, error) bool) {
		for e, err := range frame {
			if !yield(sampling.Entry{Stratum: allStrata, Key: e.Stratum + " " + e.Key}, err) || err != nil {
				return
			}
		}
	}
}

// entryOf is the frame entry behind a drawn case: its unit and phone key.
func entryOf(stratum, drawKey string) entryKey {
	if stratum != allStrata {
		return entryKey{stratum, drawKey}
	}
	unit, key, _ := strings.Cut(drawKey, " ")
	return entryKey{unit, key}
}
