package scoring

import (
	"fmt"
	"iter"
	"testing"

	"pingyi/cputime"
)

// frozen holds a synthetic campaign in memory, compactly, so that the
// benchmarks time Run and not the generator. Its stream rebuilds each
// response's ratings in one reused buffer, as a database reader would.
type frozen struct {
	responses []Response // Ratings nil
	options   []uint8    // per response, nUnits·nIndicators option indices
	nUnits    int
	nInd      int
}

func freeze(seq iter.Seq2[Response, error], nUnits, nInd int) *frozen {
	f := &frozen{nUnits: nUnits, nInd: nInd}
	for r := range seq {
		for _, rt := range r.Ratings {
			f.options = append(f.options, uint8(rt.Option))
		}
		r.Ratings = nil
		f.responses = append(f.responses, r)
	}
	return f
}

func (f *frozen) stream(yield func(Response, error) bool) {
	buf := make([]Rating, f.nUnits*f.nInd)
	for n, r := range f.responses {
		opts := f.options[n*len(buf) : (n+1)*len(buf)]
		for k := range buf {
			buf[k] = Rating{Unit: k / f.nInd, Indicator: k % f.nInd, Option: int(opts[k])}
		}
		r.Ratings = buf
		if !yield(r, nil) {
			return
		}
	}
}

func BenchmarkRun(b *testing.B) {
	sizes := []struct{ responses, units, indicators, bootstrap int }{
		{42000, 82, 4, 1000},
		{42000, 82, 4, 0},
		{5000, 82, 4, 1000},
		{2000, 20, 4, 200},
	}
	for _, sz := range sizes {
		cfg, seq := Synthetic(sz.responses, sz.units, sz.indicators, 20261121)
		cfg.Bootstrap = sz.bootstrap
		data := freeze(seq, sz.units, sz.indicators)
		name := fmt.Sprintf("%dx%dx%d_B%d", sz.responses, sz.units, sz.indicators, sz.bootstrap)
		b.Run(name, func(b *testing.B) {
			cpu := cputime.Start()
			for b.Loop() {
				if _, err := Run(cfg, data.stream); err != nil {
					b.Fatal(err)
				}
			}
			cpu.Report(b)
		})
	}
}

// BenchmarkSynthetic is the cost of generating the large campaign, for
// comparison with the database benchmark that reuses the generator.
func BenchmarkSynthetic(b *testing.B) {
	_, seq := Synthetic(42000, 82, 4, 20261121)
	for b.Loop() {
		for range seq {
		}
	}
}
