package storage_test

import (
	"context"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// TestPageSplitsBorrowScratchSlots checks that SQLite took Pingyi's
// settings (it refuses them once a connection has opened) and that a page
// split borrows its scratch page from the slots rather than from the
// driver's allocator, which mapped and unmapped memory for each.
func TestPageSplitsBorrowScratchSlots(t *testing.T) {
	db := storagetest.Open(t, storage.SQLite)
	ctx := context.Background()
	if err := db.Gorm.Exec("CREATE TABLE split_probe (k TEXT PRIMARY KEY, v TEXT)").Error; err != nil {
		t.Fatal(err)
	}
	inUse, _ := storage.ScratchSlots() // and resets the most
	err := db.Tx(ctx, func(tx *gorm.DB) error {
		for i := 0; i < 2000; i++ {
			k := fmt.Sprintf("%08d", (i*7919)%2000) // out of order, so pages split in the middle
			if err := tx.Exec("INSERT INTO split_probe VALUES (?, ?)", k, fmt.Sprintf("%0200d", i)).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, most := storage.ScratchSlots(); most <= inUse {
		t.Errorf("page splits borrowed no scratch slot: %d in use before, at most %d during", inUse, most)
	}
}
