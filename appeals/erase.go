package appeals

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
)

// Contact reveals a case's whole contact to the dispatcher who must call
// the person back; every reveal is audited (without the contact).
func (s *Store) Contact(ctx context.Context, id int64, actor audit.Actor) (string, error) {
	var contact string
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var c caseRow
		if err := tx.Where("id = ?", id).Take(&c).Error; err != nil {
			if storage.IsNotFound(err) {
				return fault.NotFoundf("no appeal case %d", id)
			}
			return err
		}
		contact = s.openContact(tx, c)
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "appeal.contact_view", Object: "appeal:" + c.ref()})
	})
	return contact, err
}

// EraseContacts destroys a ledger year's data key, which makes every
// contact sealed under it unreadable wherever a copy of it lies, and
// clears the sealed values from the cases as well.
func (s *Store) EraseContacts(ctx context.Context, year int, actor audit.Actor) (int64, error) {
	var erased int64
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&caseRow{}).Where("contact_year = ?", year).
			Updates(map[string]any{"contact_sealed": nil, "contact_year": nil})
		if res.Error != nil {
			return res.Error
		}
		erased = res.RowsAffected
		if err := tx.Where("year = ?", year).Delete(&ledgerKey{}).Error; err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "appeal.erase_contacts",
			Object: fmt.Sprintf("appeals:%d", year), Detail: map[string]any{"cases": erased}})
	})
	return erased, err
}
