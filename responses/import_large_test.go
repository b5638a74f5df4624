package responses_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/survey/surveytest"
	"pingyi/tabular"
)

// largeRows is the size of the generated import: a million rows, as SPEC's
// scale asks, unless PINGYI_TEST_IMPORT_ROWS says otherwise (a quick run).
func largeRows(t *testing.T) int {
	if v := os.Getenv("PINGYI_TEST_IMPORT_ROWS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if testing.Short() {
		t.Skip("a million-row import is not short")
	}
	return 1_000_000
}

// cityDefinition is the spec example grown to a city's 82 units.
func cityDefinition(t testing.TB) survey.Definition {
	d := surveytest.ExampleDefinition(t)
	d.Code = "city"
	d.Units = nil
	for i := range 82 {
		d.Units = append(d.Units, survey.UnitDef{Code: fmt.Sprintf("U%03d", i+1), Name: fmt.Sprintf("单位%d", i+1),
			Category: d.Categories[i%len(d.Categories)].Code})
	}
	return d
}

// writeLargeFile writes rows of paper forms: each form rates 40 of the 82
// units on all four indicators (160 rows), and two forms' rows alternate,
// so no response's rows are adjacent. Every 25th form carries a comment.
func writeLargeFile(t *testing.T, path string, rows int) (responses int) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, "response_ref,group,unit_code,indicator_code,option,channel,weight,stratum,submitted_at,comment")
	inds := []string{"efficiency", "attitude", "quality", "overall"}
	opts := []string{"A", "B", "C", "D", "X", "满意", "比较满意"}
	written := 0
	for pair := 0; written < rows; pair++ {
		for u := 0; u < 40 && written < rows; u++ {
			for i, ind := range inds {
				for k := range 2 {
					if written == rows {
						break
					}
					n := 2*pair + k
					comment := ""
					if n%25 == 0 && i == 0 && u == 0 {
						comment = "窗口办事效率有待提高，建议增加周末服务"
					}
					fmt.Fprintf(w, "P-%07d,deputies,U%03d,%s,%s,paper,1.5,district-%d,2026-11-%02dT10:00:00+08:00,%s\n",
						n, (u*2+n)%82+1, ind, opts[(n+u+i)%len(opts)], n%7, n%28+1, comment)
					written++
				}
			}
		}
		responses = 2*pair + 2
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return responses
}

// peakHeap samples the heap in use while fn runs.
func peakHeap(fn func()) (peak uint64) {
	var mu sync.Mutex
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(25 * time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			mu.Lock()
			peak = max(peak, m.HeapInuse)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	return peak
}

// heapBound is what a million-row import may hold in heap at the most: the
// file is about 85 MB and its rows as Go strings would be several hundred MB,
// so staying under it shows the import streams.
const heapBound = 128 << 20

func TestAMillionRowImportStreamsInBoundedMemory(t *testing.T) {
	rows := largeRows(t)
	path := filepath.Join(t.TempDir(), "paper.csv")
	wantResponses := writeLargeFile(t, path, rows)
	info, _ := os.Stat(path)
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		if _, err := s.Create(ctx, cityDefinition(t), audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
		s.SetStatus(ctx, "city", survey.Open, audit.Actor{Login: "admin"})
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		runtime.GC()
		var res responses.ImportResult
		start := time.Now()
		peak := peakHeap(func() { res, err = s.ImportResponses(ctx, "city", f, tabular.CSV, audit.Actor{Login: "admin"}) })
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d rows (%.0f MB) → %d responses in %s; peak heap in use %.0f MiB",
			db.Dialect, rows, float64(info.Size())/1e6, res.Responses, time.Since(start).Round(time.Millisecond), float64(peak)/(1<<20))
		if res.Ratings != rows || res.Responses != wantResponses {
			t.Fatalf("imported %+v, want %d ratings in %d responses", res, rows, wantResponses)
		}
		if peak > heapBound {
			t.Fatalf("peak heap %d MiB, over %d MiB", peak>>20, heapBound>>20)
		}
		var n int64
		db.Gorm.Model(&responses.Response{}).Count(&n)
		if int(n) != wantResponses {
			t.Fatalf("%d responses stored", n)
		}
	})
}

// One bad row among a hundred thousand: nothing stored, that row named.
func TestOneBadRowAmongThousandsImportsNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "paper.csv")
	writeLargeFile(t, path, 100_000)
	raw, _ := os.ReadFile(path)
	// Line 54,321 gets a unit the campaign does not have.
	line, at := 1, 0
	for i, b := range raw {
		if b == '\n' {
			line++
			if line == 54321 {
				at = i + 1
				break
			}
		}
	}
	unitAt := at + len("P-0000000,deputies,")
	copy(raw[unitAt:], "U999")
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		s.Create(ctx, cityDefinition(t), audit.Actor{Login: "admin"})
		s.SetStatus(ctx, "city", survey.Open, audit.Actor{Login: "admin"})
		_, err := s.ImportResponses(ctx, "city", bytesReader(raw), tabular.CSV, audit.Actor{Login: "admin"})
		if err == nil || !containsProblem(err, "line 54321, column unit_code") {
			t.Fatalf("err = %v", err)
		}
		assertNoResponses(t, db)
	})
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

func containsProblem(err error, path string) bool {
	e, ok := fault.As(err)
	if !ok {
		return false
	}
	for _, p := range e.Problems {
		if p.Path == path {
			return len(e.Problems) == 1
		}
	}
	return false
}
