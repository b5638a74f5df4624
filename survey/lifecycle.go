package survey

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
)

// transitions lists the status changes a person may make. A campaign goes
// back to draft only while it has no responses (SetStatus checks), so the
// structure that stored answers refer to never changes under them.
// Publication is not here: only a quorum-approved score run publishes.
var transitions = map[Status][]Status{
	Draft:  {Open},
	Open:   {Closed, Draft},
	Closed: {Open, Review},
	Review: {Closed},
}

// SetStatus moves a campaign to another status.
func (s *Store) SetStatus(ctx context.Context, code string, to Status, actor string) (Campaign, error) {
	var c Campaign
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var err error
		if c, err = s.lockCampaign(tx, code, storage.ForUpdate); err != nil {
			return err
		}
		if !slices.Contains(transitions[c.Status], to) {
			return fault.Conflictf("campaign %q cannot go from %s to %s", code, c.Status, to)
		}
		if to == Draft {
			var n int64
			if err := tx.Model(&Response{}).Where("campaign_id = ?", c.ID).Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				return fault.Conflictf("campaign %q has %d responses and cannot go back to draft", code, n)
			}
		}
		from, now := c.Status, s.db.Now()
		c.Status, c.UpdatedAt = to, now
		switch to {
		case Open:
			c.OpenedAt = &now
		case Closed:
			c.ClosedAt = &now
		}
		if err := tx.Save(&c).Error; err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "campaign.status", Object: "campaign:" + code,
			Detail: map[string]Status{"from": from, "to": to}})
	})
	return c, err
}

// MarkPublished moves a campaign in review to published, inside the
// transaction that stores its publication. A published campaign stays
// published when a correction is published.
func MarkPublished(tx *gorm.DB, campaignID int64, at time.Time) error {
	res := tx.Model(&Campaign{}).Where("id = ? AND status IN ?", campaignID, []Status{Review, Published}).
		Updates(map[string]any{"status": Published, "updated_at": at})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return fault.Conflictf("only a campaign under review can be published")
	}
	return nil
}

// NextStatuses lists where a campaign in status from may go by hand.
func NextStatuses(from Status) []Status { return transitions[from] }
