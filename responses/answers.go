package responses

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// Rating is one cell of a form: a unit rated on an indicator with an
// option, each named by its position in the campaign's structure.
type Rating struct {
	Unit, Indicator, Option int
}

// The answers of a response are stored as one compact binary value instead
// of one row per rating: a form of 82 units × 4 indicators becomes ~500
// bytes in one row rather than 328 rows, which is what lets MariaDB take
// over a thousand forms a second and a score run read 14 M ratings in a
// few seconds. Positions are safe to store because a campaign's structure
// is frozen once it leaves draft, and it returns to draft only while it
// has no responses.
//
// Format, version 1:
//
//	byte    1 (version)
//	uvarint number of indicators n
//	then for each rated unit, in ascending position:
//	  uvarint  unit position − previous unit position (the first: position + 1)
//	  n bytes  per indicator: 0 = not rated, k = option position + 1
const answersVersion = 1

// maxOptions keeps an option position in one byte; validation allows 16.
const maxOptions = 255

// EncodeAnswers packs ratings for a campaign with n indicators. Ratings may
// come in any order; a (unit, indicator) pair rated twice is an error.
func EncodeAnswers(ratings []Rating, n int) ([]byte, error) {
	sorted := slices.Clone(ratings)
	slices.SortFunc(sorted, func(a, b Rating) int {
		if a.Unit != b.Unit {
			return a.Unit - b.Unit
		}
		return a.Indicator - b.Indicator
	})
	out := make([]byte, 0, 2+len(sorted)*2)
	out = append(out, answersVersion)
	out = binary.AppendUvarint(out, uint64(n))
	prevUnit := -1
	var cells []byte
	for i, r := range sorted {
		if r.Unit < 0 || r.Indicator < 0 || r.Indicator >= n || r.Option < 0 || r.Option >= maxOptions {
			return nil, fmt.Errorf("rating %+v out of range", r)
		}
		if i > 0 && sorted[i-1].Unit == r.Unit && sorted[i-1].Indicator == r.Indicator {
			return nil, fmt.Errorf("unit %d indicator %d rated twice", r.Unit, r.Indicator)
		}
		if r.Unit != prevUnit {
			out = append(out, cells...)
			out = binary.AppendUvarint(out, uint64(r.Unit-prevUnit))
			prevUnit = r.Unit
			cells = make([]byte, n)
		}
		cells[r.Indicator] = byte(r.Option + 1)
	}
	return append(out, cells...), nil
}

var errCorrupt = errors.New("stored answers are corrupt")

// DecodeAnswers unpacks answers into buf (reused to spare allocations on the
// score run's hot path) and returns it.
func DecodeAnswers(data []byte, buf []Rating) ([]Rating, error) {
	buf = buf[:0]
	if len(data) < 2 || data[0] != answersVersion {
		return buf, errCorrupt
	}
	n64, k := binary.Uvarint(data[1:])
	if k <= 0 || n64 == 0 || n64 > 255 {
		return buf, errCorrupt
	}
	n, pos, unit := int(n64), 1+k, -1
	for pos < len(data) {
		delta, k := binary.Uvarint(data[pos:])
		if k <= 0 || delta == 0 || pos+k+n > len(data) {
			return buf, errCorrupt
		}
		unit += int(delta)
		pos += k
		for ind, cell := range data[pos : pos+n] {
			if cell != 0 {
				buf = append(buf, Rating{Unit: unit, Indicator: ind, Option: int(cell) - 1})
			}
		}
		pos += n
	}
	return buf, nil
}

// packedBlocks returns the unit blocks of answers written for n indicators,
// which are scoring.Response.Packed's form, so that a score run can take
// them without decoding; ok is false for answers in any other form.
func packedBlocks(data []byte, n int) (blocks []byte, ok bool) {
	if len(data) < 2 || data[0] != answersVersion || n <= 0 {
		return nil, false
	}
	m, k := binary.Uvarint(data[1:])
	if k <= 0 || m != uint64(n) {
		return nil, false
	}
	return data[1+k:], true
}
