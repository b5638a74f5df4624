package storage

import (
	"fmt"
	"sync"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// scratchSlots of scratchSlotSize bytes serve SQLite's page-sized scratch
// buffers (SQLITE_CONFIG_PAGECACHE): every b-tree page split borrows one
// and gives it back. From the driver's allocator each borrow mapped a fresh
// 64 KiB of memory and each return unmapped it, about a tenth of the CPU of
// an import of a million appeal cases. Slots are exactly a page (4096,
// SQLite's default page size), so the page cache, whose lines are a little
// larger, never takes them; each open connection keeps one for good, so
// there are more slots than connections. Past the last slot SQLite falls
// back to malloc.
const (
	scratchSlotSize = 4096
	scratchSlots    = 64
)

var sqliteConfig struct {
	once sync.Once
	err  error
}

// configureSQLite gives SQLite the scratch slots and keeps the driver's
// allocator from unmapping its pages (keepAllocatorPages), once per
// process. SQLite takes such settings only before its first connection
// opens; if one was opened some other way, it keeps its defaults and works
// as before.
func configureSQLite() error {
	sqliteConfig.once.Do(func() {
		tls := libc.NewTLS()
		defer tls.Close()
		slots := libc.Xmalloc(tls, scratchSlotSize*scratchSlots) // SQLite's for the life of the process
		if slots == 0 {
			sqliteConfig.err = fmt.Errorf("sqlite: no memory for the scratch slots")
			return
		}
		va := libc.NewVaList(slots, int32(scratchSlotSize), int32(scratchSlots))
		defer libc.Xfree(tls, va)
		if rc := sqlite3.Xsqlite3_config(tls, sqlite3.SQLITE_CONFIG_PAGECACHE, va); rc != sqlite3.SQLITE_OK {
			libc.Xfree(tls, slots)
			sqliteConfig.err = fmt.Errorf("sqlite: scratch slots refused (code %d)", rc)
		}
		keepAllocatorPages(tls)
	})
	return sqliteConfig.err
}

// The driver's allocator serves blocks from 16 bytes to 16 KiB from
// shared pages of 64 KiB, one size (a power of two) to a page.
const (
	allocatorPage       = 1 << 16
	smallestSharedBlock = 1 << 4
	largestSharedBlock  = 1 << 14
)

// keptPages is how many pages keepAllocatorPages keeps of each size from 4
// KiB up: a page of 16 KiB blocks holds three, and an import's statement,
// a page split and the record it writes can want more of them at once.
const keptPages = 4

// keepAllocatorPages keeps one block on each of a few pages of every shared
// size for the life of the process. The allocator unmaps a shared page as
// soon as its last block is freed, and maps a new one for the next: a
// b-tree page split takes (and gives back) a few kilobytes of working
// space for its cell arrays, so splits mapped and unmapped 64 KiB again
// and again. At a million appeal cases that had come back as 16% of the
// CPU once statement journals were gone (2026-12-05). Larger blocks are
// mapped one by one whatever is kept.
func keepAllocatorPages(tls *libc.TLS) {
	for size := smallestSharedBlock; size <= largestSharedBlock; size *= 2 {
		pages := 1
		if size >= 4096 {
			pages = keptPages
		}
		kept := map[uintptr]bool{}
		var spare []uintptr
		for len(kept) < pages {
			p := libc.Xmalloc(tls, libc.Tsize_t(size))
			if p == 0 {
				break
			}
			if page := p &^ (allocatorPage - 1); !kept[page] {
				kept[page] = true // never freed
			} else {
				spare = append(spare, p)
			}
		}
		for _, p := range spare {
			libc.Xfree(tls, p)
		}
	}
}
