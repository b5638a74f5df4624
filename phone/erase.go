package phone

import (
	"context"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/survey"
)

// eraseChunk entries are erased per statement, so that erasing ten million
// does not make one enormous transaction.
const eraseChunk = 50000

// Erase destroys the sealed numbers and names of a campaign's frame once
// the survey is over. First the frame's data key goes: from then on every
// copy of what it sealed is unreadable, wherever it lies. Then the sealed
// values themselves, and on SQLite the pages and the write-ahead log that
// held them (storage.Scrub), so not even ciphertext stays in the file —
// which also erases entries sealed under the master key before frames had
// keys of their own. Keys, strata, dispositions and the draw stay, so the
// draw can still be verified and the outcome rates reported; the match
// hashes stay too, so next year's draw can still leave out people called
// this year. It can be run again to finish an erasure that was cut short.
func (s *Store) Erase(ctx context.Context, code string, actor audit.Actor) (int64, error) {
	c, err := s.campaign(ctx, code)
	if err != nil {
		return 0, err
	}
	if c.Status == survey.Draft || c.Status == survey.Open {
		return 0, fault.Conflictf("campaign %q is %s: numbers can be erased only after collection closes", code, c.Status)
	}
	f, found, err := s.frameOf(s.db.WithContext(ctx), c.ID)
	if err != nil {
		return 0, err
	}
	if !found {
		return 0, fault.NotFoundf("campaign %q has no phone frame", code)
	}
	if err := s.db.WithContext(ctx).Where("frame_id = ?", f.ID).Delete(&frameKey{}).Error; err != nil {
		return 0, err
	}
	var bounds struct{ Lo, Hi int64 }
	if err := s.db.WithContext(ctx).Model(&entry{}).Select("COALESCE(MIN(id), 0) AS lo, COALESCE(MAX(id), -1) AS hi").
		Where("frame_id = ?", f.ID).Scan(&bounds).Error; err != nil {
		return 0, err
	}
	var erased int64
	for lo := bounds.Lo; lo <= bounds.Hi; lo += eraseChunk {
		res := s.db.WithContext(ctx).Model(&entry{}).
			Where("frame_id = ? AND id >= ? AND id < ? AND (phone_sealed IS NOT NULL OR name_sealed IS NOT NULL)", f.ID, lo, lo+eraseChunk).
			Updates(map[string]any{"phone_sealed": nil, "name_sealed": nil})
		if res.Error != nil {
			return erased, res.Error
		}
		erased += res.RowsAffected
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&f).Update("erased_at", s.db.Now()).Error; err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "phone.numbers.erase", Object: "campaign:" + code,
			Detail: map[string]any{"frame_entries": f.Entries, "erased": erased}})
	})
	if err != nil {
		return erased, err
	}
	return erased, s.db.Scrub(ctx)
}
