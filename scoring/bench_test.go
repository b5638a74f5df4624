package scoring

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"testing"
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
			for b.Loop() {
				if _, err := Run(cfg, data.stream); err != nil {
					b.Fatal(err)
				}
			}
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

// TestExportSyntheticForR writes the large benchmark campaign for
// testdata/bench/bench.R, which times R's survey package on it. It runs only
// when asked, because the files take about 400 MB:
//
//	PINGYI_BENCH_EXPORT=/tmp/pingyi-bench go test ./scoring -run TestExportSyntheticForR
//
// It writes config.json (as testdata/reference/config.json), responses.csv
// (response_ref, group, stratum, weight: one row per response),
// ratings.csv (response_ref, unit_code, indicator_code, option: one row per
// rating; the SPEC's long format split in two to halve the size) and
// go_result.json (Run's result with B = 0, for R to compare with).
func TestExportSyntheticForR(t *testing.T) {
	dir := os.Getenv("PINGYI_BENCH_EXPORT")
	if dir == "" {
		t.Skip("set PINGYI_BENCH_EXPORT=DIR to export the benchmark campaign")
	}
	cfg, seq := Synthetic(42000, 82, 4, 20261121)
	cfg.Bootstrap = 0
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := writeTestCampaign(filepath.Join(dir, "config.json"), cfg); err != nil {
		t.Fatal(err)
	}
	resp, rat := createCSV(t, filepath.Join(dir, "responses.csv")), createCSV(t, filepath.Join(dir, "ratings.csv"))
	resp.Write([]string{"response_ref", "group", "stratum", "weight"})
	rat.Write([]string{"response_ref", "unit_code", "indicator_code", "option"})
	for r := range seq {
		resp.Write([]string{r.Ref, cfg.Groups[r.Group].Code, r.Stratum, strconv.FormatFloat(r.Weight, 'g', -1, 64)})
		for _, rt := range r.Ratings {
			rat.Write([]string{r.Ref, cfg.Units[rt.Unit].Code, cfg.Indicators[rt.Indicator].Code, cfg.Options[rt.Option].Code})
		}
	}
	for _, w := range []*csv.Writer{resp, rat} {
		w.Flush()
		if err := w.Error(); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Run(cfg, seq)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go_result.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func createCSV(t *testing.T, path string) *csv.Writer {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return csv.NewWriter(f)
}
