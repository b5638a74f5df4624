package responses_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"pingyi/audit"
	"pingyi/cputime"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/tabular"
)

// writeCampaignFile writes the paper forms of a city campaign in the long
// format: each of n forms rates all 82 units on the four indicators (328
// rows), and two forms' rows alternate, as in writeLargeFile.
func writeCampaignFile(tb testing.TB, path string, n int) (rows int) {
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, "response_ref,group,unit_code,indicator_code,option,channel,weight,stratum,submitted_at,comment")
	inds := []string{"efficiency", "attitude", "quality", "overall"}
	opts := []string{"A", "B", "C", "D", "X", "满意", "比较满意"}
	for pair := 0; 2*pair < n; pair++ {
		for u := range 82 {
			for i, ind := range inds {
				for k := range min(2, n-2*pair) {
					r := 2*pair + k
					fmt.Fprintf(w, "P-%07d,deputies,U%03d,%s,%s,paper,1.5,district-%d,2026-11-%02dT10:00:00+08:00,\n",
						r, u+1, ind, opts[(r+u+i)%len(opts)], r%7, r%28+1)
					rows++
				}
			}
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
	return rows
}

// BenchmarkCampaignImport imports PINGYI_BENCH_RESPONSES paper forms
// (default 3,000; 42,000 for the README's 13.8 million rows) of 82 units ×
// 4 indicators each and reports the peak heap in use.
//
//	PINGYI_BENCH_RESPONSES=42000 go test ./responses -run '^$' -bench CampaignImport -benchtime 1x -timeout 1h
func BenchmarkCampaignImport(b *testing.B) {
	n := 3000
	if v := os.Getenv("PINGYI_BENCH_RESPONSES"); v != "" {
		fmt.Sscan(v, &n)
	}
	path := filepath.Join(b.TempDir(), "paper.csv")
	rows := writeCampaignFile(b, path, n)
	dialect := storage.SQLite
	if os.Getenv("PINGYI_BENCH_DB") == "mysql" {
		dialect = storage.MySQL
	}
	db := storagetest.Open(b, dialect)
	s := newStore(b, db)
	ctx := context.Background()
	iteration := 0
	for b.Loop() {
		b.StopTimer()
		iteration++
		def := cityDefinition(b)
		def.Code = fmt.Sprintf("city%d", iteration)
		if _, err := s.Create(ctx, def, audit.Actor{Login: "admin"}); err != nil {
			b.Fatal(err)
		}
		s.SetStatus(ctx, def.Code, survey.Open, audit.Actor{Login: "admin"})
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.StartTimer()
		start, cpu := time.Now(), cputime.Start()
		peak := peakHeap(func() { _, err = s.ImportResponses(ctx, def.Code, f, tabular.CSV, audit.Actor{Login: "admin"}) })
		cpuSeconds := cpu.Seconds()
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		b.ReportMetric(float64(rows)/time.Since(start).Seconds(), "rows/s")
		b.ReportMetric(cpuSeconds, "cpu-s/op")
		b.ReportMetric(cputime.Load1(), "load1")
		b.Logf("%s: %d forms, %d rows in %s (%.1f CPU-s, load %.1f); peak heap %.0f MiB", dialect, n, rows,
			time.Since(start).Round(time.Millisecond), cpuSeconds, cputime.Load1(), float64(peak)/(1<<20))
	}
}
