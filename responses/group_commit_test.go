package responses_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
)

// Many forms at once, each idempotency key sent by several callers: one
// response per key, every caller with that response's receipt, each hook
// given its own response's id, every staff form audited once in an
// unbroken chain, whichever way the forms were grouped into commits.
func TestConcurrentSubmissionsKeepOneResponsePerKey(t *testing.T) {
	const keys, copies = 60, 4
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		openExample(t, s)
		ctx := context.Background()
		log := audit.New(db, keysOf(t))
		_, before, _ := log.Verify(ctx)
		if before != nil {
			t.Fatal(before)
		}
		auditedBefore := countRows(t, db, "audit_log")
		receipts := make([]responses.Receipt, keys*copies)
		errs := make([]error, len(receipts))
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range receipts {
			key := fmt.Sprintf("kiosk:%03d", i%keys)
			sub := goodSubmission()
			sub.IdempotencyKey = key
			sub.Answers[0].Option = []string{"A", "B", "C", "D"}[i%keys%4]
			if i%keys%3 == 0 {
				sub.Submitter = &audit.Actor{Login: "kiosk", Role: "operator"}
			}
			sub.InTx = func(tx *gorm.DB, id int64) error {
				var stored responses.Response
				if err := tx.Select("idempotency_key").Where("id = ?", id).Take(&stored).Error; err != nil {
					return err
				}
				if stored.IdempotencyKey == nil || *stored.IdempotencyKey != key {
					t.Errorf("the hook of %s was given response %d, which is another form's", key, id)
				}
				return nil
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				receipts[i], errs[i] = s.Submit(ctx, "2026-annual", sub)
			}()
		}
		close(start)
		wg.Wait()
		fresh := map[string]int{}
		for i, err := range errs {
			if err != nil {
				t.Fatalf("form %d: %v", i, err)
			}
			if first := receipts[i%keys]; receipts[i].Ref != first.Ref || !receipts[i].SubmittedAt.Equal(first.SubmittedAt) {
				t.Fatalf("key %d got receipts %+v and %+v", i%keys, first, receipts[i])
			}
			if !receipts[i].Replayed {
				fresh[receipts[i].Ref]++
			}
		}
		var rows []responses.Response
		db.Gorm.Order("id").Find(&rows)
		if len(rows) != keys || len(fresh) != keys {
			t.Fatalf("%d responses stored and %d receipts not marked replayed, want %d each", len(rows), len(fresh), keys)
		}
		for _, r := range rows {
			if fresh[r.Ref] != 1 {
				t.Fatalf("response %s was acknowledged as new %d times", r.Ref, fresh[r.Ref])
			}
		}
		if n := countRows(t, db, "response_comments"); n != keys {
			t.Fatalf("%d comments, want one per response (%d)", n, keys)
		}
		if n := countRows(t, db, "audit_log") - auditedBefore; n != keys/3 {
			t.Fatalf("%d staff submissions audited, want %d", n, keys/3)
		}
		if _, brk, err := log.Verify(ctx); brk != nil || err != nil {
			t.Fatalf("audit chain after grouped appends: %v %v", brk, err)
		}
	})
}

// Closing a campaign while forms pour in: every form acknowledged is
// stored, every form refused is refused as "not open" and not stored.
func TestClosingDuringSubmissionsLosesNoAcknowledgedForm(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		openExample(t, s)
		ctx := context.Background()
		const forms = 150
		receipts := make([]responses.Receipt, forms)
		errs := make([]error, forms)
		var wg sync.WaitGroup
		for i := range forms {
			wg.Add(1)
			go func() {
				defer wg.Done()
				receipts[i], errs[i] = s.Submit(ctx, "2026-annual", goodSubmission())
			}()
			if i == forms/2 {
				if _, err := s.SetStatus(ctx, "2026-annual", survey.Closed, audit.Actor{Login: "admin"}); err != nil {
					t.Fatal(err)
				}
			}
		}
		wg.Wait()
		acknowledged := 0
		for i, err := range errs {
			switch {
			case err == nil:
				acknowledged++
				var n int64
				db.Gorm.Model(&responses.Response{}).Where("ref = ?", receipts[i].Ref).Count(&n)
				if n != 1 {
					t.Fatalf("acknowledged form %s is not stored", receipts[i].Ref)
				}
			case !fault.Is(err, fault.Conflict):
				t.Fatalf("form %d: %v", i, err)
			}
		}
		if n := countRows(t, db, "responses"); n != int64(acknowledged) || acknowledged == forms {
			t.Fatalf("%d stored, %d of %d acknowledged", n, acknowledged, forms)
		}
	})
}

func countRows(t *testing.T, db *storage.DB, table string) int64 {
	t.Helper()
	var n int64
	if err := db.Gorm.Table(table).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
