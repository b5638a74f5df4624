package results_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"runtime/metrics"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"pingyi/audit"
	"pingyi/cputime"
	"pingyi/responses"
	"pingyi/results"
	"pingyi/scoring"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/validation"
)

// BenchmarkScoreRunFromDatabase is issue 4's speed target: a whole score
// run — read every rating of the campaign from the database, compute SPEC
// steps 1–7 with 1,000 bootstrap replicates, store the run — for a large
// city's campaign, 42,000 responses × 82 units × 4 indicators (≈14 M
// ratings), on SQLite and (with PINGYI_TEST_MYSQL_DSN) MariaDB. Loading the
// campaign into the database is not timed. PINGYI_BENCH_RESPONSES changes
// the size. peak-heap-MB samples the live heap during the run.
//
//	go test ./results -run '^$' -bench ScoreRunFromDatabase -benchtime 3x -count 3
//
// The read sub-benchmark is the database's share: reading every counted
// rating and nothing else.
func BenchmarkScoreRunFromDatabase(b *testing.B) {
	n := 42000
	if v := os.Getenv("PINGYI_BENCH_RESPONSES"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	for _, d := range storagetest.Backends() {
		db := storagetest.Open(b, d)
		l := loadSynthetic(b, db, n)
		ctx := context.Background()
		b.Run(string(d)+"/run", func(b *testing.B) {
			var peak atomic.Uint64
			stop := samplePeakHeap(&peak)
			cpu := cputime.Start()
			for b.Loop() {
				run, _, err := l.runs.Create(ctx, l.code, audit.Actor{Login: "bench"})
				if err != nil {
					b.Fatal(err)
				}
				if run.Ratings != int64(n)*82*4 {
					b.Fatalf("run read %d ratings, want %d", run.Ratings, n*82*4)
				}
			}
			cpu.Report(b)
			stop()
			b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
		})
		// The database's share: reading every counted rating, nothing else.
		b.Run(string(d)+"/read", func(b *testing.B) {
			st, err := l.campaigns.Structure(ctx, l.code)
			if err != nil {
				b.Fatal(err)
			}
			cpu := cputime.Start()
			for b.Loop() {
				ratings := 0
				for r, err := range l.answers.CountedResponses(ctx, st, nil) {
					if err != nil {
						b.Fatal(err)
					}
					ratings += len(r.Ratings) + packedRatings(r.Packed, 4)
				}
				if ratings != n*82*4 {
					b.Fatalf("read %d ratings, want %d", ratings, n*82*4)
				}
			}
			cpu.Report(b)
		})
	}
}

// packedRatings counts the ratings in blocks of Response.Packed's form.
func packedRatings(packed []byte, nInd int) int {
	n := 0
	for len(packed) > 0 {
		_, k := binary.Uvarint(packed)
		for _, b := range packed[k : k+nInd] {
			if b != 0 {
				n++
			}
		}
		packed = packed[k+nInd:]
	}
	return n
}

// loaded is a synthetic campaign in a database and the stores around it.
type loaded struct {
	code      string
	runs      *results.Store
	campaigns *survey.Store
	answers   *responses.Store
}

// loadSynthetic stores scoring.Synthetic's campaign as an open campaign.
func loadSynthetic(b *testing.B, db *storage.DB, n int) loaded {
	b.Helper()
	keys, _ := secret.New(bytes.Repeat([]byte{4}, secret.KeySize))
	log := audit.New(db, keys)
	s := survey.NewStore(db, log, validation.New())
	answers := responses.NewStore(db, log, s)
	cfg, synthetic := scoring.Synthetic(n, 82, 4, 20261121)
	ctx := context.Background()
	st, err := s.Create(ctx, definitionOf(cfg), audit.Actor{Login: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.SetStatus(ctx, st.Campaign.Code, survey.Open, audit.Actor{Login: "bench"}); err != nil {
		b.Fatal(err)
	}
	st, _ = s.Structure(ctx, st.Campaign.Code)
	start := time.Now()
	var batch []responses.NewResponse
	flush := func() {
		if err := answers.InsertResponses(ctx, st, batch); err != nil {
			b.Fatal(err)
		}
		batch = batch[:0]
	}
	for r, err := range synthetic {
		if err != nil {
			b.Fatal(err)
		}
		nr := responses.NewResponse{Ref: r.Ref, Group: r.Group, Stratum: r.Stratum, Weight: r.Weight, Channel: responses.Paper, SubmittedAt: db.Now()}
		for _, x := range r.Ratings {
			nr.Ratings = append(nr.Ratings, responses.Rating{Unit: x.Unit, Indicator: x.Indicator, Option: x.Option})
		}
		if batch = append(batch, nr); len(batch) == 2000 {
			flush()
		}
	}
	flush()
	b.Logf("%s: loaded %d responses in %v", db.Dialect, n, time.Since(start).Round(time.Millisecond))
	return loaded{code: st.Campaign.Code, runs: results.NewStore(db, log, s, answers), campaigns: s, answers: answers}
}

func definitionOf(cfg scoring.Config) survey.Definition {
	d := survey.Definition{Code: "bench", Name: "benchmark", Year: 2026, Period: "annual"}
	for _, o := range cfg.Options {
		x := survey.OptionDef{Code: o.Code, Label: "label " + o.Code, Satisfied: o.Satisfied, Excluded: o.Excluded}
		if !o.Excluded {
			score := o.Score
			x.Score = &score
		}
		d.Scale = append(d.Scale, x)
	}
	for _, ind := range cfg.Indicators {
		x := survey.IndicatorDef{Code: ind.Code, Name: ind.Code, Auxiliary: ind.Auxiliary}
		if !ind.Auxiliary {
			w := ind.Weight
			x.Weight = &w
		}
		d.Indicators = append(d.Indicators, x)
	}
	for _, g := range cfg.Groups {
		w, min := g.Weight, g.MinSample
		d.Groups = append(d.Groups, survey.GroupDef{Code: g.Code, Name: g.Code, Weight: &w, MinSample: &min})
	}
	seen := map[string]bool{}
	for _, u := range cfg.Units {
		if !seen[u.Category] {
			seen[u.Category] = true
			d.Categories = append(d.Categories, survey.CategoryDef{Code: u.Category, Name: u.Category})
		}
		d.Units = append(d.Units, survey.UnitDef{Code: u.Code, Name: u.Code, Category: u.Category})
	}
	seed := cfg.Seed
	d.Scoring = survey.ScoringDef{Bootstrap: &cfg.Bootstrap, Seed: &seed, TieDecimals: &cfg.TieDecimals}
	return d
}

// samplePeakHeap records the largest live heap seen until stop is called.
func samplePeakHeap(peak *atomic.Uint64) (stop func()) {
	done := make(chan struct{})
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	go func() {
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() { close(done) }
}
