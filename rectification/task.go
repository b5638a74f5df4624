package rectification

import (
	"context"
	"time"

	"pingyi/calendar"
	"pingyi/fault"
	"pingyi/storage"
)

// Status is where a task stands.
type Status string

const (
	Open           Status = "open"            // opened, nothing reported yet
	InProgress     Status = "in_progress"     // the liaison reported, or the committee returned it
	CloseRequested Status = "close_requested" // 申请销号
	Closed         Status = "closed"          // 销号
)

// SourceKind is where a problem came from.
type SourceKind string

const (
	FromTier      SourceKind = "tier"      // the unit is in the publication's lowest tier
	FromIndicator SourceKind = "indicator" // a main indicator below the committee's threshold
	FromComment   SourceKind = "comment"   // a respondent's comment
	FromAppeal    SourceKind = "appeal"    // an appeal case
	FromClue      SourceKind = "clue"      // a special supervisor's clue
)

// Source is where a problem came from: a publication version (and the
// indicator, for an indicator), a comment's text, an appeal case number or
// a clue's text. Nothing in it identifies a respondent or a person.
type Source struct {
	Kind      SourceKind
	Indicator string // indicator code, for FromIndicator
	Text      string // the comment's or the clue's text
	Case      string // the appeal case number, for FromAppeal
}

// Deadline is asked either in working days from the opening or as a
// China-time date (YYYY-MM-DD), which must be a working day.
type Deadline struct {
	WorkingDays int
	Date        string
}

// Task is a rectification task as staff see it.
type Task struct {
	ID       int64
	Campaign string
	Version  int
	Unit     string
	Problem  string
	Source   Source
	Measures string
	Asked    Deadline
	// Due is the deadline as a moment (24:00 China time of its day);
	// Provisional when the calendar does not know the notice of a year it
	// spans yet.
	Due         time.Time
	Provisional bool
	Status      Status
	OpenedAt    time.Time
	OpenedBy    string
	ClosedAt    *time.Time
	ClosedBy    string
	// Overdue: the deadline passed before the moment the task was read
	// and it was not closed by then.
	Overdue  bool
	FollowUp *FollowUp
	Steps    []Step
}

// Step is one thing that happened to a task.
type Step struct {
	ID     int64
	At     time.Time
	Actor  string
	Kind   string // opened, progress, evidence, close_requested, returned, closed, followup_asked, followup_answered
	Status Status // the task's status after it
	Text   string
	Files  []FileInfo
}

// FileInfo describes an attached file without its bytes.
type FileInfo struct {
	ID        int64
	Name      string
	MediaType string
	Size      int64
	SHA256    string
}

// sourceColumns are where a task or a proposal came from, as stored.
type sourceColumns struct {
	SourceKind      string
	SourceIndicator string
	SourceText      string
	SourceCase      string
}

func columnsOf(src Source) sourceColumns {
	return sourceColumns{SourceKind: string(src.Kind), SourceIndicator: src.Indicator, SourceText: src.Text, SourceCase: src.Case}
}

func (c sourceColumns) source() Source {
	return Source{Kind: SourceKind(c.SourceKind), Indicator: c.SourceIndicator, Text: c.SourceText, Case: c.SourceCase}
}

// taskRow is a row of rectification_tasks.
type taskRow struct {
	ID                 int64
	CampaignCode       string
	Version            int
	UnitCode           string
	Problem            string
	Source             sourceColumns `gorm:"embedded"`
	Measures           string
	DeadlineDays       *int
	DeadlineDate       *string
	Status             string
	OpenKey            *string
	OpenedAt           time.Time
	OpenedBy           string
	ClosedAt           *time.Time
	ClosedBy           *string
	FollowupAskedAt    *time.Time
	FollowupAnswer     *string
	FollowupAnsweredAt *time.Time
}

func (taskRow) TableName() string { return "rectification_tasks" }

type stepRow struct {
	ID     int64
	TaskID int64
	At     time.Time
	Actor  string
	Kind   string
	Status string
	Text   string
}

func (stepRow) TableName() string { return "rectification_steps" }

type fileRow struct {
	ID        int64
	StepID    int64
	TaskID    int64
	Name      string
	MediaType string
	Size      int64
	Sha256    string `gorm:"column:sha256"`
	Content   []byte
}

func (fileRow) TableName() string { return "rectification_files" }

// task turns a row into a Task as of the moment asOf, with its deadline
// from the calendar.
func (r taskRow) task(days *calendar.Days, asOf time.Time) Task {
	t := Task{ID: r.ID, Campaign: r.CampaignCode, Version: r.Version, Unit: r.UnitCode, Problem: r.Problem,
		Source:   r.Source.source(),
		Measures: r.Measures, Status: Status(r.Status), OpenedAt: r.OpenedAt, OpenedBy: r.OpenedBy, ClosedAt: r.ClosedAt}
	if r.DeadlineDays != nil {
		t.Asked.WorkingDays = *r.DeadlineDays
	}
	if r.DeadlineDate != nil {
		t.Asked.Date = *r.DeadlineDate
	}
	t.Due, t.Provisional = dueOf(days, r.OpenedAt, t.Asked)
	if r.ClosedBy != nil {
		t.ClosedBy = *r.ClosedBy
	}
	closedBy := r.ClosedAt != nil && !r.ClosedAt.After(asOf)
	t.Overdue = t.Due.Before(asOf) && !closedBy
	if r.FollowupAskedAt != nil {
		f := &FollowUp{AskedAt: *r.FollowupAskedAt, AnsweredAt: r.FollowupAnsweredAt}
		if r.FollowupAnswer != nil {
			f.Answer = Satisfaction(*r.FollowupAnswer)
		}
		t.FollowUp = f
	}
	return t
}

// Task returns one task with its steps and files (without their bytes).
func (s *Store) Task(ctx context.Context, id int64) (Task, error) {
	days, err := s.cal.Load(ctx)
	if err != nil {
		return Task{}, err
	}
	var r taskRow
	if err := s.db.WithContext(ctx).Take(&r, id).Error; err != nil {
		return Task{}, notFound(err, id)
	}
	t := r.task(days, s.now())
	t.Steps, err = s.steps(ctx, id)
	return t, err
}

func (s *Store) steps(ctx context.Context, taskID int64) ([]Step, error) {
	var rows []stepRow
	if err := s.db.WithContext(ctx).Where("task_id = ?", taskID).Order("at, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	var files []fileRow
	if err := s.db.WithContext(ctx).Omit("content").Where("task_id = ?", taskID).Order("id").Find(&files).Error; err != nil {
		return nil, err
	}
	byStep := map[int64][]FileInfo{}
	for _, f := range files {
		byStep[f.StepID] = append(byStep[f.StepID], FileInfo{ID: f.ID, Name: f.Name, MediaType: f.MediaType, Size: f.Size, SHA256: f.Sha256})
	}
	out := make([]Step, len(rows))
	for i, r := range rows {
		out[i] = Step{ID: r.ID, At: r.At, Actor: r.Actor, Kind: r.Kind, Status: Status(r.Status), Text: r.Text, Files: byStep[r.ID]}
	}
	return out, nil
}

// Tasks lists a campaign's tasks, every unit's, as the committee and the
// supervisors read them, marked overdue as of now.
func (s *Store) Tasks(ctx context.Context, campaign string) ([]Task, error) {
	return s.list(ctx, campaign, "")
}

// UnitTasks lists one unit's tasks of a campaign, as its liaison reads them.
func (s *Store) UnitTasks(ctx context.Context, campaign, unit string) ([]Task, error) {
	return s.list(ctx, campaign, unit)
}

func (s *Store) list(ctx context.Context, campaign, unit string) ([]Task, error) {
	days, err := s.cal.Load(ctx)
	if err != nil {
		return nil, err
	}
	q := s.db.WithContext(ctx).Where("campaign_code = ?", campaign)
	if unit != "" {
		q = q.Where("unit_code = ?", unit)
	}
	var rows []taskRow
	if err := q.Order("unit_code, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	now := s.now()
	out := make([]Task, len(rows))
	for i, r := range rows {
		out[i] = r.task(days, now)
	}
	return out, nil
}

// UnitTask returns a task of the liaison's unit, with its steps; another
// unit's task is refused.
func (s *Store) UnitTask(ctx context.Context, unit string, id int64) (Task, error) {
	t, err := s.Task(ctx, id)
	if err == nil && (unit == "" || t.Unit != unit) {
		return Task{}, fault.Forbiddenf("task %d is not a task of your unit", id)
	}
	return t, err
}

// UnitFile returns a file of a task of the liaison's unit.
func (s *Store) UnitFile(ctx context.Context, unit string, taskID, fileID int64) (FileInfo, []byte, error) {
	if _, err := s.UnitTask(ctx, unit, taskID); err != nil {
		return FileInfo{}, nil, err
	}
	return s.File(ctx, taskID, fileID)
}

// File returns an attached file's bytes, for the committee and the
// supervisors, who read every unit's tasks.
func (s *Store) File(ctx context.Context, taskID, fileID int64) (FileInfo, []byte, error) {
	var f fileRow
	err := s.db.WithContext(ctx).Where("id = ? AND task_id = ?", fileID, taskID).Take(&f).Error
	if err != nil {
		if storage.IsNotFound(err) {
			return FileInfo{}, nil, fault.NotFoundf("task %d has no file %d", taskID, fileID)
		}
		return FileInfo{}, nil, err
	}
	return FileInfo{ID: f.ID, Name: f.Name, MediaType: f.MediaType, Size: f.Size, SHA256: f.Sha256}, f.Content, nil
}

func notFound(err error, id int64) error {
	if storage.IsNotFound(err) {
		return fault.NotFoundf("there is no rectification task %d", id)
	}
	return err
}
