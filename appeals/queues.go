package appeals

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// QueueItem is a case in a work list; no content, no contact.
type QueueItem struct {
	ID                 int64
	Number             string // "" for an imported case
	Source, SourceNo   string
	Kind               string
	Status             string
	Unit               string
	ReceivedAt         time.Time
	Due                *time.Time // the deadline that applies now: the extended one, or a review's
	DueProvisional     bool
	Overdue            bool
	ExtensionRequested bool
}

// Queue is one work list: its first items, oldest due first, and how many there are.
type Queue struct {
	Items []QueueItem
	Total int64
}

// DispatcherQueues are the dispatcher's work lists.
type DispatcherQueues struct {
	Unassigned       Queue // received or returned, waiting for a unit
	Overdue          Queue // with a unit, past the deadline
	DueSoon          Queue // due by the end of the next working day
	AwaitingCallback Queue // replied, not called back since the reply
	Extensions       Queue // extension requests to decide
}

const queueLimit = 200

// dueSQL is the deadline that applies now to an open case.
const dueSQL = `(CASE WHEN review_level > 0 THEN review_deadline WHEN extension = 'approved' THEN extension_to ELSE deadline END)`

var openStatuses = []string{StatusAssigned, StatusAccepted}

// DispatcherQueues returns the dispatcher's work lists as of now.
func (s *Store) DispatcherQueues(ctx context.Context) (DispatcherQueues, error) {
	days, err := s.days(ctx)
	if err != nil {
		return DispatcherQueues{}, err
	}
	now := s.db.Now()
	soon, _ := days.AddWorkingDays(now, 1)
	var out DispatcherQueues
	for _, q := range []struct {
		into  *Queue
		where func(*gorm.DB) *gorm.DB
		order string
	}{
		{&out.Unassigned, func(q *gorm.DB) *gorm.DB { return q.Where("status = ?", StatusReceived) }, "received_at"},
		{&out.Overdue, func(q *gorm.DB) *gorm.DB {
			return q.Where("status IN ? AND "+dueSQL+" < ?", openStatuses, now)
		}, dueSQL},
		{&out.DueSoon, func(q *gorm.DB) *gorm.DB {
			return q.Where("status IN ? AND "+dueSQL+" >= ? AND "+dueSQL+" <= ?", openStatuses, now, soon)
		}, dueSQL},
		{&out.AwaitingCallback, func(q *gorm.DB) *gorm.DB {
			// Imported cases are called back by their own platform.
			return q.Where("status = ? AND source = '' AND (callback_at IS NULL OR callback_at < replied_at)", StatusReplied)
		}, "replied_at"},
		{&out.Extensions, func(q *gorm.DB) *gorm.DB { return q.Where("extension = ?", ExtensionRequested) }, "updated_at"},
	} {
		if err := s.fillQueue(ctx, q.into, q.where, q.order, now); err != nil {
			return DispatcherQueues{}, err
		}
	}
	return out, nil
}

// LiaisonQueue is a unit's open cases (assigned, accepted, reopened by a
// review), soonest due first, with the overdue ones marked.
func (s *Store) LiaisonQueue(ctx context.Context, unit string) (Queue, error) {
	var out Queue
	err := s.fillQueue(ctx, &out, func(q *gorm.DB) *gorm.DB {
		return q.Where("unit = ? AND status IN ?", unit, openStatuses)
	}, dueSQL, s.db.Now())
	return out, err
}

func (s *Store) fillQueue(ctx context.Context, into *Queue, where func(*gorm.DB) *gorm.DB, order string, now time.Time) error {
	base := func() *gorm.DB { return where(s.db.WithContext(ctx).Model(&caseRow{})) }
	if err := base().Count(&into.Total).Error; err != nil {
		return err
	}
	var rows []caseRow
	if err := base().Order(order + ", id").Limit(queueLimit).Find(&rows).Error; err != nil {
		return err
	}
	into.Items = make([]QueueItem, len(rows))
	for i, c := range rows {
		due := c.effectiveDeadline()
		if c.ReviewLevel > 0 && c.Status != StatusReplied {
			due = c.ReviewDeadline
		}
		into.Items[i] = QueueItem{ID: c.ID, Number: deref(c.Number), Source: c.Source, SourceNo: c.SourceNo,
			Kind: c.Kind, Status: c.Status, Unit: deref(c.Unit), ReceivedAt: c.ReceivedAt, Due: due,
			DueProvisional: c.DeadlineProvisional, Overdue: c.overdue(now),
			ExtensionRequested: deref(c.Extension) == ExtensionRequested}
	}
	return nil
}
