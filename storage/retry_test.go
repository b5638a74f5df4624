package storage_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// TestRetriedDeadlockIsQuiet forces a deadlock between two transactions
// (each holds one row and asks for the other's): the one InnoDB picks as
// the victim runs again through Tx and both commit; the log has no ERROR
// line and no statement, only debug lines naming the conflict.
func TestRetriedDeadlockIsQuiet(t *testing.T) {
	if len(storagetest.Backends()) < 2 {
		t.Skip("needs MariaDB: set " + storagetest.EnvMySQL)
	}
	var logs syncBuffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	db, err := storage.Open(context.Background(), storagetest.DSN(t, storage.MySQL), storage.Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	must(t, db.Gorm.Exec("CREATE TABLE pair (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB").Error)
	must(t, db.Gorm.Exec("INSERT INTO pair VALUES (1, 0), (2, 0)").Error)

	before := storage.RetriedConflicts()
	var both sync.WaitGroup
	both.Add(2)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, order := range [][2]int{{1, 2}, {2, 1}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			first := true
			errs[i] = db.Tx(ctx, func(tx *gorm.DB) error {
				if err := tx.Exec("UPDATE pair SET n = n + 1 WHERE id = ?", order[0]).Error; err != nil {
					return err
				}
				if first { // both hold their first row before either asks for the second
					first = false
					both.Done()
					both.Wait()
					time.Sleep(50 * time.Millisecond)
				}
				return tx.Exec("UPDATE pair SET n = n + 1 WHERE id = ?", order[1]).Error
			})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("transaction %d: %v", i, err)
		}
	}
	var sum int
	must(t, db.Gorm.Raw("SELECT SUM(n) FROM pair").Scan(&sum).Error)
	if sum != 4 {
		t.Errorf("sum of counters = %d, want 4 (each transaction added 2 once)", sum)
	}
	if got := storage.RetriedConflicts() - before; got < 1 {
		t.Errorf("retried conflicts = %d, want at least 1: no deadlock happened", got)
	}
	out := logs.String()
	if !strings.Contains(out, "level=DEBUG") || !strings.Contains(out, "1213") {
		t.Errorf("the retry should leave a debug line naming 1213; log:\n%s", out)
	}
	for _, bad := range []string{"level=ERROR", "UPDATE", "pair", "Deadlock found"} {
		if strings.Contains(out, bad) {
			t.Errorf("log holds %q:\n%s", bad, out)
		}
	}
}

// TestRetryGivesUp bounds the retries: a transaction that conflicts every
// time runs five times and returns the conflict.
func TestRetryGivesUp(t *testing.T) {
	runs := 0
	_, err := storage.Retry(func() (int, error) {
		runs++
		return 0, errBusy{}
	})
	if err == nil || runs != 5 {
		t.Errorf("runs = %d, err = %v; want 5 runs and the error", runs, err)
	}
}

type errBusy struct{}

func (errBusy) Error() string { return "database is locked (SQLITE_BUSY)" }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
