package rectification

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
)

// Accept closes a task whose closing was requested (销号). A task that came
// from an appeal case asks, from now on, for the person's satisfaction.
func (s *Store) Accept(ctx context.Context, actor audit.Actor, taskID int64, note string) error {
	note = strings.TrimSpace(note)
	if ps := textProblems("note", note); note != "" && ps != nil {
		return fault.WithProblems(ps, "the note cannot be saved")
	}
	return s.committeeStep(ctx, taskID, func(tx *gorm.DB, r taskRow) error {
		now := s.now()
		set := map[string]any{"status": string(Closed), "open_key": nil, "closed_at": now, "closed_by": actor.Login}
		if SourceKind(r.Source.SourceKind) == FromAppeal {
			set["followup_asked_at"] = now
		}
		if err := tx.Model(&taskRow{}).Where("id = ?", r.ID).Updates(set).Error; err != nil {
			return err
		}
		if _, err := s.step(tx, r.ID, actor, "closed", Closed, note); err != nil {
			return err
		}
		if SourceKind(r.Source.SourceKind) == FromAppeal {
			if _, err := s.step(tx, r.ID, actor, "followup_asked", Closed, ""); err != nil {
				return err
			}
		}
		return s.audit(tx, actor, "rectification.accept", taskObject(r.ID), map[string]any{"unit": r.UnitCode})
	})
}

// Return sends a task back to the unit, in progress, with the reason.
func (s *Store) Return(ctx context.Context, actor audit.Actor, taskID int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if ps := textProblems("reason", reason); ps != nil {
		return fault.WithProblems(ps, "say why the task goes back to the unit")
	}
	return s.committeeStep(ctx, taskID, func(tx *gorm.DB, r taskRow) error {
		if err := tx.Model(&taskRow{}).Where("id = ?", r.ID).Update("status", string(InProgress)).Error; err != nil {
			return err
		}
		if _, err := s.step(tx, r.ID, actor, "returned", InProgress, reason); err != nil {
			return err
		}
		return s.audit(tx, actor, "rectification.return", taskObject(r.ID), map[string]any{"unit": r.UnitCode, "reason": reason})
	})
}

// committeeStep runs fn on a task whose closing was requested.
func (s *Store) committeeStep(ctx context.Context, taskID int64, fn func(tx *gorm.DB, r taskRow) error) error {
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		r, err := s.lockTask(tx, taskID)
		if err != nil {
			return err
		}
		if Status(r.Status) != CloseRequested {
			return fault.Conflictf("task %d is not waiting to be closed: the unit has not asked to close it", taskID)
		}
		return fn(tx, r)
	})
}
