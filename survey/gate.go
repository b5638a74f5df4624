package survey

import (
	"context"

	"gorm.io/gorm"

	"pingyi/storage"
)

// An open campaign has a gate row (migration 0125): every submission passes
// through it inside its transaction and every close deletes it. The pass
// is a row inserted and deleted again, whose foreign key to the gate puts
// the gate in the submission's write set; Galera certifies that against
// the close's deletion, cluster-wide, where the shared row lock that
// HoldCampaign also takes holds only on its own node. Passes refer to the
// gate without writing it, so submissions do not conflict with each other.

type gateRow struct{ CampaignID int64 }

func (gateRow) TableName() string { return "campaign_gates" }

type gatePass struct {
	ID         int64
	CampaignID int64
}

func (gatePass) TableName() string { return "campaign_gate_passes" }

// openGate lets submissions to campaign id in.
func openGate(tx *gorm.DB, id int64) error {
	return tx.Create(&gateRow{CampaignID: id}).Error
}

// closeGate shuts campaign id to submissions, on every node: one that read
// the campaign open and commits after this loses its certification. The
// close's announcement goes with it.
func closeGate(tx *gorm.DB, id int64) error {
	if err := tx.Where("campaign_id = ?", id).Delete(&gateRow{}).Error; err != nil {
		return err
	}
	return tx.Where("campaign_id = ?", id).Delete(&closingRow{}).Error
}

// passGate marks tx as relying on open campaign id staying open, leaving
// nothing behind.
func passGate(tx *gorm.DB, id int64) error {
	p := gatePass{CampaignID: id}
	if err := tx.Create(&p).Error; err != nil {
		return err
	}
	return tx.Delete(&p).Error
}

// closingRow announces that a campaign is being closed: submissions read
// it (without a lock, so that nothing they replicate touches it) and stop
// before the close itself locks what they lock.
type closingRow struct{ CampaignID int64 }

func (closingRow) TableName() string { return "campaign_closings" }

// closing reports whether campaign id's close is announced.
func closing(tx *gorm.DB, id int64) (bool, error) {
	var n int64
	err := tx.Model(&closingRow{}).Where("campaign_id = ?", id).Count(&n).Error
	return n > 0, err
}

// announceClose announces the close of campaign code, if it is open, in a
// statement of its own that no submission contends with, and returns its id
// (0 when the campaign is not open: the close will refuse it anyway).
func (s *Store) announceClose(ctx context.Context, code string) (int64, error) {
	return storage.Retry(func() (int64, error) {
		var c Campaign
		err := s.db.WithContext(ctx).Where("code = ?", code).Take(&c).Error
		if err != nil || c.Status != Open {
			return 0, nil // the close itself reports what is wrong
		}
		if err := s.db.WithContext(ctx).Create(&closingRow{CampaignID: c.ID}).Error; err != nil && !storage.IsDuplicate(err) {
			return 0, err
		}
		return c.ID, nil
	})
}

// withdrawClose takes back the announcement of a close that failed.
func (s *Store) withdrawClose(ctx context.Context, id int64) error {
	_, err := storage.Retry(func() (struct{}, error) {
		return struct{}{}, s.db.WithContext(ctx).Where("campaign_id = ?", id).Delete(&closingRow{}).Error
	})
	return err
}
