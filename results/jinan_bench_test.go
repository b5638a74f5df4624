package results_test

import (
	"bytes"
	"context"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"pingyi/audit"
	"pingyi/cputime"
	"pingyi/responses"
	"pingyi/results"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/survey/surveytest"
	"pingyi/validation"
)

// BenchmarkScoreJinanFromDatabase is issue 11's speed target: a whole
// score run of the Jinan-sized campaign (3,828 units, 42,000 respondents,
// the public rating only the few units they screened, 1,000 bootstrap
// replicates) from the database, < 10 s, with memory bounded by responses
// × units rated. Loading is not timed. peak-heap-MB samples the live heap.
//
//	go test ./results -run '^$' -bench ScoreJinanFromDatabase -benchtime 1x
func BenchmarkScoreJinanFromDatabase(b *testing.B) {
	for _, d := range storagetest.Backends() {
		db := storagetest.Open(b, d)
		l, ratings := loadJinan(b, db)
		ctx := context.Background()
		b.Run(string(d), func(b *testing.B) {
			var peak atomic.Uint64
			stop := samplePeakHeap(&peak)
			cpu := cputime.Start()
			for b.Loop() {
				run, _, err := l.runs.Create(ctx, l.code, audit.Actor{Login: "bench"})
				if err != nil {
					b.Fatal(err)
				}
				if run.Ratings != ratings {
					b.Fatalf("run read %d ratings, want %d", run.Ratings, ratings)
				}
			}
			cpu.Report(b)
			stop()
			b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(ratings), "ratings")
		})
	}
}

// loadJinan stores the Jinan-sized campaign, open, with its respondents'
// forms, and says how many ratings they hold.
func loadJinan(b *testing.B, db *storage.DB) (loaded, int64) {
	b.Helper()
	keys, _ := secret.New(bytes.Repeat([]byte{4}, secret.KeySize))
	log := audit.New(db, keys)
	s := survey.NewStore(db, log, validation.New())
	answers := responses.NewStore(db, log, s)
	ctx := context.Background()
	def := surveytest.JinanDefinition()
	start := time.Now()
	st, err := s.Create(ctx, def, audit.Actor{Login: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.SetStatus(ctx, st.Campaign.Code, survey.Open, audit.Actor{Login: "bench"}); err != nil {
		b.Fatal(err)
	}
	st, _ = s.Structure(ctx, st.Campaign.Code)
	var counted int64
	var batch []responses.NewResponse
	flush := func() {
		if err := answers.InsertResponses(ctx, st, batch); err != nil {
			b.Fatal(err)
		}
		batch = batch[:0]
	}
	i := 0
	for r := range surveytest.JinanRespondents(def) {
		i++
		nr := responses.NewResponse{Ref: "J-" + strconv.Itoa(i), Group: r.Group, Weight: 1, Channel: responses.Paper, SubmittedAt: db.Now()}
		for _, x := range r.Ratings {
			nr.Ratings = append(nr.Ratings, responses.Rating{Unit: x.Unit, Indicator: x.Indicator, Option: x.Option})
		}
		counted += int64(len(r.Ratings))
		if batch = append(batch, nr); len(batch) == 2000 {
			flush()
		}
	}
	flush()
	b.Logf("%s: loaded %d units and %d responses in %v", db.Dialect, len(st.Units), i, time.Since(start).Round(time.Millisecond))
	return loaded{code: st.Campaign.Code, runs: results.NewStore(db, log, s, answers), campaigns: s, answers: answers}, counted
}
