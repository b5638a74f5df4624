package survey

import (
	"context"
	"errors"
	"slices"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
)

// transitions lists the status changes a person may make. A campaign goes
// back to draft only while it has no responses (the responses package
// checks, through AddStatusCheck), so the structure that stored answers
// refer to never changes under them.
// Publication is not here: only a quorum-approved score run publishes.
var transitions = map[Status][]Status{
	Draft:  {Open},
	Open:   {Closed, Draft},
	Closed: {Open, Review},
	Review: {Closed},
}

// SetStatus moves a campaign to another status.
//
// A close first announces itself (announceClose), so that submissions stop
// coming before it locks what they lock, and then waits for those already
// under way between its attempts: on a cluster each submission replicated
// from another node aborts a close holding the rows it needs, and under a
// steady stream of them a close without the announcement lost every
// attempt (the cluster test). Should the close fail, the announcement is
// withdrawn.
func (s *Store) SetStatus(ctx context.Context, code string, to Status, actor audit.Actor) (Campaign, error) {
	if to != Closed {
		return s.setStatus(ctx, code, to, actor)
	}
	announced, err := s.announceClose(ctx, code)
	if err != nil {
		return Campaign{}, err
	}
	attempt := 0
	c, err := storage.Retry(func() (Campaign, error) {
		if attempt++; attempt > 1 {
			time.Sleep(time.Duration(attempt) * 50 * time.Millisecond)
		}
		return s.setStatus(ctx, code, to, actor)
	})
	if err != nil && announced != 0 {
		return c, errors.Join(err, s.withdrawClose(ctx, announced))
	}
	return c, err
}

func (s *Store) setStatus(ctx context.Context, code string, to Status, actor audit.Actor) (Campaign, error) {
	var c Campaign
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var err error
		if c, err = s.lockCampaign(tx, code, storage.ForUpdate); err != nil {
			return err
		}
		if !slices.Contains(transitions[c.Status], to) {
			return fault.Conflictf("campaign %q cannot go from %s to %s", code, c.Status, to)
		}
		s.mu.Lock()
		checks := s.statusChecks
		s.mu.Unlock()
		for _, check := range checks {
			if err := check(tx, c, to); err != nil {
				return err
			}
		}
		if err := moveGate(tx, c, to); err != nil {
			return err
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

// moveGate opens the campaign's gate when it opens and closes it when it
// stops being open.
func moveGate(tx *gorm.DB, c Campaign, to Status) error {
	switch {
	case to == Open:
		return openGate(tx, c.ID)
	case c.Status == Open:
		return closeGate(tx, c.ID)
	}
	return nil
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

// StatusCheck may refuse a status change inside its transaction, with the
// campaign row locked: a package whose rows rest on a campaign's status
// says here when it must not move.
type StatusCheck func(tx *gorm.DB, c Campaign, to Status) error

// AddStatusCheck has every later SetStatus call check first. Stores that
// depend on this one add theirs when they are made, so no wiring can
// leave one out.
func (s *Store) AddStatusCheck(check StatusCheck) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.statusChecks = append(s.statusChecks, check)
}

// NextStatuses lists where a campaign in status from may go by hand.
func NextStatuses(from Status) []Status { return transitions[from] }
