package phone

import (
	"context"
	"slices"
	"time"

	"pingyi/fault"
	"pingyi/survey"
)

// Progress is the state of a campaign's phone survey as the overseers'
// page shows it. It holds no number and no name.
type Progress struct {
	Campaign     survey.Campaign
	Frame        *Frame
	Imports      []ImportRecord
	Draw         *Draw
	Units        []UnitProgress
	Total        UnitProgress
	Productivity []Productivity
	DoNotCall    int64
}

// UnitProgress is one unit's sample: its quota and completes and where its
// cases stand.
type UnitProgress struct {
	Stratum
	Pending, Open, Closed int
}

// Productivity is one operator's work.
type Productivity struct {
	OperatorID int64
	Attempts   int
	Completes  int
	Partials   int
	// ActiveHours counts the clock hours in which the operator recorded
	// at least one attempt: a measure of time on the phone that needs no
	// log-in tracking, coarse for short sessions.
	ActiveHours int
	First, Last time.Time
}

// AttemptsPerHour and CompletesPerHour are per active hour.
func (p Productivity) AttemptsPerHour() float64  { return perHour(p.Attempts, p.ActiveHours) }
func (p Productivity) CompletesPerHour() float64 { return perHour(p.Completes, p.ActiveHours) }

func perHour(n, hours int) float64 {
	if hours == 0 {
		return 0
	}
	return float64(n) / float64(hours)
}

// Progress gathers the frame, the draw, each unit's progress and the
// operators' productivity.
func (s *Store) Progress(ctx context.Context, code string) (Progress, error) {
	c, err := s.campaign(ctx, code)
	if err != nil {
		return Progress{}, err
	}
	p := Progress{Campaign: c}
	q := s.db.WithContext(ctx)
	if err := q.Model(&doNotCall{}).Count(&p.DoNotCall).Error; err != nil {
		return p, err
	}
	f, found, err := s.frameOf(q, c.ID)
	if err != nil || !found {
		return p, err
	}
	p.Frame = &f
	if err := q.Where("frame_id = ?", f.ID).Order("id").Find(&p.Imports).Error; err != nil {
		return p, err
	}
	d, err := s.drawOf(q, c)
	if fault.Is(err, fault.NotFound) {
		return p, nil // a frame without a draw yet
	}
	if err != nil {
		return p, err
	}
	p.Draw = &d
	if p.Units, err = s.unitProgress(ctx, d); err != nil {
		return p, err
	}
	for _, u := range p.Units {
		t := &p.Total
		t.FrameSize += u.FrameSize
		t.Quota += u.Quota
		t.Drawn += u.Drawn
		t.Released += u.Released
		t.Completes += u.Completes
		t.Pending += u.Pending
		t.Open += u.Open
		t.Closed += u.Closed
	}
	p.Productivity, err = s.productivity(ctx, c.ID)
	return p, err
}

func (s *Store) unitProgress(ctx context.Context, d Draw) ([]UnitProgress, error) {
	strata, err := strataOf(s.db.WithContext(ctx), d.ID)
	if err != nil {
		return nil, err
	}
	var counts []struct {
		Stratum string
		Status  CaseStatus
		N       int
	}
	if err := s.db.WithContext(ctx).Model(&phoneCase{}).Select("stratum, status, COUNT(*) AS n").
		Where("draw_id = ?", d.ID).Group("stratum, status").Scan(&counts).Error; err != nil {
		return nil, err
	}
	out := make([]UnitProgress, len(strata))
	index := map[string]int{}
	for i, st := range strata {
		out[i] = UnitProgress{Stratum: st}
		index[st.Stratum] = i
	}
	for _, c := range counts {
		u := &out[index[c.Stratum]]
		switch c.Status {
		case Pending:
			u.Pending = c.N
		case Open:
			u.Open = c.N
		case Closed:
			u.Closed = c.N
		}
	}
	return out, nil
}

// productivity reads the campaign's attempts once.
func (s *Store) productivity(ctx context.Context, campaignID int64) ([]Productivity, error) {
	rows, err := s.db.WithContext(ctx).Model(&Attempt{}).Select("operator_id, disposition, recorded_at").
		Where("campaign_id = ?", campaignID).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	by := map[int64]*Productivity{}
	hours := map[int64]map[int64]bool{}
	for rows.Next() {
		var op int64
		var disp string
		var at time.Time
		if err := rows.Scan(&op, &disp, &at); err != nil {
			return nil, err
		}
		p := by[op]
		if p == nil {
			p = &Productivity{OperatorID: op, First: at, Last: at}
			by[op], hours[op] = p, map[int64]bool{}
		}
		p.Attempts++
		switch disp {
		case codeComplete:
			p.Completes++
		case codePartial:
			p.Partials++
		}
		p.First, p.Last = minTime(p.First, at), maxTime(p.Last, at)
		hours[op][at.Unix()/3600] = true // China is a whole number of hours from UTC
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Productivity, 0, len(by))
	for op, p := range by {
		p.ActiveHours = len(hours[op])
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b Productivity) int { return int(a.OperatorID - b.OperatorID) })
	return out, nil
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
