package storage

import (
	"context"
	"strings"
	"testing"

	"gorm.io/gorm"
)

// TestOnlyTheDriversConnectionGivesAHandle: a connection of another type,
// or one shaped like the driver's but from elsewhere, is refused rather
// than read; the driver's own, inside DB.Tx, gives a live handle.
func TestOnlyTheDriversConnectionGivesAHandle(t *testing.T) {
	type conn struct {
		db  uintptr
		tls uintptr
	}
	for _, c := range []any{nil, struct{}{}, &conn{db: 1}, new(int)} {
		if _, err := sqliteHandleOf(c); err == nil {
			t.Errorf("a handle read from %T", c)
		}
	}
	db, err := Open(context.Background(), "sqlite:"+t.TempDir()+"/handle.db", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Tx(context.Background(), func(tx *gorm.DB) error {
		h, err := sqliteHandleIn(tx)
		if err == nil && (h.db == 0 || h.tls == nil) {
			t.Errorf("an empty handle: %+v", h)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Gorm.Transaction(func(tx *gorm.DB) error {
		_, err := db.NewUpserter(context.Background(), tx, UpsertInto{Table: "t", Columns: []string{"a"}, Key: []string{"a"}})
		if err == nil || !strings.Contains(err.Error(), "DB.Tx") {
			t.Errorf("an Upserter outside DB.Tx: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
