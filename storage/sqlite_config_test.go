package storage_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"gorm.io/gorm"
	"modernc.org/libc"

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

// TestFreedBlocksKeepTheirPage frees, in each size the driver's allocator
// shares pages for, the only block a test took, and finds its memory still
// mapped: the allocator would unmap a page once its last block is freed,
// and map one again for the next, at every b-tree page split.
func TestFreedBlocksKeepTheirPage(t *testing.T) {
	storagetest.Open(t, storage.SQLite) // configures SQLite, once per process
	tls := libc.NewTLS()
	defer tls.Close()
	for size := 16; size <= 16384; size *= 2 {
		p := libc.Xmalloc(tls, libc.Tsize_t(size))
		if p == 0 {
			t.Fatalf("no memory for %d bytes", size)
		}
		libc.Xfree(tls, p)
		if !mapped(t, p) {
			t.Errorf("a freed block of %d bytes took its page with it", size)
		}
	}
}

// mapped reports whether address p lies in one of the process's mappings.
func mapped(t *testing.T, p uintptr) bool {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		t.Fatalf("no /proc/self/maps: %v", err)
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		span, _, _ := strings.Cut(lines.Text(), " ")
		from, to, _ := strings.Cut(span, "-")
		lo, err1 := strconv.ParseUint(from, 16, 64)
		hi, err2 := strconv.ParseUint(to, 16, 64)
		if err1 == nil && err2 == nil && uint64(p) >= lo && uint64(p) < hi {
			return true
		}
	}
	return false
}
