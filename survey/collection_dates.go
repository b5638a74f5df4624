package survey

import (
	"context"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
)

// SetCollectionDates records when a campaign's collection really ran, for
// a campaign loaded after the fact (last year's results, the demo's
// previous year): the status changes stamp the moment they are made,
// which for such a campaign is the loading, not the collection. Only a
// campaign whose collection is over may be dated, and only backwards.
func (s *Store) SetCollectionDates(ctx context.Context, code string, opened, closed time.Time, actor audit.Actor) error {
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		c, err := s.lockCampaign(tx, code, storage.ForUpdate)
		if err != nil {
			return err
		}
		switch {
		case c.Status != Closed && c.Status != Review:
			return fault.Conflictf("campaign %q is %s: collection dates are set once collection is over, before publication", code, c.Status)
		case !opened.Before(closed):
			return fault.Invalidf("collection must open before it closes")
		case closed.After(s.db.Now()):
			return fault.Invalidf("collection dates must lie in the past")
		}
		opened, closed = opened.UTC(), closed.UTC()
		c.OpenedAt, c.ClosedAt = &opened, &closed
		if err := tx.Save(&c).Error; err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "campaign.collection_dates", Object: "campaign:" + code,
			Detail: map[string]time.Time{"opened": opened, "closed": closed}})
	})
}
