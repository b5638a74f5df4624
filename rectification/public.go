package rectification

import (
	"context"
	"time"

	"pingyi/calendar"
	"pingyi/fault"
	"pingyi/storage"
)

// PublicUnit is one unit on /p/CODE/rectification: its tasks and rates.
type PublicUnit struct {
	Unit  string
	Tasks []PublicTask
	Rates Rates
}

// PublicTask is what the public sees of a task: nothing personal, and
// evidence only once the committee accepted it by closing the task.
type PublicTask struct {
	ID          int64
	Problem     string
	Source      SourceKind
	Due         time.Time
	Provisional bool
	Status      Status     // as of the moment asked
	ClosedAt    *time.Time // when closed by that moment
	OnTime      bool       // closed by its deadline
	Overdue     bool       // deadline passed, not closed
	Evidence    []PublicEvidence
}

// PublicEvidence is accepted evidence: its text and files.
type PublicEvidence struct {
	At    time.Time
	Text  string
	Files []FileInfo
}

// Rates of a unit as of a moment T. A task counts once opened by T;
// closed means closed by T. Due are the tasks whose deadline passed by T
// or that were closed by T; on time are those closed by their deadline.
// A rate is nil when its denominator is 0.
type Rates struct {
	Opened     int
	Closed     int
	ClosedRate *float64 // Closed / Opened
	Due        int
	OnTime     int
	OnTimeRate *float64 // OnTime / Due
	Overdue    int      // due and not closed
}

func (r *Rates) count(t PublicTask, asOf time.Time) {
	r.Opened++
	closed := t.ClosedAt != nil
	if closed {
		r.Closed++
	}
	if closed || t.Due.Before(asOf) {
		r.Due++
	}
	if t.OnTime {
		r.OnTime++
	}
	if t.Overdue {
		r.Overdue++
	}
}

func (r *Rates) finish() {
	r.ClosedRate = ratio(r.Closed, r.Opened)
	r.OnTimeRate = ratio(r.OnTime, r.Due)
}

func ratio(n, d int) *float64 {
	if d == 0 {
		return nil
	}
	v := float64(n) / float64(d)
	return &v
}

// Public is the public list of a campaign's tasks as of asOf, per unit in
// order of unit code: a task opened after asOf is not there yet, and a
// step dated after it has not happened.
func (s *Store) Public(ctx context.Context, campaign string, asOf time.Time) ([]PublicUnit, error) {
	days, err := s.cal.Load(ctx)
	if err != nil {
		return nil, err
	}
	var rows []taskRow
	if err := s.db.WithContext(ctx).Where("campaign_code = ? AND opened_at <= ?", campaign, asOf).Order("unit_code, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	steps, files, err := s.publicSteps(ctx, ids, asOf)
	if err != nil {
		return nil, err
	}
	var out []PublicUnit
	for _, r := range rows {
		if len(out) == 0 || out[len(out)-1].Unit != r.UnitCode {
			out = append(out, PublicUnit{Unit: r.UnitCode})
		}
		u := &out[len(out)-1]
		t := publicTask(r, days, steps[r.ID], files, asOf)
		u.Tasks = append(u.Tasks, t)
		u.Rates.count(t, asOf)
	}
	for i := range out {
		out[i].Rates.finish()
	}
	return out, nil
}

func publicTask(r taskRow, days *calendar.Days, steps []stepRow, files map[int64][]FileInfo, asOf time.Time) PublicTask {
	asked := Deadline{}
	if r.DeadlineDays != nil {
		asked.WorkingDays = *r.DeadlineDays
	}
	if r.DeadlineDate != nil {
		asked.Date = *r.DeadlineDate
	}
	t := PublicTask{ID: r.ID, Problem: r.Problem, Source: SourceKind(r.Source.SourceKind), Status: Open}
	t.Due, t.Provisional = dueOf(days, r.OpenedAt, asked)
	for _, st := range steps {
		t.Status = Status(st.Status)
	}
	if r.ClosedAt != nil && !r.ClosedAt.After(asOf) {
		t.ClosedAt = r.ClosedAt
		t.OnTime = !r.ClosedAt.After(t.Due)
		for _, st := range steps {
			if st.Kind == "evidence" {
				t.Evidence = append(t.Evidence, PublicEvidence{At: st.At, Text: redact(st.Text), Files: files[st.ID]})
			}
		}
	} else {
		t.Overdue = t.Due.Before(asOf)
	}
	return t
}

// publicSteps returns the steps taken by asOf, by task, and the files of
// evidence steps (without their bytes), by step.
func (s *Store) publicSteps(ctx context.Context, ids []int64, asOf time.Time) (map[int64][]stepRow, map[int64][]FileInfo, error) {
	steps := map[int64][]stepRow{}
	files := map[int64][]FileInfo{}
	for start := 0; start < len(ids); start += 500 {
		batch := ids[start:min(start+500, len(ids))]
		var rows []stepRow
		if err := s.db.WithContext(ctx).Where("task_id IN ? AND at <= ?", batch, asOf).Order("at, id").Find(&rows).Error; err != nil {
			return nil, nil, err
		}
		for _, r := range rows {
			steps[r.TaskID] = append(steps[r.TaskID], r)
		}
		var fs []fileRow
		if err := s.db.WithContext(ctx).Omit("content").Where("task_id IN ?", batch).Order("id").Find(&fs).Error; err != nil {
			return nil, nil, err
		}
		for _, f := range fs {
			files[f.StepID] = append(files[f.StepID], FileInfo{ID: f.ID, Name: f.Name, MediaType: f.MediaType, Size: f.Size, SHA256: f.Sha256})
		}
	}
	return steps, files, nil
}

// Ended is how a campaign's tasks ended, per unit, as of asOf: the rates
// the next campaign of the series shows beside each unit.
func (s *Store) Ended(ctx context.Context, campaign string, asOf time.Time) (map[string]Rates, error) {
	units, err := s.Public(ctx, campaign, asOf)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Rates, len(units))
	for _, u := range units {
		out[u.Unit] = u.Rates
	}
	return out, nil
}

// PublicFile returns a file of accepted evidence: the task must belong to
// the campaign and be closed.
func (s *Store) PublicFile(ctx context.Context, campaign string, taskID, fileID int64) (FileInfo, []byte, error) {
	var r taskRow
	err := s.db.WithContext(ctx).Where("id = ? AND campaign_code = ? AND status = ?", taskID, campaign, string(Closed)).Take(&r).Error
	if storage.IsNotFound(err) {
		return FileInfo{}, nil, fault.NotFoundf("task %d has no published evidence", taskID)
	}
	if err != nil {
		return FileInfo{}, nil, err
	}
	return s.File(ctx, taskID, fileID)
}
