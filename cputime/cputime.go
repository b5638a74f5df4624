// Package cputime reads the CPU time this process has used, for benchmarks
// that must be compared on a machine other jobs share: wall time there
// measures the neighbours as much as the code, CPU time much less so.
package cputime

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Meter measures the CPU time used since it was started.
type Meter struct{ start time.Duration }

// Start starts a meter.
func Start() Meter { return Meter{start: used()} }

// Seconds returns the CPU seconds (user and system, all threads) used since
// the meter started, or 0 where the platform cannot tell.
func (m Meter) Seconds() float64 { return (used() - m.start).Seconds() }

// Load1 returns the machine's one-minute load average (0 where there is no
// /proc/loadavg), so that a figure can be reported with the load it was
// measured under.
func Load1() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	x, _ := strconv.ParseFloat(f[0], 64)
	return x
}

// Report adds the CPU seconds per operation since m started and the current
// load to b's results.
func (m Meter) Report(b *testing.B) {
	b.ReportMetric(m.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(Load1(), "load1")
}
