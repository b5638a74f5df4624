package responses

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"pingyi/survey"
)

// A response's ratings come back from the log as they were read, lines and
// all, at the limits validation allows (10,000 units, 32 indicators, 16
// options) and with rows near and far apart.
func TestRatingLogGivesBackEveryRatingAndLine(t *testing.T) {
	st := &survey.Structure{Indicators: make([]survey.Indicator, 32), Scale: make([]survey.Option, 16)}
	b := &importBatch{st: st, radix: radixOf(st)}
	rng := rand.New(rand.NewPCG(1, 2))
	p := &pendingResponse{line: 7}
	line := 7
	var want []packedRating
	for i := range 5000 {
		r := packedRating{line: uint32(line), unit: uint16(rng.IntN(10_000)), indicator: uint8(rng.IntN(32)), option: uint8(rng.IntN(16))}
		if i == 0 {
			r.unit, r.indicator, r.option = 9999, 31, 15
		}
		b.logRating(p, int(r.line), int(r.unit), int(r.indicator), int(r.option))
		want = append(want, r)
		line += []int{0, 1, 2, 300, 1_000_000}[rng.IntN(5)]
	}
	got := b.unpack(p, nil)
	sortRatings(want)
	if !reflect.DeepEqual(got, want) || p.ratings.count() != len(want) {
		t.Fatalf("%d ratings back of %d (count %d); first %v, want %v", len(got), len(want), p.ratings.count(), got[:1], want[:1])
	}
	if per := float64(len(p.ratings)) / float64(len(want)); per > 5 {
		t.Errorf("%.1f bytes a rating", per)
	}
	if !slices.IsSortedFunc(got, func(a, c packedRating) int { return int(a.unit) - int(c.unit) }) {
		t.Error("not sorted by unit")
	}
}

// The city campaign's forms, typed in one after another or two interleaved,
// take two bytes a rating.
func TestRatingLogTakesTwoBytesForACityForm(t *testing.T) {
	st := &survey.Structure{Indicators: make([]survey.Indicator, 4), Scale: make([]survey.Option, 7)}
	b := &importBatch{st: st, radix: radixOf(st)}
	p := &pendingResponse{line: 2}
	for u := range 82 {
		for i := range 4 {
			b.logRating(p, 2+2*(4*u+i), u, i, (u+i)%7)
		}
	}
	if len(p.ratings) > 2*328 || p.ratings.count() != 328 {
		t.Fatalf("%d bytes for %d ratings", len(p.ratings), p.ratings.count())
	}
	if got := b.unpack(p, nil); got[327] != (packedRating{line: 2 + 2*327, unit: 81, indicator: 3, option: 84 % 7}) {
		t.Fatalf("last rating %+v", got[327])
	}
}
