package scoring

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/mathext/prng"
)

// TestWriteReferenceDataset documents how testdata/reference/responses.csv
// and config.json were made; the committed files are the reference. It runs
// only when asked:
//
//	PINGYI_WRITE_REFERENCE=1 go test ./scoring -run TestWriteReferenceDataset
//
// The dataset has three unequally weighted groups, strata of different
// sizes including one with a single response, unequal design weights, heavy
// 不了解, a group below min_sample for some units (officials), a unit nobody
// rated (U09), a unit some respondents rated only on the auxiliary
// indicator (U08), a unit below min_sample everywhere (U10), two categories,
// an exact tie (U04's ratings copy U03's) and a near-tie that rounds apart
// (U06 copies U05 but for one rating, chosen so that the indices differ by
// less than 0.01 yet round to different cents).
// The committed reference dataset is exactly what its generator makes, so
// anyone can see how it was built. PINGYI_WRITE_REFERENCE=1 rewrites it
// (then rerun reference.R, as its header says).
func TestReferenceDatasetIsGenerated(t *testing.T) {
	dir := filepath.Join("testdata", "reference")
	cfg, err := readTestCampaign(filepath.Join(dir, "config.json"))
	if err != nil {
		t.Fatal(err)
	}
	rs := generateReferenceResponses(cfg)
	nudgeNearTie(t, cfg, rs)
	out := filepath.Join(t.TempDir(), "responses.csv")
	if os.Getenv("PINGYI_WRITE_REFERENCE") == "1" {
		out = filepath.Join(dir, "responses.csv")
	}
	if err := writeLongCSV(out, cfg, rs); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(out)
	want, _ := os.ReadFile(filepath.Join(dir, "responses.csv"))
	if !bytes.Equal(got, want) {
		t.Fatal("testdata/reference/responses.csv is not what the generator makes")
	}
}

func generateReferenceResponses(cfg Config) []Response {
	src := prng.NewXoshiro256starstar(20261121)
	uniform := func() float64 { return float64(src.Uint64()>>11) * 0x1p-53 }
	type stratum struct {
		group, n int
		name     string
		lo, hi   float64 // weight range
	}
	strata := []stratum{
		{0, 100, "east", 1, 2}, {0, 90, "west", 0.5, 1.5}, {0, 89, "north", 2, 3}, {0, 1, "island", 4, 4},
		{1, 45, "npc", 0.8, 1.2}, {1, 35, "cppcc", 0.8, 1.2},
		{2, 30, "", 0.9, 1.1},
	}
	quality := []float64{0.85, 0.7, 0.8, 0, 0.75, 0, 0.6, 0.9, 0, 0.65}
	var rs []Response
	for _, st := range strata {
		for range st.n {
			r := Response{Ref: fmt.Sprintf("R%04d", 1+int(uniform()*9000)), Group: st.group, Stratum: st.name,
				Weight: math.Round((st.lo+float64((st.hi-st.lo)*uniform()))*1000) / 1000}
			for len(rs) > 0 && refTaken(rs, r.Ref) {
				r.Ref = fmt.Sprintf("R%04d", 1+int(uniform()*9000))
			}
			for u, q := range quality {
				switch {
				case u == 8: // U09: nobody rates it
					continue
				case u == 9 && uniform() > 0.06: // U10: too few respondents
					continue
				case u == 3 || u == 5: // U04, U06: filled in from U03, U05 below
					continue
				}
				auxOnly := u == 7 && uniform() < 0.15
				unknown := uniform() < 0.3
				for i := range cfg.Indicators {
					if auxOnly && !cfg.Indicators[i].Auxiliary {
						continue
					}
					r.Ratings = append(r.Ratings, Rating{Unit: u, Indicator: i, Option: referenceOption(uniform, q, unknown)})
				}
			}
			for _, rt := range r.Ratings {
				if rt.Unit == 2 || rt.Unit == 4 {
					r.Ratings = append(r.Ratings, Rating{Unit: rt.Unit + 1, Indicator: rt.Indicator, Option: rt.Option})
				}
			}
			rs = append(rs, r)
		}
	}
	return rs
}

func refTaken(rs []Response, ref string) bool {
	for _, r := range rs {
		if r.Ref == ref {
			return true
		}
	}
	return false
}

// referenceOption draws A–D by quality q, or X (不了解).
func referenceOption(uniform func() float64, q float64, unknown bool) int {
	if unknown || uniform() < 0.1 {
		return 4
	}
	x := uniform()
	switch {
	case x < float64(q*0.6):
		return 0
	case x < q:
		return 1
	case x < q+float64((1-q)*0.5):
		return 2
	}
	return 3
}

// nudgeNearTie changes one of U06's ratings (a copy of U05's so far) so that
// the two indices differ by less than 0.01 but round apart, both well clear
// of a rounding boundary.
func nudgeNearTie(t *testing.T, cfg Config, rs []Response) {
	cfg.Bootstrap = 0
	for ri := range rs {
		for k, rt := range rs[ri].Ratings {
			if rt.Unit != 5 || rt.Option != 1 || cfg.Indicators[rt.Indicator].Auxiliary {
				continue
			}
			rs[ri].Ratings[k].Option = 0 // B → A
			res, err := Run(cfg, sliceSeq(rs))
			if err != nil {
				t.Fatal(err)
			}
			a, b := res.Units[4].Index, res.Units[5].Index
			if a != nil && b != nil && math.Abs(*a-*b) < 0.01 &&
				RoundHalfAway(*a, 2) != RoundHalfAway(*b, 2) && clearOfBoundary(*a) && clearOfBoundary(*b) {
				t.Logf("near tie: U05 %.6f, U06 %.6f (response %s)", *a, *b, rs[ri].Ref)
				return
			}
			rs[ri].Ratings[k].Option = 1
		}
	}
	t.Fatal("no rating change gives a near tie")
}

func clearOfBoundary(x float64) bool {
	frac := x*100 - math.Floor(x*100)
	return math.Abs(frac-0.5) > 1e-4
}

func writeLongCSV(path string, cfg Config, rs []Response) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write([]string{"response_ref", "group", "unit_code", "indicator_code", "option", "weight", "stratum"})
	for _, r := range rs {
		for _, rt := range r.Ratings {
			w.Write([]string{r.Ref, cfg.Groups[r.Group].Code, cfg.Units[rt.Unit].Code, cfg.Indicators[rt.Indicator].Code,
				cfg.Options[rt.Option].Code, strconv.FormatFloat(r.Weight, 'g', -1, 64), r.Stratum})
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
