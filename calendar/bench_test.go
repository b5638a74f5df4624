package calendar_test

import (
	"testing"
	"time"

	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// The appeals rates ask for a deadline per case, millions of times: no
// query may allocate.
func TestQueriesDoNotAllocate(t *testing.T) {
	d := newFixture(t, storagetest.Open(t, storage.SQLite)).load()
	start := day("2025-09-30")
	allocs := testing.AllocsPerRun(1000, func() {
		d.AddWorkingDays(start, 15)
		d.AddWorkingDays(start.AddDate(6, 0, 0), 15)
		d.PeriodEnd(start, 30)
		d.IsWorkingDay(start)
		d.Known(2025)
	})
	if allocs != 0 {
		t.Errorf("%v allocations per round of queries, want 0", allocs)
	}
}

func BenchmarkAddWorkingDays(b *testing.B) {
	d := newFixture(b, storagetest.Open(b, storage.SQLite)).load()
	start := day("2024-01-01")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		d.AddWorkingDays(start.Add(time.Duration(i%1500)*24*time.Hour), 1+i%15)
	}
}

func BenchmarkPeriodEnd(b *testing.B) {
	d := newFixture(b, storagetest.Open(b, storage.SQLite)).load()
	start := day("2024-01-01")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		d.PeriodEnd(start.Add(time.Duration(i%1500)*24*time.Hour), 30)
	}
}
