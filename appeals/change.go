package appeals

import (
	"context"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/storage"
)

// step is one stage change: it edits the case and says what to record.
type step struct {
	stage  string // the event's stage and the audit action's suffix
	unit   *string
	value  *string
	note   *string
	detail map[string]any // audit detail: codes and dates, never a contact or content
}

// ctx is what a step may consult.
type stepEnv struct {
	now   time.Time
	days  WorkingDays
	units *units
}

// change loads a case under a row lock, lets edit change it, and saves it
// with its event and audit entry in one transaction.
func (s *Store) change(ctx context.Context, id int64, actor audit.Actor, edit func(c *caseRow, env stepEnv) (step, error)) error {
	days, err := s.days(ctx)
	if err != nil {
		return err
	}
	us, err := s.units(ctx)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		var c caseRow
		if err := s.db.Locked(tx.Where("id = ?", id), storage.ForUpdate).Take(&c).Error; err != nil {
			if storage.IsNotFound(err) {
				return fault.NotFoundf("no appeal case %d", id)
			}
			return err
		}
		env := stepEnv{now: s.db.Now(), days: days, units: us}
		moved := totalsDelta{}
		moved.add(c.Unit, c.ReceivedMonth, c.Marks.Pattern, -1) // before edit changes them
		st, err := edit(&c, env)
		if err != nil {
			return err
		}
		c.UpdatedAt = env.now
		c.setMarks()
		if err := tx.Save(&c).Error; err != nil {
			return err
		}
		moved.add(c.Unit, c.ReceivedMonth, c.Marks.Pattern, 1)
		if err := s.writeTotals(ctx, tx, moved); err != nil {
			return err
		}
		return s.record(tx, c, actor, env.now, st)
	})
}

// record writes a stage's event and its audit entry.
func (s *Store) record(tx *gorm.DB, c caseRow, actor audit.Actor, at time.Time, st step) error {
	ev := event{CaseID: c.ID, At: at, Stage: st.stage, Actor: actor.Login, Unit: st.unit, Value: st.value, Note: st.note}
	if err := tx.Create(&ev).Error; err != nil {
		return err
	}
	return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "appeal." + st.stage,
		Object: "appeal:" + c.ref(), Detail: st.detail})
}

// endOfDay is 24:00 China time of t's day.
func endOfDay(t time.Time) time.Time {
	d := t.In(i18n.China)
	return time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, i18n.China).UTC()
}

// month is YYYYMM of t in China time.
func month(t time.Time) int {
	d := t.In(i18n.China)
	return d.Year()*100 + int(d.Month())
}

func (s *Store) replyDays(complexity string) int {
	if complexity == Complex {
		return s.cfg.ComplexDays
	}
	return s.cfg.SimpleDays
}

// ownCase refuses a liaison's action on another unit's case.
func ownCase(c *caseRow, unit string) error {
	if c.Unit == nil || *c.Unit != unit {
		return fault.Forbiddenf("case %s is not with your unit", c.ref())
	}
	return nil
}
