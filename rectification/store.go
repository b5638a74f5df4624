// Package rectification keeps the rectification tasks (整改) the committee
// opens for units after a publication: the proposals it confirms or drops,
// the liaison's progress and evidence, the close request (申请销号), the
// committee's acceptance (销号) or return, the follow-up of tasks that came
// from an appeal case, and the public list with each unit's rates.
//
// Deadlines are in working days or a date, turned into moments with the
// working-day calendar when read. Every step is audited in the transaction
// that writes it.
//
// Wiring (in app): New(db, log, calendar.New(db, log)); UseCases with the
// appeals ledger, so an appeal task names a case that exists; the appeals
// side asks PendingFollowUps and records the person's answer with
// AnswerFollowUp. Proposals take a Publication the caller builds from the
// review's publication content and the run's indicator scores.
package rectification

import (
	"context"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/calendar"
	"pingyi/fault"
	"pingyi/storage"
)

// Calendar gives the working-day calendar as it stands; calendar.Calendar
// is one.
type Calendar interface {
	Load(ctx context.Context) (*calendar.Days, error)
}

// Cases is what rectification asks of the appeals ledger: whether an
// appeal case number exists. A task refers to a case by its number only.
type Cases interface {
	CaseKnown(ctx context.Context, number string) (bool, error)
}

// Store keeps the tasks of every campaign.
type Store struct {
	db    *storage.DB
	log   *audit.Log
	cal   Calendar
	cases Cases // nil: case numbers are taken as given
	now   func() time.Time
}

// UseCases makes the store check appeal case numbers against the ledger.
func (s *Store) UseCases(c Cases) { s.cases = c }

// checkCase refuses an appeal case number the ledger does not know.
func (s *Store) checkCase(ctx context.Context, path, number string) error {
	if s.cases == nil || number == "" {
		return nil
	}
	known, err := s.cases.CaseKnown(ctx, number)
	if err != nil {
		return err
	}
	if !known {
		return fault.WithProblems([]fault.Problem{fault.P(path, "there is no appeal case %s", number)}, "the appeal case is not in the ledger")
	}
	return nil
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
	return s.log.Append(tx, audit.Entry{Actor: actor, Action: action, Object: object, Detail: detail})
}
