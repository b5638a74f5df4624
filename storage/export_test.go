package storage

import (
	"runtime"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// SmallSQLiteBatches makes SQLite's Upserter batches n rows long until the
// returned function restores them, so that a test of a few rows spans
// several.
func SmallSQLiteBatches(n int) (restore func()) {
	old := sqliteRowsPerBatch
	sqliteRowsPerBatch = n
	return func() { sqliteRowsPerBatch = old }
}

// ScratchSlots reads how many of SQLite's scratch slots are in use and the
// most that have been since the last call.
func ScratchSlots() (inUse, most int) {
	tls := libc.NewTLS()
	defer tls.Close()
	cur, high := new(int32), new(int32) // on the heap, which does not move
	sqlite3.Xsqlite3_status(tls, sqlite3.SQLITE_STATUS_PAGECACHE_USED,
		uintptr(unsafe.Pointer(cur)), uintptr(unsafe.Pointer(high)), 1)
	runtime.KeepAlive(cur)
	runtime.KeepAlive(high)
	return int(*cur), int(*high)
}
