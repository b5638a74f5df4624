package calendar

import (
	"context"
	"sort"
	"time"
)

// Day is one day a year's notice names.
type Day struct {
	Date    time.Time // midnight UTC of the date
	Holiday bool      // a day off (放假); false: an adjusted working day (调休上班)
	Name    string
}

// Notice returns the days the notice in force for a year names, in date
// order: the imported one where there is one, else the library's. A year
// with neither has none.
func (c *Calendar) Notice(ctx context.Context, year int) ([]Day, error) {
	var rows []importedDay
	if err := c.db.WithContext(ctx).Where("year = ?", year).Find(&rows).Error; err != nil {
		return nil, err
	}
	var out []Day
	if len(rows) > 0 {
		for _, r := range rows {
			date, err := time.Parse(time.DateOnly, r.Day)
			if err != nil {
				return nil, err
			}
			out = append(out, Day{Date: date, Holiday: r.Kind == kindHoliday, Name: r.Name})
		}
	} else {
		for _, d := range libraryNotices()[year] {
			out = append(out, Day{Date: d.date, Holiday: d.holiday, Name: d.name})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out, nil
}
