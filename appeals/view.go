package appeals

import (
	"context"
	"time"

	"gorm.io/gorm"

	"pingyi/fault"
	"pingyi/storage"
)

// Event is one stage of a case's history as staff see it.
type Event struct {
	At    time.Time
	Stage string // receive, assign, accept, return, extension, reply, callback, review, publish
	Actor string
	Unit  string
	Value string // the extension decision, resolved yes/no, the callback result, the review level
	Note  string // the reason or the reply
}

// Get returns a case as the dispatcher sees it, the contact masked.
func (s *Store) Get(ctx context.Context, id int64) (Case, error) {
	q := s.db.WithContext(ctx)
	var c caseRow
	if err := q.Where("id = ?", id).Take(&c).Error; err != nil {
		if storage.IsNotFound(err) {
			return Case{}, fault.NotFoundf("no appeal case %d", id)
		}
		return Case{}, err
	}
	return s.view(q, c), nil
}

// GetForUnit returns a case as a unit's liaison may see it: only a case
// with that unit or one of its stations. A report never reaches the unit
// it concerns, so it is never found here by that unit.
func (s *Store) GetForUnit(ctx context.Context, id int64, unit string) (Case, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return Case{}, err
	}
	us, err := s.units(ctx)
	if err != nil {
		return Case{}, err
	}
	if c.Unit == "" || !us.within(c.Unit, unit) || c.ConcernsUnit != "" && us.within(unit, c.ConcernsUnit) {
		return Case{}, fault.NotFoundf("no appeal case %d", id)
	}
	return c, nil
}

// History returns a case's stages, oldest first.
func (s *Store) History(ctx context.Context, id int64) ([]Event, error) {
	var rows []event
	if err := s.db.WithContext(ctx).Where("case_id = ?", id).Order("at, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Event, len(rows))
	for i, r := range rows {
		out[i] = Event{At: r.At, Stage: r.Stage, Actor: r.Actor, Unit: deref(r.Unit), Value: deref(r.Value), Note: deref(r.Note)}
	}
	return out, nil
}

func (s *Store) view(q *gorm.DB, c caseRow) Case {
	v := Case{ID: c.ID, Number: deref(c.Number), Source: c.Source, SourceNo: c.SourceNo, Channel: c.Channel,
		Kind: c.Kind, Complexity: c.Complexity, Content: c.Content, Contact: Mask(s.openContact(q, c)),
		ConcernsUnit: deref(c.ConcernsUnit), HasPassword: c.PasswordHash != nil, Public: c.PublicListed,
		Status: c.Status, ReceivedAt: c.ReceivedAt, Unit: deref(c.Unit), AssignedAt: c.AssignedAt,
		AcceptBy: c.AcceptBy, AcceptedAt: c.AcceptedAt, Deadline: c.effectiveDeadline(),
		DeadlineProvisional: c.DeadlineProvisional, Extension: deref(c.Extension), ExtensionTo: c.ExtensionTo,
		RepliedAt: c.RepliedAt, Resolved: c.Resolved, Reply: deref(c.Reply), ReviewUntil: c.ReviewUntil,
		Callback: deref(c.Callback), ReviewLevel: c.ReviewLevel}
	now := s.db.Now()
	v.Overdue = c.overdue(now)
	v.Settled = c.Status == StatusReplied && (c.ReviewLevel == 2 || now.After(*c.ReviewUntil))
	return v
}

// effectiveDeadline is the deadline now: the extended one once approved.
func (c caseRow) effectiveDeadline() *time.Time {
	if c.Extension != nil && *c.Extension == ExtensionApproved {
		return c.ExtensionTo
	}
	return c.Deadline
}

// overdue: with a unit, not replied, past its deadline (or, reopened by a
// review, past the review's).
func (c caseRow) overdue(now time.Time) bool {
	if c.Status != StatusAssigned && c.Status != StatusAccepted {
		return false
	}
	due := c.effectiveDeadline()
	if c.ReviewLevel > 0 && c.ReviewDeadline != nil {
		due = c.ReviewDeadline
	}
	return due != nil && now.After(*due)
}

// CaseKnown reports whether the ledger holds a case with this number, for
// the rectification tasks that refer to one.
func (s *Store) CaseKnown(ctx context.Context, number string) (bool, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&caseRow{}).Where("number = ?", number).Count(&n).Error
	return n > 0, err
}

// Count is how many cases the ledger holds.
func (s *Store) Count(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&caseRow{}).Count(&n).Error
	return n, err
}
