package scoring

import (
	"iter"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// collect materialises a response stream, copying the Ratings buffers the
// stream reuses.
func collect(t *testing.T, seq iter.Seq2[Response, error]) []Response {
	t.Helper()
	var out []Response
	for r, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		r.Ratings = slices.Clone(r.Ratings)
		out = append(out, r)
	}
	return out
}

func smallSynthetic(t *testing.T, seed uint64) (Config, []Response) {
	cfg, seq := Synthetic(400, 15, 4, seed)
	cfg.Bootstrap = 60
	for g := range cfg.Groups {
		cfg.Groups[g].MinSample = 20
	}
	return cfg, collect(t, seq)
}

func mustRun(t *testing.T, cfg Config, rs []Response) *Result {
	t.Helper()
	res, err := Run(cfg, sliceSeq(rs))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestPermutingResponsesChangesNothing: the order of responses and of the
// ratings within them must not change a single bit of the result, rank
// intervals and digest included.
func TestPermutingResponsesChangesNothing(t *testing.T) {
	for seed := range uint64(3) {
		cfg, rs := smallSynthetic(t, seed)
		base := mustRun(t, cfg, rs)
		rng := rand.New(rand.NewPCG(seed, 99))
		shuffled := slices.Clone(rs)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		for i := range shuffled {
			rt := slices.Clone(shuffled[i].Ratings)
			rng.Shuffle(len(rt), func(a, b int) { rt[a], rt[b] = rt[b], rt[a] })
			shuffled[i].Ratings = rt
		}
		if got := mustRun(t, cfg, shuffled); !reflect.DeepEqual(got, base) {
			t.Errorf("seed %d: permuted input gives a different result", seed)
		}
	}
}

// TestScalingDesignWeightsChangesNothing: w_r enters only through ratios.
func TestScalingDesignWeightsChangesNothing(t *testing.T) {
	cfg, rs := smallSynthetic(t, 5)
	base := mustRun(t, cfg, rs)
	for _, factor := range []float64{3.7, 0.001, 1024} {
		scaled := slices.Clone(rs)
		for i := range scaled {
			scaled[i].Weight *= factor
		}
		got := mustRun(t, cfg, scaled)
		for u := range base.Units {
			b, g := base.Units[u], got.Units[u]
			if !reflect.DeepEqual([]*int{b.Rank, b.RankLow, b.RankHigh}, []*int{g.Rank, g.RankLow, g.RankHigh}) {
				t.Errorf("×%v, %s: ranks differ", factor, b.UnitCode)
			}
		}
		want, have := flattenResult(base), flattenResult(got)
		for key, w := range want {
			if !sameValue(have[key], w) {
				t.Errorf("×%v, %s: %s, unscaled %s", factor, key, have[key], w)
			}
		}
	}
}

// TestIndexLiesBetweenCountedGroupScores: S_u is a weighted mean of the
// counted m_ug.
func TestIndexLiesBetweenCountedGroupScores(t *testing.T) {
	cfg, rs := smallSynthetic(t, 8)
	for _, res := range []*Result{mustRun(t, cfg, rs), runReference(t)} {
		for _, u := range res.Units {
			if u.Index == nil {
				continue
			}
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, g := range u.Groups {
				if g.Counted {
					lo, hi = min(lo, g.Score), max(hi, g.Score)
				}
			}
			slack := 1e-12 * math.Abs(*u.Index)
			if *u.Index < lo-slack || *u.Index > hi+slack {
				t.Errorf("%s: index %v outside the counted group scores [%v, %v]", u.UnitCode, *u.Index, lo, hi)
			}
		}
	}
}

// TestOneGroupEqualWeightsIsThePlainMean: with one group, one stratum and
// equal weights, S_u is the mean of y_ru and SE_u the textbook
// sqrt(Σ(y−ȳ)²/(n(n−1))). The offset makes the scores large and close
// together, where a one-pass variance would lose its digits.
func TestOneGroupEqualWeightsIsThePlainMean(t *testing.T) {
	for _, offset := range []float64{0, 1e6} {
		for seed := range uint64(20) {
			rng := rand.New(rand.NewPCG(seed, 1))
			cfg := Config{
				Units:      []Unit{{Code: "u", Category: "c"}},
				Indicators: []Indicator{{Code: "a", Weight: 0.5}, {Code: "b", Weight: 0.3}, {Code: "c", Weight: 0.2}},
				Options: []Option{{Code: "A", Score: offset + 100, Satisfied: true}, {Code: "B", Score: offset + 80, Satisfied: true},
					{Code: "D", Score: offset}, {Code: "X", Excluded: true}},
				Groups: []Group{{Code: "all", Weight: 2, MinSample: 1}},
			}
			n := 2 + rng.IntN(60)
			var ys []float64
			var rs []Response
			var sat, cnt float64
			for r := range n {
				resp := Response{Ref: string(rune('a'+r%26)) + string(rune('a'+r/26)), Weight: 1.5}
				var sax, sa float64
				for i := range 3 {
					o := rng.IntN(4)
					if i == 0 && o == 3 {
						o = 0 // every response counts
					}
					resp.Ratings = append(resp.Ratings, Rating{0, i, o})
					if o != 3 {
						sax += cfg.Indicators[i].Weight * cfg.Options[o].Score
						sa += cfg.Indicators[i].Weight
						cnt++
						if o < 2 {
							sat++
						}
					}
				}
				ys = append(ys, sax/sa)
				rs = append(rs, resp)
			}
			var mean, ss float64
			for _, y := range ys {
				mean += y / float64(n)
			}
			for _, y := range ys {
				ss += (y - mean) * (y - mean)
			}
			se := math.Sqrt(ss / float64(n*(n-1)))
			u := mustRun(t, cfg, rs).Units[0]
			if !near(*u.Index, mean, 1e-12) || !near(*u.SE, se, 1e-9) || !near(*u.SatisfactionRate, sat/cnt, 1e-12) {
				t.Errorf("offset %v, seed %d: index %v se %v rate %v, want %v %v %v",
					offset, seed, *u.Index, *u.SE, *u.SatisfactionRate, mean, se, sat/cnt)
			}
		}
	}
}

func near(a, b, rel float64) bool {
	return math.Abs(a-b) <= rel*math.Max(math.Abs(a), math.Abs(b))+1e-300
}

// TestRunDoesNotRetainRatings: Synthetic reuses one Ratings buffer for all
// responses; Run must give the same result as on independent copies.
func TestRunDoesNotRetainRatings(t *testing.T) {
	cfg, seq := Synthetic(300, 10, 4, 21)
	cfg.Bootstrap = 20
	reused, err := Run(cfg, seq)
	if err != nil {
		t.Fatal(err)
	}
	if copied := mustRun(t, cfg, collect(t, seq)); !reflect.DeepEqual(reused, copied) {
		t.Error("a reused Ratings buffer changes the result")
	}
}
