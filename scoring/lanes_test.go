package scoring

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mathext/prng"

	"pingyi/cputime"
)

// aloneSums is the bootstrap's step 2 as it was computed before lanes: one
// replicate, skipping the responses it did not draw. The lanes must give
// these sums to the bit.
func aloneSums(w *replicateWorker, b int) []pointSums {
	e, l, nu := w.e, w.l, w.p.nUnits
	mult := make([]uint32, len(e.weight))
	src := prng.NewXoshiro256starstar(replicateSeed(w.p.cfg.Seed, uint64(b)))
	for _, st := range l.strata {
		nh := uint64(st.end - st.start)
		for range nh {
			mult[st.start+int(boundedUint64(src, nh))]++
		}
	}
	sums := make([]pointSums, w.p.nGroup*nu)
	if e.counts.narrow != nil {
		sumAlone(e, nu, mult, sums, e.counts.narrow)
	} else {
		sumAlone(e, nu, mult, sums, e.counts.wide)
	}
	return sums
}

func sumAlone[E uint32 | uint64](e *estimates, nu int, mult []uint32, sums []pointSums, entries []E) {
	start, ys := e.counts.start, e.counts.ys
	for pos, c := range mult {
		if c == 0 {
			continue
		}
		cw := float64(float64(c) * e.weight[pos])
		g := int(e.group[pos])
		sums := sums[g*nu : (g+1)*nu]
		for _, en := range entries[start[pos]:start[pos+1]] {
			s := &sums[en&(1<<unitBits-1)]
			s.swy += float64(cw * ys[en>>unitBits])
			s.sw += cw
			s.n += int(c)
		}
	}
}

// TestLanesSumAsReplicatesAlone: every lane's sums equal, bit for bit, those
// of its replicate computed alone, also with negative scores (whose
// products with a lane's zero multiplicity are −0) and a partly filled
// pass.
func TestLanesSumAsReplicatesAlone(t *testing.T) {
	cfg, rs := smallSynthetic(t, 5)
	negative := cfg
	negative.Options = append([]Option(nil), cfg.Options...)
	negative.Options[2].Score, negative.Options[3].Score = -20, -100
	for name, c := range map[string]Config{"synthetic": cfg, "negative scores": negative} {
		w := newTestWorker(t, c, rs)
		for _, pass := range [][]int{{0, 1, 2, 3, 4, 5, 6, 7}, {17, 18, 19}, {40}} {
			clear(w.mult)
			for k, b := range pass {
				w.draw(b, k)
			}
			w.sumLanes()
			for k, b := range pass {
				want := aloneSums(w, b)
				for gu, a := range w.acc {
					got := pointSums{swy: a.swy[k], sw: a.sw[k], n: int(a.n[k])}
					if math.Float64bits(got.swy) != math.Float64bits(want[gu].swy) ||
						math.Float64bits(got.sw) != math.Float64bits(want[gu].sw) || got.n != want[gu].n {
						t.Fatalf("%s, replicate %d, (group, unit) %d: lane sums %+v, alone %+v", name, b, gu, got, want[gu])
					}
				}
			}
		}
	}
}

// BenchmarkEightReplicates times step 2 of eight replicates of the large
// campaign on one core, drawn and summed alone and in lanes, alternately:
//
//	go test ./scoring -run '^$' -bench EightReplicates -count 5
func BenchmarkEightReplicates(b *testing.B) {
	cfg, seq := Synthetic(42000, 82, 4, 20261121)
	p, err := newPlan(cfg)
	if err != nil {
		b.Fatal(err)
	}
	s := newStore(p)
	for r := range seq {
		if err := s.add(p, r); err != nil {
			b.Fatal(err)
		}
	}
	l, err := newLayout(s)
	if err != nil {
		b.Fatal(err)
	}
	w := newReplicateWorker(p, estimate(p, s, l), l)
	b.Run("alone", func(b *testing.B) {
		cpu := cputime.Start()
		for b.Loop() {
			for k := range lanes {
				aloneSums(w, k)
			}
		}
		cpu.Report(b)
	})
	b.Run("lanes", func(b *testing.B) {
		cpu := cputime.Start()
		defer cpu.Report(b)
		for b.Loop() {
			clear(w.mult)
			for k := range lanes {
				w.draw(k, k)
			}
			w.sumLanes()
		}
	})
}
