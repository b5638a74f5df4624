package scoring

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestExportSyntheticForR writes the benchmark campaign for
// testdata/bench/bench.R, which times R's survey package on it. By default
// it exports a small campaign into a temporary directory and checks the
// files; asked for the full size it writes about 400 MB:
//
//	PINGYI_BENCH_EXPORT=/tmp/pingyi-bench go test ./scoring -run TestExportSyntheticForR
//
// It writes config.json (as testdata/reference/config.json), responses.csv
// (response_ref, group, stratum, weight: one row per response),
// ratings.csv (response_ref, unit_code, indicator_code, option: one row per
// rating; the SPEC's long format split in two to halve the size) and
// go_result.json (Run's result with B = 0, for R to compare with).
func TestExportSyntheticForR(t *testing.T) {
	dir, n := os.Getenv("PINGYI_BENCH_EXPORT"), 42000
	if dir == "" {
		dir, n = t.TempDir(), 300
	}
	cfg, seq := Synthetic(n, 82, 4, 20261121)
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
	for file, rows := range map[string]int{"responses.csv": n + 1, "ratings.csv": n*82*4 + 1} {
		f, err := os.Open(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		all, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil || len(all) != rows {
			t.Errorf("%s: %d rows (%v), want %d", file, len(all), err, rows)
		}
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
