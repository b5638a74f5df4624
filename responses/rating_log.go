package responses

import (
	"encoding/binary"

	"pingyi/survey"
)

// ratingLog is a pending response's ratings as an import holds them until
// the file is read whole: for each rating, in file order, two varints, its
// cell (unit, indicator and option as one number) and its line's distance
// from the rating before. A city's 82 units × 4 indicators × 7 options and
// rows a few lines apart take three bytes a rating, where a record with
// the line took eight, so 13.8 million ratings fit in some 40 MB.
type ratingLog []byte

// cellRadix numbers a structure's (unit, indicator, option) cells.
type cellRadix struct{ indicators, options int }

func radixOf(st *survey.Structure) cellRadix {
	return cellRadix{indicators: max(1, len(st.Indicators)), options: max(1, len(st.Scale))}
}

// logRating appends a rating read on line, after the response's last.
func (b *importBatch) logRating(p *pendingResponse, line, unit, indicator, option int) {
	cell := (unit*b.radix.indicators+indicator)*b.radix.options + option
	from := p.line
	if len(p.ratings) > 0 {
		from = p.last
	}
	p.ratings = binary.AppendUvarint(binary.AppendUvarint(p.ratings, uint64(cell)), uint64(int32(line)-from))
	p.last = int32(line)
}

// count is the number of ratings logged: every rating ends two varints,
// and every varint ends in a byte below 0x80.
func (l ratingLog) count() int {
	n := 0
	for _, c := range l {
		if c < 0x80 {
			n++
		}
	}
	return n / 2
}

// unpack decodes a response's ratings into out (reused), sorted by unit,
// indicator and line.
func (b *importBatch) unpack(p *pendingResponse, out []packedRating) []packedRating {
	out = out[:0]
	line := int64(p.line)
	for l := p.ratings; len(l) > 0; {
		cell, n := binary.Uvarint(l)
		delta, m := binary.Uvarint(l[n:])
		l = l[n+m:]
		line += int64(delta)
		c := int(cell)
		out = append(out, packedRating{line: uint32(line), option: uint8(c % b.radix.options),
			indicator: uint8(c / b.radix.options % b.radix.indicators), unit: uint16(c / b.radix.options / b.radix.indicators)})
	}
	sortRatings(out)
	return out
}
