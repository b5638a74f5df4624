package scoring

import (
	"iter"
	"testing"
)

// InputDigest is what a score run reports, without the run.
func TestInputDigestMatchesTheRun(t *testing.T) {
	cfg, responses := Synthetic(300, 12, 4, 7)
	cfg.Bootstrap = 0
	res, err := Run(cfg, responses)
	if err != nil {
		t.Fatal(err)
	}
	got, err := InputDigest(cfg, responses)
	if err != nil || got != res.InputDigest {
		t.Fatalf("InputDigest = %s, %v; the run reported %s", got, err, res.InputDigest)
	}
	dup := func(yield func(Response, error) bool) {
		r := Response{Ref: "same", Weight: 1}
		_ = yield(r, nil) && yield(r, nil)
	}
	if _, err := InputDigest(cfg, iter.Seq2[Response, error](dup)); err == nil {
		t.Fatal("a duplicated ref was digested")
	}
}

// A lone response's group score is its y_ru, so the scorer must agree with
// the run to the bit.
func TestUnitScorerAgreesWithTheRun(t *testing.T) {
	cfg := tinyConfig()
	for g := range cfg.Groups {
		cfg.Groups[g].MinSample = 1
	}
	ratings := []Rating{rate(unitA1, indI1, optA), rate(unitA1, indI2, optB), rate(unitA1, indAux, optA),
		rate(unitA2, indI1, optX), rate(unitA2, indAux, optB), rate(unitB1, indI2, optD)}
	one := func(yield func(Response, error) bool) {
		yield(Response{Ref: "r", Weight: 1.7, Ratings: ratings}, nil)
	}
	res, err := Run(cfg, one)
	if err != nil {
		t.Fatal(err)
	}
	us, err := NewUnitScorer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int]float64{}
	for range 2 { // the scorer's buffers must be clean for the next response
		clear(got)
		us.Scores(ratings, func(u int, y float64) { got[u] = y })
	}
	if len(got) != 2 {
		t.Fatalf("scores for %d units, want 2 (unit A2 has only 不了解 and an auxiliary rating): %v", len(got), got)
	}
	for u, y := range got {
		want := res.Units[u].Groups[cfg.Groups[0].Code].Score
		if y != want {
			t.Errorf("unit %d: y = %v, run says %v", u, y, want)
		}
	}
}
