package audit_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

func newLog(t *testing.T, db *storage.DB) *audit.Log {
	keys, err := secret.New(bytes.Repeat([]byte{1}, secret.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	return audit.New(db, keys)
}

func appendN(t *testing.T, db *storage.DB, log *audit.Log, n int) {
	t.Helper()
	for i := range n {
		err := db.Tx(context.Background(), func(tx *gorm.DB) error {
			return log.Append(tx, audit.Entry{Actor: audit.Actor{Login: "admin"}, Action: "campaign.update", Object: "campaign:2026-annual", Detail: map[string]int{"i": i}})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestVerifyDetectsEveryKindOfTampering(t *testing.T) {
	tamper := []struct {
		name   string
		sql    string
		reason string
		seq    int64
	}{
		{"edited detail", "UPDATE audit_log SET detail = '{\"i\":99}' WHERE seq = 3", "changed", 3},
		{"edited actor", "UPDATE audit_log SET actor = 'someone' WHERE seq = 1", "changed", 1},
		{"deleted middle", "DELETE FROM audit_log WHERE seq = 2", "missing", 2},
		{"deleted newest", "DELETE FROM audit_log WHERE seq = 5", "ends at 4", 5},
		{"rehashed without the key", "UPDATE audit_log SET hash = prev_hash WHERE seq = 4", "changed", 4},
	}
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		for _, tt := range tamper {
			t.Run(tt.name, func(t *testing.T) {
				db := storagetest.Open(t, db.Dialect)
				log := newLog(t, db)
				appendN(t, db, log, 5)
				n, brk, err := log.Verify(context.Background())
				if err != nil || brk != nil || n != 5 {
					t.Fatalf("intact chain: n=%d break=%v err=%v", n, brk, err)
				}
				if err := db.Gorm.Exec(tt.sql).Error; err != nil {
					t.Fatal(err)
				}
				_, brk, err = log.Verify(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				if brk == nil || brk.Seq != tt.seq || !strings.Contains(brk.Reason, tt.reason) {
					t.Fatalf("break = %v, want entry %d (%s)", brk, tt.seq, tt.reason)
				}
			})
		}
	})
}

func TestConcurrentAppendsKeepOneChain(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		log := newLog(t, db)
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for g := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 10 {
					errs <- db.Tx(context.Background(), func(tx *gorm.DB) error {
						return log.Append(tx, audit.Entry{Actor: audit.Actor{Login: "u"}, Action: "a", Object: "o", Detail: []int{g, i}})
					})
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		n, brk, err := log.Verify(context.Background())
		if err != nil || brk != nil || n != 40 {
			t.Fatalf("n=%d break=%v err=%v", n, brk, err)
		}
	})
}

func TestAppendRollsBackWithItsTransaction(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		log := newLog(t, db)
		err := db.Tx(context.Background(), func(tx *gorm.DB) error {
			if err := log.Append(tx, audit.Entry{Actor: audit.Actor{Login: "u"}, Action: "a", Object: "o"}); err != nil {
				return err
			}
			return gorm.ErrInvalidData // the action itself failed
		})
		if err == nil {
			t.Fatal("transaction did not fail")
		}
		recs, err := log.List(context.Background(), "", 10)
		if err != nil || len(recs) != 0 {
			t.Fatalf("rolled-back action left %d audit entries (%v)", len(recs), err)
		}
		if _, brk, _ := log.Verify(context.Background()); brk != nil {
			t.Fatalf("chain broken after rollback: %v", brk)
		}
	})
}
