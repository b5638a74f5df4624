package phone

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"os"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pingyi/audit"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/tabular"
)

// envInt reads a size for the opt-in large tests and benchmarks.
func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// backend is the back end a benchmark runs on: PINGYI_BENCH_DB=mysql picks
// MariaDB (PINGYI_TEST_MYSQL_DSN), anything else SQLite.
func backend() storage.Dialect {
	if os.Getenv("PINGYI_BENCH_DB") == "mysql" {
		return storage.MySQL
	}
	return storage.SQLite
}

// TestLargeFrameImportMemory imports PINGYI_FRAME_ROWS generated rows (1 %
// of them invalid) from a stream, never held whole, and reports the peak
// heap and resident memory. Opt-in: it takes minutes at a million rows.
//
//	PINGYI_FRAME_ROWS=1000000 go test ./phone -run LargeFrameImport -v -timeout 1h
func TestLargeFrameImportMemory(t *testing.T) {
	rows := envInt("PINGYI_FRAME_ROWS", 0)
	if os.Getenv("PINGYI_FRAME_ROWS") == "" {
		t.Skip("set PINGYI_FRAME_ROWS to run")
	}
	f := newFixture(t, storagetest.Open(t, backend()))
	pr, pw := io.Pipe()
	go func() {
		units := []string{"U001", "U002", "U003", "U003-1"}
		w := &strings.Builder{}
		w.WriteString("单位编码,手机号,姓名,服务日期,区县\n")
		for i := range rows {
			phone := fmt.Sprintf("1%d%09d", 3+i%7, i)
			if i%100 == 99 {
				phone = phone[:9] // too short: reported and skipped
			}
			fmt.Fprintf(w, "%s,%s,用户%d,2026-%02d-%02d,历下区\n", units[i%len(units)], phone, i, 1+i%12, 1+i%28)
			if w.Len() > 64<<10 {
				io.WriteString(pw, w.String())
				w.Reset()
			}
		}
		io.WriteString(pw, w.String())
		pw.Close()
	}()
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
	start := time.Now()
	res, err := f.store.ImportFrame(f.ctx, campaign, "large.csv", pr, tabular.CSV, audit.Actor{Login: "bench"})
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != rows-rows/100 || res.Invalid != rows/100 || len(res.Skipped) != maxListed {
		t.Fatalf("%+v", res)
	}
	t.Logf("%s: %d rows in %s; added %d, %d invalid reported; peak heap in use %.1f MiB, peak RSS %s",
		f.db.Dialect, rows, time.Since(start).Round(time.Millisecond), res.Added, res.Invalid, float64(peak.Load())/(1<<20), vmHWM())
}

// vmHWM is the process's peak resident set, from /proc.
func vmHWM() string {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// benchFrame fills a frame with n entries over 3,700 strata (sizes vary
// from about 600 to 4,800, as in sampling's BenchmarkDraw) without going
// through the import: keys are random hex, as HMACs are, and there are no
// sealed numbers, as after erasure. Rows are inserted in key order.
func benchFrame(tb testing.TB, f *fixture, n int) Frame {
	tb.Helper()
	c, _ := f.store.campaign(f.ctx, campaign)
	fr := Frame{CampaignID: c.ID, CreatedAt: f.db.Now(), Entries: int64(n)}
	if err := f.db.Gorm.Create(&fr).Error; err != nil {
		tb.Fatal(err)
	}
	imp := ImportRecord{FrameID: fr.ID, FileName: "bench", ImportedBy: "bench", ImportedAt: f.db.Now()}
	f.db.Gorm.Create(&imp)
	const strata = 3700
	sizes := make([]int, strata)
	left := n
	for h := range sizes {
		sizes[h] = max(1, (600+h*7919%4205)*n/10_000_000)
		if h == strata-1 || sizes[h] > left {
			sizes[h] = left
		}
		left -= sizes[h]
	}
	// The values are generated here, hex and stratum codes, so they go
	// into the statements as literals: binding ten million parameters
	// costs the SQLite driver more than storing the rows.
	tx := f.db.Gorm.Begin()
	var b strings.Builder
	rows := 0
	flush := func() {
		if rows == 0 {
			return
		}
		if err := tx.Exec("INSERT INTO phone_frame_entries (frame_id, import_id, line, stratum, phone_key, match_hash) VALUES " +
			strings.TrimSuffix(b.String(), ",")).Error; err != nil {
			tb.Fatal(err)
		}
		b.Reset()
		rows = 0
	}
	raw := make([]byte, 32)
	for h, size := range sizes {
		stratum := fmt.Sprintf("S%04d", h)
		keys := make([]string, size)
		for i := range keys {
			rand.Read(raw)
			keys[i] = hex.EncodeToString(raw)
		}
		sort.Strings(keys)
		for i, k := range keys {
			fmt.Fprintf(&b, "(%d,%d,%d,'%s','%s','%s'),", fr.ID, imp.ID, i+2, stratum, k, k)
			if rows++; rows == 2000 {
				flush()
			}
		}
	}
	flush()
	if err := tx.Commit().Error; err != nil {
		tb.Fatal(err)
	}
	return fr
}

// BenchmarkDrawFromDatabase draws 200,000 cases (proportional, at least 20
// per stratum) from a frame of PINGYI_BENCH_FRAME entries (default 100,000;
// 10,000,000 for the README's figure) stored in the database, end to end:
// plan (frame streamed and digested, allocation, commitment), execute
// (frame streamed again, priorities, selection, 200,000 cases inserted with
// their entries looked up) and verify (streamed and re-derived once more).
//
//	PINGYI_BENCH_FRAME=10000000 go test ./phone -run '^$' -bench DrawFromDatabase -benchtime 1x -timeout 3h
func BenchmarkDrawFromDatabase(b *testing.B) {
	n := envInt("PINGYI_BENCH_FRAME", 100_000)
	f := newFixture(b, storagetest.Open(b, backend()))
	start := time.Now()
	fr := benchFrame(b, f, n)
	b.Logf("%s: a frame of %d entries stored in %s", f.db.Dialect, n, time.Since(start).Round(time.Second))
	sample := min(200_000, n/5)
	plan := PlanInput{Method: "proportional", Completes: sample, Minimum: min(20, sample/3700), ResponseRate: 1, Replicates: 4}
	reset := func() {
		for _, q := range []string{"DELETE FROM phone_cases", "DELETE FROM phone_draw_strata", "DELETE FROM phone_draws"} {
			f.db.Gorm.Exec(q)
		}
		f.db.Gorm.Exec("UPDATE phone_frames SET frozen_at = NULL WHERE id = ?", fr.ID)
	}
	var d Draw
	for _, step := range []string{"plan", "execute", "verify"} {
		b.Run(step, func(b *testing.B) {
			for b.Loop() {
				var err error
				switch step {
				case "plan":
					b.StopTimer()
					reset()
					b.StartTimer()
					d, err = f.store.Plan(f.ctx, campaign, plan, audit.Actor{Login: "bench"})
				case "execute":
					b.StopTimer()
					reset()
					f.store.Plan(f.ctx, campaign, plan, audit.Actor{Login: "bench"})
					f.store.Witness(f.ctx, campaign, f.calledOut("bench"), audit.Actor{Login: "bench"})
					b.StartTimer()
					d, err = f.store.Execute(f.ctx, campaign, audit.Actor{Login: "bench"})
				case "verify":
					var v Verification
					v, err = Verify(f.ctx, f.db, d.ID)
					if err == nil && !v.Identical() {
						b.Fatal("not identical")
					}
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	var cases int64
	f.db.Gorm.Model(&phoneCase{}).Count(&cases)
	b.Logf("%s: %d cases drawn from %d entries", f.db.Dialect, cases, d.FrameEntries)
}

// BenchmarkNextCase measures how long an operator waits for the next case
// while 100 operators work the queue at once: each asks for a case, records
// a no-answer (so the case returns to the queue) and asks again. It reports
// the median and 99th percentile of the Next calls, and the cycles (Next
// and Record) per second. "saturated" asks again at once, the worst case;
// "paced" waits a random 0–2 s between calls, which is still some sixty
// times faster than operators who spend a minute or more on each number;
// its operators also start at random moments within those 2 s, as a shift
// does, since 100 first calls at one instant are a burst no call centre
// makes, and that burst alone would be the paced p99.
//
//	go test ./phone -run '^$' -bench NextCase -benchtime 3000x
//	PINGYI_BENCH_DB=mysql PINGYI_TEST_MYSQL_DSN='root@tcp(127.0.0.1:3306)/test' go test ./phone -run '^$' -bench NextCase -benchtime 3000x
func BenchmarkNextCase(b *testing.B) {
	const operators = 100
	f := newFixture(b, storagetest.Open(b, backend()))
	f.drawn(frameCSV([]string{"U001", "U002", "U003", "U003-1"}, 2500), PlanInput{Method: "equal", Completes: 10_000, ResponseRate: 1, Replicates: 1})
	f.rules(SettingsInput{MinIntervalMinutes: 0, MaxAttempts: 30})
	ops := f.operators(operators)
	for _, think := range []time.Duration{0, 2 * time.Second} {
		name := "saturated"
		if think > 0 {
			name = "paced"
		}
		b.Run(name, func(b *testing.B) {
			var next atomic.Int64
			var mu sync.Mutex
			var waits []time.Duration
			b.SetParallelism((operators + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				op := ops[int(next.Add(1)-1)%operators]
				rng := mrand.New(mrand.NewPCG(uint64(op), 1))
				var mine []time.Duration
				if think > 0 {
					time.Sleep(time.Duration(rng.Int64N(int64(think))))
				}
				for pb.Next() {
					t0 := time.Now()
					c, err := f.store.Next(f.ctx, campaign, audit.Actor{ID: op})
					mine = append(mine, time.Since(t0))
					if err != nil || c == nil {
						b.Errorf("next: %v %v", c, err)
						return
					}
					if _, err := f.store.Record(f.ctx, campaign, audit.Actor{ID: op}, c.ID, Outcome{Disposition: "3.13"}); err != nil {
						b.Errorf("record: %v", err)
						return
					}
					if think > 0 {
						time.Sleep(time.Duration(rng.Int64N(int64(think))))
					}
				}
				mu.Lock()
				waits = append(waits, mine...)
				mu.Unlock()
			})
			elapsed := time.Since(start)
			slices.Sort(waits)
			if len(waits) > 0 {
				p := func(q float64) float64 { return float64(waits[int(q*float64(len(waits)-1))].Microseconds()) / 1000 }
				b.ReportMetric(p(0.5), "p50-ms")
				b.ReportMetric(p(0.99), "p99-ms")
				b.ReportMetric(float64(len(waits))/elapsed.Seconds(), "cycles/s")
			}
		})
	}
}
