package responses

import (
	"encoding/binary"
	"slices"

	"pingyi/survey"
)

// ratingLog is a pending response's ratings as an import holds them until
// the file is read whole: for each rating, in file order, one varint of its
// cell (unit, indicator and option as one number) times four plus its
// line's distance from the rating before when that is 0, 1 or 2 (3 and a
// second varint when it is more). A city's 82 units × 4 indicators × 7
// options, read from rows of one form or two forms interleaved, take two
// bytes a rating where a record with the line took eight: 13.8 million
// ratings fit in some 30 MB. The log grows by an eighth at a time, so that
// little of it stands empty.
type ratingLog []byte

// cellRadix numbers a structure's (unit, indicator, option) cells.
type cellRadix struct{ indicators, options int }

func radixOf(st *survey.Structure) cellRadix {
	return cellRadix{indicators: max(1, len(st.Indicators)), options: max(1, len(st.Scale))}
}

// farLine marks a rating whose line distance follows in a varint of its own.
const farLine = 3

// logRating appends a rating read on line, after the response's last.
func (b *importBatch) logRating(p *pendingResponse, line, unit, indicator, option int) {
	cell := uint64((unit*b.radix.indicators+indicator)*b.radix.options + option)
	from := p.line
	if len(p.ratings) > 0 {
		from = p.last
	}
	step := uint64(int32(line) - from)
	if len(p.ratings)+2*binary.MaxVarintLen64 > cap(p.ratings) {
		p.ratings = slices.Grow(p.ratings, 2*binary.MaxVarintLen64+len(p.ratings)/8)
	}
	if step < farLine {
		p.ratings = binary.AppendUvarint(p.ratings, cell<<2|step)
	} else {
		p.ratings = binary.AppendUvarint(binary.AppendUvarint(p.ratings, cell<<2|farLine), step)
	}
	p.last = int32(line)
}

// each calls fn with every rating of the log, in file order.
func (l ratingLog) each(first int32, fn func(cell int, line int64)) {
	line := int64(first)
	for len(l) > 0 {
		v, n := binary.Uvarint(l)
		l = l[n:]
		step := v & 3
		if step == farLine {
			var m int
			step, m = binary.Uvarint(l)
			l = l[m:]
		}
		line += int64(step)
		fn(int(v>>2), line)
	}
}

// count is the number of ratings logged.
func (l ratingLog) count() int {
	n := 0
	l.each(0, func(int, int64) { n++ })
	return n
}

// unpack decodes a response's ratings into out (reused), sorted by unit,
// indicator and line.
func (b *importBatch) unpack(p *pendingResponse, out []packedRating) []packedRating {
	out = out[:0]
	p.ratings.each(p.line, func(c int, line int64) {
		out = append(out, packedRating{line: uint32(line), option: uint8(c % b.radix.options),
			indicator: uint8(c / b.radix.options % b.radix.indicators), unit: uint16(c / b.radix.options / b.radix.indicators)})
	})
	sortRatings(out)
	return out
}
