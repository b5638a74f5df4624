package phone

import (
	"context"
	"time"

	"pingyi/i18n"
)

// CallDay is one calendar day's calls, in China time: the trend the
// progress page draws.
type CallDay struct {
	Day       string // 2006-01-02
	Attempts  int
	Completes int
}

// CallsPerDay counts a campaign's call attempts and completes per day,
// oldest first, with the days without calls between the first and the
// last included at zero, so a trend shows its gaps.
func (s *Store) CallsPerDay(ctx context.Context, code string) ([]CallDay, error) {
	c, err := s.campaign(ctx, code)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.WithContext(ctx).Model(&Attempt{}).Select("disposition, recorded_at").
		Where("campaign_id = ?", c.ID).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byDay := map[string]*CallDay{}
	var first, last time.Time
	for rows.Next() {
		var disp string
		var at time.Time
		if err := rows.Scan(&disp, &at); err != nil {
			return nil, err
		}
		day := at.In(i18n.China).Format(time.DateOnly)
		d := byDay[day]
		if d == nil {
			d = &CallDay{Day: day}
			byDay[day] = d
		}
		d.Attempts++
		if disp == codeComplete {
			d.Completes++
		}
		if first.IsZero() || at.Before(first) {
			first = at
		}
		last = maxTime(last, at)
	}
	if err := rows.Err(); err != nil || first.IsZero() {
		return nil, err
	}
	var out []CallDay
	end := last.In(i18n.China).Format(time.DateOnly)
	for t := first.In(i18n.China); ; t = t.AddDate(0, 0, 1) {
		day := t.Format(time.DateOnly)
		if d := byDay[day]; d != nil {
			out = append(out, *d)
		} else {
			out = append(out, CallDay{Day: day})
		}
		if day == end {
			return out, nil
		}
	}
}
