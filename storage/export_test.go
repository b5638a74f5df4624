package storage

// SmallJSONBatches makes SQLite's Upserter batches n rows long until the
// returned function restores them, so that a test of a few rows spans
// several.
func SmallJSONBatches(n int) (restore func()) {
	old := jsonRowsPerStatement
	jsonRowsPerStatement = n
	return func() { jsonRowsPerStatement = old }
}
