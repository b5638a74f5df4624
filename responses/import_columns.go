package responses

import "pingyi/tabular"

// longColumns are the positions of the long format's columns in a file
// (-1 where it has none), found once so that each of millions of rows is
// read by position.
type longColumns struct {
	ref, group, unit, indicator, option int
	channel, weight, stratum, submitted int
	comment, caseNumber                 int
}

func longColumnsOf(r *tabular.Reader) longColumns {
	return longColumns{
		ref: r.Column(colRef), group: r.Column(colGroup), unit: r.Column(colUnit),
		indicator: r.Column(colIndicator), option: r.Column(colOption),
		channel: r.Column(colChannel), weight: r.Column(colWeight), stratum: r.Column(colStratum),
		submitted: r.Column(colSubmitted), comment: r.Column(colComment), caseNumber: r.Column(colCase),
	}
}

// recent remembers the last few distinct texts of a column and what they
// were read as. Every row of a response repeats its fields, and a paper
// file interleaves the rows of a few forms at most, so nearly every row's
// text was read a row or two before: comparing it with a few strings
// costs less than parsing it again or looking it up in a map.
type recent[T any] struct {
	texts  [4]string
	values [4]T
	filled int
	next   int // the slot the next put overwrites
}

func (c *recent[T]) get(text string) (T, bool) {
	for i := range c.filled {
		if c.texts[i] == text {
			return c.values[i], true
		}
	}
	var zero T
	return zero, false
}

func (c *recent[T]) put(text string, v T) {
	c.texts[c.next], c.values[c.next] = text, v
	c.next = (c.next + 1) % len(c.texts)
	c.filled = min(c.filled+1, len(c.texts))
}

// fieldTexts are a row's response-level cells as written.
type fieldTexts struct {
	group, channel, weight, stratum, submitted, caseNumber string
}

func (c longColumns) fieldTexts(row tabular.Row) fieldTexts {
	return fieldTexts{group: row.At(c.group), channel: row.At(c.channel), weight: row.At(c.weight),
		stratum: row.At(c.stratum), submitted: row.At(c.submitted), caseNumber: row.At(c.caseNumber)}
}

// knownRef is a response a recent row added to, with the texts of its
// fields there: a row of that response with the same texts has the same
// fields, already checked, and is not read again.
type knownRef struct {
	index int
	texts fieldTexts
}

// lookup finds a code's position among a column's recent texts, or else
// by index, and remembers it.
func lookup(c *recent[int], text string, index func(string) (int, bool)) (int, bool) {
	if i, ok := c.get(text); ok {
		return i, true
	}
	i, ok := index(text)
	if ok {
		c.put(text, i)
	}
	return i, ok
}
