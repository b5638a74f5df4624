package phone

import (
	"context"
	"database/sql"
	"os"
	"testing"
	"time"

	mysqldriver "github.com/go-sql-driver/mysql"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// Giving back a case one does not hold, or one that does not exist, is
// refused rather than answered as done; giving back one's own case puts it
// back in the queue.
func TestGiveBackOnlyWhatOneHolds(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		f.drawn(frameCSV([]string{"U001"}, 2), PlanInput{Method: "equal", Completes: 2, ResponseRate: 1, Replicates: 1})
		ops := f.operators(2)
		a, err := f.store.Next(f.ctx, campaign, audit.Actor{ID: ops[0]})
		if err != nil || a == nil {
			t.Fatalf("claim: %v", err)
		}
		if err := f.store.GiveBack(f.ctx, campaign, audit.Actor{ID: ops[1]}, a.ID); !fault.Is(err, fault.Conflict) {
			t.Fatalf("giving back another operator's case: %v", err)
		}
		if err := f.store.GiveBack(f.ctx, campaign, audit.Actor{ID: ops[0]}, a.ID+1000); !fault.Is(err, fault.NotFound) {
			t.Fatalf("giving back no case: %v", err)
		}
		if err := f.store.GiveBack(f.ctx, campaign, audit.Actor{ID: ops[0]}, a.ID); err != nil {
			t.Fatalf("giving back one's own case: %v", err)
		}
		if err := f.store.GiveBack(f.ctx, campaign, audit.Actor{ID: ops[0]}, a.ID); !fault.Is(err, fault.Conflict) {
			t.Fatalf("giving back a case twice: %v", err)
		}
		var owner *int64
		db.Gorm.Raw("SELECT lease_owner FROM phone_cases WHERE id = ?", a.ID).Scan(&owner)
		if owner != nil {
			t.Fatalf("the given-back case is still held by %d", *owner)
		}
	})
}

// A give-back that meets another writer's lock waits it out. On MySQL the
// lock outlasts the wait (error 1205, retried like a deadlock, 1213), and
// the give-back is tried again rather than failed; on SQLite, writers
// queue on the busy timeout.
func TestGiveBackOutlastsALock(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		f.drawn(frameCSV([]string{"U001"}, 1), PlanInput{Method: "equal", Completes: 1, ResponseRate: 1, Replicates: 1})
		ops := f.operators(1)
		a, err := f.store.Next(f.ctx, campaign, audit.Actor{ID: ops[0]})
		if err != nil || a == nil {
			t.Fatalf("claim: %v", err)
		}
		commit := holdCaseRow(t, db, a.ID)
		go func() { time.Sleep(1500 * time.Millisecond); commit() }()
		start := time.Now()
		if err := f.store.GiveBack(f.ctx, campaign, audit.Actor{ID: ops[0]}, a.ID); err != nil {
			t.Fatalf("give-back through a lock: %v", err)
		}
		if waited := time.Since(start); waited < time.Second {
			t.Fatalf("the give-back took %v: it never met the lock", waited)
		}
	})
}

// holdCaseRow locks a case's row in a transaction of another connection,
// and returns its commit. On MySQL the store's one connection is made to
// wait only one second for a lock, so that the give-back meets error 1205.
func holdCaseRow(t *testing.T, db *storage.DB, caseID int64) (commit func()) {
	t.Helper()
	ctx := context.Background()
	if _, onFile := db.File(); onFile {
		pool, _ := db.Gorm.DB()
		conn, err := pool.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
			t.Fatal(err)
		}
		return func() { conn.ExecContext(ctx, "COMMIT"); conn.Close() }
	}
	pool, _ := db.Gorm.DB()
	pool.SetMaxOpenConns(1)
	db.Gorm.Exec("SET SESSION innodb_lock_wait_timeout = 1")
	var wait int
	if db.Gorm.Raw("SELECT @@innodb_lock_wait_timeout").Scan(&wait); wait != 1 {
		t.Fatalf("lock wait timeout %d", wait)
	}
	var name string
	db.Gorm.Raw("SELECT DATABASE()").Scan(&name)
	cfg, err := mysqldriver.ParseDSN(os.Getenv(storagetest.EnvMySQL))
	if err != nil {
		t.Fatal(err)
	}
	cfg.DBName = name
	other, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("SELECT id FROM phone_cases WHERE id = ? FOR UPDATE", caseID); err != nil {
		t.Fatal(err)
	}
	return func() { tx.Commit(); other.Close() }
}
