package audit_test

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// Entries appended together chain exactly as entries appended one by one.
func TestAppendAllChainsEveryEntry(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		log := newLog(t, db)
		appendN(t, db, log, 1)
		entries := make([]audit.Entry, 3)
		for i := range entries {
			entries[i] = audit.Entry{Actor: audit.Actor{Login: "kiosk"}, Action: "responses.submit", Object: "campaign:2026-annual", Detail: map[string]int{"form": i}}
		}
		if err := db.Tx(context.Background(), func(tx *gorm.DB) error { return log.AppendAll(tx, entries) }); err != nil {
			t.Fatal(err)
		}
		appendN(t, db, log, 1)
		n, brk, err := log.Verify(context.Background())
		if err != nil || brk != nil || n != 5 {
			t.Fatalf("chain with a group of entries: n=%d break=%v err=%v", n, brk, err)
		}
		got, err := log.List(context.Background(), "", 10)
		if err != nil || len(got) != 5 || got[2].Detail != `{"form":1}` || got[2].Seq != 3 {
			t.Fatalf("entries %+v %v", got, err)
		}
	})
}
