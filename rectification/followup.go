package rectification

import (
	"context"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
)

// Satisfaction is the person's answer at the follow-up (回访).
type Satisfaction string

const (
	Satisfied       Satisfaction = "满意"
	FairlySatisfied Satisfaction = "基本满意"
	Dissatisfied    Satisfaction = "不满意"
	NotReached      Satisfaction = "not_reached" // 未联系上
)

// FollowUp is the follow-up of a task that came from an appeal case: asked
// when the task closed, answered by the person (at /q) or through the
// dispatcher's callback.
type FollowUp struct {
	AskedAt    time.Time
	Answer     Satisfaction // empty until answered
	AnsweredAt *time.Time
}

// PendingFollowUp is a closed task whose appeal case's person has not been
// asked yet, for the appeals side to ask.
type PendingFollowUp struct {
	TaskID   int64
	Case     string
	Unit     string
	Problem  string
	ClosedAt time.Time
}

// PendingFollowUps lists the closed tasks from appeal cases still waiting
// for the person's answer, oldest first.
func (s *Store) PendingFollowUps(ctx context.Context) ([]PendingFollowUp, error) {
	var rows []taskRow
	err := s.db.WithContext(ctx).Where("followup_asked_at IS NOT NULL AND followup_answer IS NULL").Order("followup_asked_at, id").Find(&rows).Error
	out := make([]PendingFollowUp, len(rows))
	for i, r := range rows {
		out[i] = PendingFollowUp{TaskID: r.ID, Case: r.Source.SourceCase, Unit: r.UnitCode, Problem: r.Problem, ClosedAt: *r.ClosedAt}
	}
	return out, err
}

// FollowUpsOfCase lists the tasks that came from an appeal case, with
// their follow-up, so the case's page can show them beside its own.
func (s *Store) FollowUpsOfCase(ctx context.Context, caseNo string) ([]Task, error) {
	days, err := s.cal.Load(ctx)
	if err != nil {
		return nil, err
	}
	var rows []taskRow
	if err := s.db.WithContext(ctx).Where("source_kind = ? AND source_case = ?", string(FromAppeal), caseNo).Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Task, len(rows))
	for i, r := range rows {
		out[i] = r.task(days, s.now())
	}
	return out, nil
}

// AnswerFollowUp records the person's satisfaction with a closed task
// that came from an appeal case. The appeals side calls it, from /q or
// the dispatcher's callback; a later answer replaces an earlier one, as a
// case's latest callback decides its satisfaction.
func (s *Store) AnswerFollowUp(ctx context.Context, actor audit.Actor, taskID int64, answer Satisfaction) error {
	switch answer {
	case Satisfied, FairlySatisfied, Dissatisfied, NotReached:
	default:
		return fault.Invalidf("%q is not an answer: write 满意, 基本满意, 不满意 or not_reached", string(answer))
	}
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		r, err := s.lockTask(tx, taskID)
		if err != nil {
			return err
		}
		if r.FollowupAskedAt == nil {
			return fault.Conflictf("task %d asks for no follow-up: it did not come from an appeal case, or it is not closed", taskID)
		}
		now := s.now()
		if err := tx.Model(&taskRow{}).Where("id = ?", r.ID).Updates(map[string]any{"followup_answer": string(answer), "followup_answered_at": now}).Error; err != nil {
			return err
		}
		if _, err := s.step(tx, r.ID, actor, "followup_answered", Closed, string(answer)); err != nil {
			return err
		}
		return s.audit(tx, actor, "rectification.followup", taskObject(r.ID), map[string]any{"case": r.Source.SourceCase, "answer": answer})
	})
}
