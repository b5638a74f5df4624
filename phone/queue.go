package phone

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/sampling"
	"pingyi/storage"
	"pingyi/survey"
)

// Case is what the console shows the operator who holds a case: the one
// place a number is shown unmasked.
type Case struct {
	ID             int64
	Unit           string // the stratum: the unit that served the person
	Phone          sampling.Phone
	Name           string
	ServiceDate    string
	District       string
	Replicate      int
	Attempts       []Attempt // the earlier attempts, oldest first
	AppointmentAt  *time.Time
	LeaseExpiresAt time.Time
}

// errRaced means another claimer won the candidate case; the claim runs
// again.
var errRaced = errors.New("case taken by another operator")

// Current returns the case the operator holds in the campaign, renewing
// its lease, or nil when they hold none (or their hold expired).
func (s *Store) Current(ctx context.Context, code string, op audit.Actor) (*Case, error) {
	operatorID := op.ID
	c, err := s.campaign(ctx, code)
	if err != nil {
		return nil, err
	}
	set, err := s.settingsOf(s.db.WithContext(ctx), c.ID)
	if err != nil {
		return nil, err
	}
	now := s.db.Now()
	var pc phoneCase
	err = s.db.WithContext(ctx).Where("campaign_id = ? AND lease_owner = ? AND status = ? AND lease_expires_at >= ?", c.ID, operatorID, Open, now).
		Take(&pc).Error
	if storage.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	// Renewed only if still theirs: the hold cannot have been taken over
	// in between, since it had not expired.
	expires := now.Add(set.Lease)
	if err := s.db.WithContext(ctx).Model(&phoneCase{}).Where("id = ? AND lease_owner = ?", pc.ID, operatorID).
		Update("lease_expires_at", expires).Error; err != nil {
		return nil, err
	}
	pc.LeaseExpiresAt = &expires
	return s.caseView(ctx, pc)
}

// Next gives the operator the case they hold, or claims the next one: due
// appointments first, then the case waiting longest, the first cases of
// every unit before the second of any. It returns nil when no case is due.
// Outside calling hours only a case already held is given. The claim is a
// row lock (SKIP LOCKED on MySQL, so operators do not queue behind each
// other) and a conditional update of the lease, so no two operators ever
// hold one case, in one process or many.
func (s *Store) Next(ctx context.Context, code string, op audit.Actor) (*Case, error) {
	operatorID := op.ID
	c, err := s.campaign(ctx, code)
	if err != nil {
		return nil, err
	}
	if c.Status != survey.Open {
		return nil, fault.Conflictf("calls can be made only while campaign %q is open", code)
	}
	set, err := s.settingsOf(s.db.WithContext(ctx), c.ID)
	if err != nil {
		return nil, err
	}
	now := s.db.Now()
	inHours := set.Hours.Allows(now)
	var pc *phoneCase
	for attempt := 0; ; attempt++ {
		pc, err = s.claim(ctx, c, set, operatorID, inHours)
		if err == nil || attempt == 9 || !(errors.Is(err, errRaced) || storage.IsDuplicate(err) || storage.IsRetryable(err)) {
			break
		}
	}
	switch {
	case err != nil:
		return nil, err
	case pc == nil && !inHours:
		return nil, fault.Conflictf("it is %s: outside calling hours (%s, China time)", now.In(i18n.China).Format("01-02 15:04"), set.Hours)
	case pc == nil:
		return nil, nil
	}
	return s.caseView(ctx, *pc)
}

// claim runs one claiming transaction and returns the case the operator
// now holds (one held already, or, when claimNew, a newly claimed one), as
// it stands once the transaction commits, or nil.
func (s *Store) claim(ctx context.Context, c survey.Campaign, set Settings, operatorID int64, claimNew bool) (*phoneCase, error) {
	var claimed *phoneCase
	err := s.queueTx(ctx, func(tx *gorm.DB) error {
		now := s.db.Now()
		expires := now.Add(set.Lease)
		// A hold the operator still has (a double click, another tab) is
		// theirs to keep; an expired or finished one is let go, since the
		// unique lease index allows one case per operator.
		var held phoneCase
		err := tx.Where("campaign_id = ? AND lease_owner = ?", c.ID, operatorID).Take(&held).Error
		switch {
		case err == nil && held.Status == Open && held.LeaseExpiresAt != nil && !held.LeaseExpiresAt.Before(now):
			if err := tx.Model(&held).Update("lease_expires_at", expires).Error; err != nil {
				return err
			}
			held.LeaseExpiresAt = &expires
			claimed = &held
			return nil
		case err == nil:
			if err := tx.Model(&phoneCase{}).Where("id = ? AND lease_owner = ?", held.ID, operatorID).
				Updates(map[string]any{"lease_owner": nil, "lease_expires_at": nil, "leased_at": nil}).Error; err != nil {
				return err
			}
		case !storage.IsNotFound(err):
			return err
		}
		if !claimNew {
			return nil
		}
		q := tx.Model(&phoneCase{}).
			Where("campaign_id = ? AND status = ? AND queue_at <= ? AND (lease_owner IS NULL OR lease_expires_at < ?)", c.ID, Open, now, now).
			Order("priority, queue_at, position, id").Limit(1)
		q = s.db.Locked(q, storage.ForUpdateSkipLocked)
		var cand phoneCase
		if err := q.Take(&cand).Error; storage.IsNotFound(err) {
			return nil
		} else if err != nil {
			return err
		}
		res := tx.Model(&phoneCase{}).
			Where("id = ? AND status = ? AND (lease_owner IS NULL OR lease_expires_at < ?)", cand.ID, Open, now).
			Updates(map[string]any{"lease_owner": operatorID, "leased_at": now, "lease_expires_at": expires})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return errRaced
		}
		// The conditional update held: the row is the one read, now ours.
		cand.LeaseOwner, cand.LeasedAt, cand.LeaseExpiresAt = &operatorID, &now, &expires
		claimed = &cand
		return nil
	})
	return claimed, err
}

// queueTx runs a short queue transaction that reads committed data: a
// locking scan that also locked the leased rows it passes over, and gaps,
// would gain nothing.
func (s *Store) queueTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.db.TxReadCommitted(ctx, fn)
}

// GiveBack lets go of a held case without recording an attempt: it goes
// back to the queue as it was. Giving back a case one does not hold is
// refused, so that a console never shows a give-back that did nothing. A
// deadlock or lock wait, which many operators on one queue meet on MySQL,
// is retried.
func (s *Store) GiveBack(ctx context.Context, code string, op audit.Actor, caseID int64) error {
	operatorID := op.ID
	c, err := s.campaign(ctx, code)
	if err != nil {
		return err
	}
	released, err := storage.Retry(func() (int64, error) {
		res := s.db.WithContext(ctx).Model(&phoneCase{}).Where("id = ? AND campaign_id = ? AND lease_owner = ?", caseID, c.ID, operatorID).
			Updates(map[string]any{"lease_owner": nil, "lease_expires_at": nil, "leased_at": nil})
		return res.RowsAffected, res.Error
	})
	if err != nil || released == 1 {
		return err
	}
	var n int64
	if err := s.db.WithContext(ctx).Model(&phoneCase{}).Where("id = ? AND campaign_id = ?", caseID, c.ID).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return fault.NotFoundf("no case %d in campaign %q", caseID, c.Code)
	}
	return fault.Conflictf("you do not hold this case: your hold may have expired and another operator taken it")
}

// caseView opens the held case's number and name for the console.
func (s *Store) caseView(ctx context.Context, pc phoneCase) (*Case, error) {
	var e entry
	if err := s.db.WithContext(ctx).Take(&e, pc.EntryID).Error; err != nil {
		return nil, err
	}
	if e.PhoneSealed == nil {
		return nil, fault.Conflictf("the numbers of this campaign were erased")
	}
	dk, err := s.openingKey(s.db.WithContext(ctx), e.FrameID)
	if err != nil {
		return nil, err
	}
	raw, err := s.openContact(dk, e.PhoneSealed)
	if err != nil {
		return nil, err
	}
	p, err := sampling.NormalizePhone(string(raw))
	if err != nil {
		return nil, err
	}
	v := &Case{ID: pc.ID, Unit: pc.Unit, Phone: p, Replicate: pc.Replicate, AppointmentAt: pc.AppointmentAt}
	if pc.LeaseExpiresAt != nil {
		v.LeaseExpiresAt = *pc.LeaseExpiresAt
	}
	if e.NameSealed != nil {
		name, err := s.openContact(dk, e.NameSealed)
		if err != nil {
			return nil, err
		}
		v.Name = string(name)
	}
	if e.ServiceDate != nil {
		v.ServiceDate = *e.ServiceDate
	}
	if e.District != nil {
		v.District = *e.District
	}
	return v, s.db.WithContext(ctx).Where("case_id = ?", pc.ID).Order("number").Find(&v.Attempts).Error
}
