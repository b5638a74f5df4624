package rectification

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
)

// NewTask is what a committee member fills in to open a task by hand, or
// confirms of a proposal.
type NewTask struct {
	Campaign string
	Version  int // the publication version the task follows
	Unit     string
	Problem  string
	Source   Source
	Measures string
	Deadline Deadline
}

const (
	maxProblem  = 2000 // characters of a problem, a measure, a report
	maxCodeChar = 64
)

// check returns every problem of a new task at once.
func (n *NewTask) check() error {
	n.Problem = redact(strings.TrimSpace(n.Problem)) // published: no contact of anyone
	n.Measures = strings.TrimSpace(n.Measures)
	n.Source.Text = redact(strings.TrimSpace(n.Source.Text))
	n.Source.Case = strings.TrimSpace(n.Source.Case)
	var ps []fault.Problem
	if n.Campaign == "" || len(n.Campaign) > maxCodeChar {
		ps = append(ps, fault.P("campaign", "name the campaign by its code"))
	}
	if n.Version < 1 {
		ps = append(ps, fault.P("version", "name the publication version the task follows"))
	}
	if n.Unit == "" || len(n.Unit) > maxCodeChar {
		ps = append(ps, fault.P("unit", "name the unit by its code"))
	}
	ps = append(ps, textProblems("problem", n.Problem)...)
	ps = append(ps, textProblems("measures", n.Measures)...)
	ps = append(ps, n.Source.problems()...)
	if len(ps) > 0 {
		return fault.WithProblems(ps, "the task has %d problems; nothing was opened", len(ps))
	}
	return nil
}

func textProblems(path, text string) []fault.Problem {
	if text == "" {
		return []fault.Problem{fault.P(path, "write it in a few words")}
	}
	if utf8.RuneCountInString(text) > maxProblem {
		return []fault.Problem{fault.P(path, "write at most %d characters", maxProblem)}
	}
	return nil
}

func (src Source) problems() []fault.Problem {
	need := func(ok bool, path, format string) []fault.Problem {
		if ok {
			return nil
		}
		return []fault.Problem{fault.P(path, format)}
	}
	switch src.Kind {
	case FromTier:
		return nil
	case FromIndicator:
		return need(src.Indicator != "" && len(src.Indicator) <= maxCodeChar, "source.indicator", "name the indicator by its code")
	case FromComment:
		return need(src.Text != "" && utf8.RuneCountInString(src.Text) <= maxProblem, "source.text", "give the comment's text")
	case FromClue:
		return need(src.Text != "" && utf8.RuneCountInString(src.Text) <= maxProblem, "source.text", "give the clue's text")
	case FromAppeal:
		return need(src.Case != "" && len(src.Case) <= maxCodeChar, "source.case", "give the appeal case number")
	}
	return []fault.Problem{fault.P("source.kind", "%q is not a source: write tier, indicator, comment, appeal or clue", string(src.Kind))}
}

// openKey identifies "the same problem of the same unit": case and spacing
// aside, the same words.
func openKey(campaign, unit, problem string) string {
	norm := strings.ToLower(strings.Join(strings.Fields(problem), " "))
	sum := sha256.Sum256([]byte(campaign + "\x00" + unit + "\x00" + norm))
	return hex.EncodeToString(sum[:])
}

// OpenTask opens a task by hand (a supervisor's clue, a comment, an appeal
// case or any problem the committee sees).
func (s *Store) OpenTask(ctx context.Context, actor audit.Actor, n NewTask) (int64, error) {
	var id int64
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var err error
		id, err = s.open(ctx, tx, actor, n)
		return err
	})
	return id, err
}

func (s *Store) open(ctx context.Context, tx *gorm.DB, actor audit.Actor, n NewTask) (int64, error) {
	if err := n.check(); err != nil {
		return 0, err
	}
	if n.Source.Kind == FromAppeal {
		if err := s.checkCase(ctx, "source.case", n.Source.Case); err != nil {
			return 0, err
		}
	}
	days, err := s.cal.Load(ctx)
	if err != nil {
		return 0, err
	}
	now := s.now()
	if err := checkDeadline(days, now, n.Deadline); err != nil {
		return 0, err
	}
	key := openKey(n.Campaign, n.Unit, n.Problem)
	r := taskRow{CampaignCode: n.Campaign, Version: n.Version, UnitCode: n.Unit, Problem: n.Problem,
		Source: columnsOf(n.Source), Measures: n.Measures, Status: string(Open), OpenKey: &key, OpenedAt: now, OpenedBy: actor.Login}
	if n.Deadline.Date != "" {
		r.DeadlineDate = &n.Deadline.Date
	} else {
		r.DeadlineDays = &n.Deadline.WorkingDays
	}
	if err := tx.Create(&r).Error; err != nil {
		if storage.IsDuplicate(err) {
			return 0, fault.Conflictf("unit %s already has an open task for this problem; close it before opening another", n.Unit)
		}
		return 0, err
	}
	if _, err := s.step(tx, r.ID, actor, "opened", Open, ""); err != nil {
		return 0, err
	}
	due, _ := dueOf(days, now, n.Deadline)
	return r.ID, s.audit(tx, actor, "rectification.open", taskObject(r.ID), map[string]any{
		"campaign": n.Campaign, "version": n.Version, "unit": n.Unit, "source": n.Source.Kind, "due": due})
}

// step records one step of a task.
func (s *Store) step(tx *gorm.DB, taskID int64, actor audit.Actor, kind string, status Status, text string) (int64, error) {
	r := stepRow{TaskID: taskID, At: s.now(), Actor: actor.Login, Kind: kind, Status: string(status), Text: text}
	err := tx.Create(&r).Error
	return r.ID, err
}

func taskObject(id int64) string { return "rectification:" + itoa(id) }
