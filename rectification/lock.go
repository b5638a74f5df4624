package rectification

import (
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"pingyi/storage"
)

// locked reads rows for update: on MySQL it takes a row lock, so two
// members acting on one task at once act one after the other; SQLite's
// write transactions are already serialised. The one place this package
// speaks a dialect.
func (s *Store) locked(tx *gorm.DB) *gorm.DB {
	if s.db.Dialect == storage.MySQL {
		return tx.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	return tx
}
