package storagetest

import (
	"testing"

	"pingyi/storage"
)

// RequireDurable refuses to measure a database that does not make every
// commit durable: SQLite with synchronous=FULL, InnoDB flushing its log at
// every commit. Benchmarks of write paths call it first.
func RequireDurable(b *testing.B, db *storage.DB) {
	if db.Dialect == storage.SQLite {
		var sync int
		db.Gorm.Raw("PRAGMA synchronous").Scan(&sync)
		if sync != 2 {
			b.Fatalf("SQLite synchronous=%d, want 2 (FULL)", sync)
		}
		b.Logf("sqlite: synchronous=FULL, journal_mode=WAL")
		return
	}
	var flush, binlog int
	var version string
	db.Gorm.Raw("SELECT @@innodb_flush_log_at_trx_commit, @@log_bin, VERSION()").Row().Scan(&flush, &binlog, &version)
	if flush != 1 {
		b.Fatalf("innodb_flush_log_at_trx_commit=%d, want 1", flush)
	}
	b.Logf("mysql: %s, innodb_flush_log_at_trx_commit=1, log_bin=%d", version, binlog)
}
