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

// configureSQLite gives SQLite the scratch slots, once per process. SQLite
// takes such settings only before its first connection opens; if one was
// opened some other way, it keeps its defaults and works as before.
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
	})
	return sqliteConfig.err
}
