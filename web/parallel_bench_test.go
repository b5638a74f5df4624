package web_test

import (
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pingyi/cputime"
)

// runTimed runs do b.N times from parallelism clients per core and
// reports the CPU time per call, the 99th percentile latency and the calls
// per second under the name rate. do gets the call's number from 1; an
// error stops that client and fails the benchmark.
func runTimed(b *testing.B, parallelism int, rate string, do func(i int64) error) {
	var n atomic.Int64
	var mu sync.Mutex
	var all []time.Duration
	b.SetParallelism(parallelism)
	cpu := cputime.Start()
	start := time.Now()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			t := time.Now()
			if err := do(n.Add(1)); err != nil {
				b.Error(err)
				return
			}
			mine = append(mine, time.Since(t))
		}
		mu.Lock()
		all = append(all, mine...)
		mu.Unlock()
	})
	elapsed := time.Since(start)
	b.StopTimer()
	cpu.Report(b)
	slices.Sort(all)
	if len(all) > 0 {
		b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), rate)
}
