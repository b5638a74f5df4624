package api_test

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"pingyi/cputime"
	"pingyi/storage"
)

// cpuMeters measure what a run of forms costs in processor time, which a
// machine shared with other jobs distorts far less than wall time: this
// process (the server and the load generator together) and, when the
// database server runs on this machine and its /proc entry is readable,
// mariadbd's own.
type cpuMeters struct {
	self    cputime.Meter
	dbPID   string
	dbStart float64
}

func startCPU(db *storage.DB) cpuMeters {
	m := cpuMeters{self: cputime.Start()}
	// Only a MySQL server answers this; on SQLite the query fails and the
	// database's time is already this process's.
	var pidFile string
	if db.Gorm.Raw("SELECT @@pid_file").Row().Scan(&pidFile) == nil && pidFile != "" {
		if b, err := os.ReadFile(pidFile); err == nil {
			m.dbPID = strings.TrimSpace(string(b))
		}
	}
	m.dbStart = processSeconds(m.dbPID)
	return m
}

// report adds cpu-ms/form (this process) and db-cpu-ms/form (the database
// server, when it can be read) to b's results, with the load.
func (m cpuMeters) report(b *testing.B, forms int) {
	b.ReportMetric(m.self.Seconds()*1000/float64(forms), "cpu-ms/form")
	if m.dbPID != "" {
		b.ReportMetric((processSeconds(m.dbPID)-m.dbStart)*1000/float64(forms), "db-cpu-ms/form")
	}
	b.ReportMetric(cputime.Load1(), "load1")
}

// processSeconds reads a process's user and system time from /proc, in
// the kernel's clock ticks of 1/100 s; 0 when it cannot.
func processSeconds(pid string) float64 {
	if pid == "" {
		return 0
	}
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0
	}
	// The command name, in parentheses, may hold spaces: count fields
	// after it. utime and stime are the 14th and 15th fields.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	user, _ := strconv.ParseFloat(f[11], 64)
	sys, _ := strconv.ParseFloat(f[12], 64)
	return (user + sys) / 100
}
