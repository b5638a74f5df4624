package rectification

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
)

// The liaison's side: a unit's liaison reports progress, attaches evidence
// and asks to close (申请销号) its own unit's tasks only. unit is the
// liaison's unit code, as the caller knows it from the account.

// Report records a progress report.
func (s *Store) Report(ctx context.Context, actor audit.Actor, unit string, taskID int64, text string) error {
	text = strings.TrimSpace(text)
	if ps := textProblems("text", text); ps != nil {
		return fault.WithProblems(ps, "the report cannot be saved")
	}
	return s.liaisonStep(ctx, actor, unit, taskID, func(tx *gorm.DB, r taskRow) error {
		if _, err := s.step(tx, r.ID, actor, "progress", InProgress, text); err != nil {
			return err
		}
		return s.audit(tx, actor, "rectification.progress", taskObject(r.ID), map[string]any{"unit": unit})
	})
}

// AddEvidence records evidence: a text and up to MaxFilesPerAdd files, PDF
// or images, each checked by its content. Any bad file refuses them all.
func (s *Store) AddEvidence(ctx context.Context, actor audit.Actor, unit string, taskID int64, text string, files []Upload) error {
	text = strings.TrimSpace(text)
	if ps := textProblems("text", text); ps != nil {
		return fault.WithProblems(ps, "describe the evidence")
	}
	checked, err := checkUploads(files)
	if err != nil {
		return err
	}
	return s.liaisonStep(ctx, actor, unit, taskID, func(tx *gorm.DB, r taskRow) error {
		stepID, err := s.step(tx, r.ID, actor, "evidence", InProgress, text)
		if err != nil {
			return err
		}
		var names []string
		for _, f := range checked {
			row := fileRow{StepID: stepID, TaskID: r.ID, Name: f.name, MediaType: f.mediaType,
				Size: int64(len(f.content)), Sha256: f.sha, Content: f.content}
			if err := tx.Create(&row).Error; err != nil {
				return err
			}
			names = append(names, f.sha)
		}
		return s.audit(tx, actor, "rectification.evidence", taskObject(r.ID), map[string]any{"unit": unit, "files_sha256": names})
	})
}

// RequestClose asks the committee to close the task. It needs evidence
// given since the task was last returned (or since it opened).
func (s *Store) RequestClose(ctx context.Context, actor audit.Actor, unit string, taskID int64, note string) error {
	note = strings.TrimSpace(note)
	if ps := textProblems("note", note); note != "" && ps != nil {
		return fault.WithProblems(ps, "the request cannot be saved")
	}
	return s.liaisonStep(ctx, actor, unit, taskID, func(tx *gorm.DB, r taskRow) error {
		var last stepRow
		err := tx.Where("task_id = ? AND kind IN ?", r.ID, []string{"evidence", "returned"}).Order("id DESC").Limit(1).Find(&last).Error
		if err != nil {
			return err
		}
		if last.Kind != "evidence" {
			return fault.Conflictf("attach evidence of what was done before asking to close the task")
		}
		if _, err := s.step(tx, r.ID, actor, "close_requested", CloseRequested, note); err != nil {
			return err
		}
		if err := tx.Model(&taskRow{}).Where("id = ?", r.ID).Update("status", string(CloseRequested)).Error; err != nil {
			return err
		}
		return s.audit(tx, actor, "rectification.close_request", taskObject(r.ID), map[string]any{"unit": unit})
	})
}

// liaisonStep runs fn on a task of the liaison's unit that the liaison may
// still act on, and marks it in progress.
func (s *Store) liaisonStep(ctx context.Context, actor audit.Actor, unit string, taskID int64, fn func(tx *gorm.DB, r taskRow) error) error {
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		r, err := s.lockTask(tx, taskID)
		if err != nil {
			return err
		}
		if unit == "" || r.UnitCode != unit {
			return fault.Forbiddenf("task %d is not a task of your unit", taskID)
		}
		switch Status(r.Status) {
		case Closed:
			return fault.Conflictf("task %d is closed", taskID)
		case CloseRequested:
			return fault.Conflictf("task %d waits for the committee to accept or return it", taskID)
		}
		if err := tx.Model(&taskRow{}).Where("id = ?", r.ID).Update("status", string(InProgress)).Error; err != nil {
			return err
		}
		return fn(tx, r)
	})
}

// lockTask reads a task for update.
func (s *Store) lockTask(tx *gorm.DB, id int64) (taskRow, error) {
	var r taskRow
	if err := s.db.Locked(tx, storage.ForUpdate).Take(&r, id).Error; err != nil {
		return r, notFound(err, id)
	}
	return r, nil
}
