package appeals

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"pingyi/secret"
	"pingyi/storage"
)

// ledgerKey is a ledger year's data key, wrapped by the master key.
type ledgerKey struct {
	Year      int `gorm:"primaryKey;autoIncrement:false"`
	Wrapped   []byte
	CreatedAt time.Time
}

func (ledgerKey) TableName() string { return "appeal_keys" }

func keyLabel(year int) string { return fmt.Sprintf("appeals:%d", year) }

// yearKey returns the data key of a ledger year, creating it on first use.
// Two processes creating it at once meet at the primary key; the loser
// reads the winner's.
func (s *Store) yearKey(tx *gorm.DB, year int) (*secret.DataKey, error) {
	var k ledgerKey
	err := tx.Where("year = ?", year).Take(&k).Error
	if storage.IsNotFound(err) {
		dk, wrapped := s.keys.NewDataKey(keyLabel(year))
		k = ledgerKey{Year: year, Wrapped: wrapped, CreatedAt: s.db.Now()}
		if err := tx.Create(&k).Error; err == nil {
			return dk, nil
		} else if !storage.IsDuplicate(err) {
			return nil, err
		}
		err = tx.Where("year = ?", year).Take(&k).Error
	}
	if err != nil {
		return nil, err
	}
	return s.keys.OpenDataKey(keyLabel(year), k.Wrapped)
}

// openContact returns a case's contact, or "" when it has none or its
// year's key was destroyed (the contact is erased).
func (s *Store) openContact(q *gorm.DB, c caseRow) string {
	if c.ContactYear == nil || len(c.ContactSealed) == 0 {
		return ""
	}
	var k ledgerKey
	if err := q.Where("year = ?", *c.ContactYear).Take(&k).Error; err != nil {
		return ""
	}
	dk, err := s.keys.OpenDataKey(keyLabel(k.Year), k.Wrapped)
	if err != nil {
		return ""
	}
	plain, err := dk.Open(c.ContactSealed)
	if err != nil {
		return ""
	}
	return string(plain)
}

// Mask shows a contact as staff screens may: 138****1234; a short one
// keeps only its last two characters.
func Mask(contact string) string {
	r := []rune(contact)
	switch {
	case len(r) == 0:
		return ""
	case len(r) >= 8:
		return string(r[:3]) + "****" + string(r[len(r)-4:])
	case len(r) > 2:
		return "****" + string(r[len(r)-2:])
	}
	return "****"
}
