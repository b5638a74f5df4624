// Package rectification keeps the rectification tasks (整改) the committee
// opens for units after a publication: the proposals it confirms or drops,
// the liaison's progress and evidence, the close request (申请销号), the
// committee's acceptance (销号) or return, the follow-up of tasks that came
// from an appeal case, and the public list with each unit's rates.
//
// Deadlines are in working days or a date, turned into moments with the
// working-day calendar when read. Every step is audited in the transaction
// that writes it.
package rectification

import (
	"context"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/calendar"
	"pingyi/storage"
)

// Calendar gives the working-day calendar as it stands; calendar.Calendar
// is one.
type Calendar interface {
	Load(ctx context.Context) (*calendar.Days, error)
}

// Store keeps the tasks of every campaign.
type Store struct {
	db  *storage.DB
	log *audit.Log
	cal Calendar
	now func() time.Time
}

// New returns the store kept in db, audited in log, with deadlines from cal.
func New(db *storage.DB, log *audit.Log, cal Calendar) *Store {
	return &Store{db: db, log: log, cal: cal, now: db.Now}
}

// at is the store with its clock stopped at t, for the demo's past.
func (s *Store) at(t time.Time) *Store {
	c := *s
	c.now = func() time.Time { return t.UTC() }
	return &c
}

// audit records one step inside tx.
func (s *Store) audit(tx *gorm.DB, actor audit.Actor, action, object string, detail any) error {
	return s.log.Append(tx, audit.Entry{Actor: actor.Login, Action: action, Object: object, Detail: detail})
}
