// Package calendar knows which days are working days (工作日): Monday to
// Friday, except the official holidays, plus the adjusted working days
// (调休上班) of the State Council's yearly notice. The notices come from the
// calendar library (github.com/6tail/lunar-go); a year imported here
// corrects the library's or adds one it does not have yet. Deadlines in
// working days, and periods in calendar days, are computed on a snapshot
// (Days) loaded once and asked many times.
package calendar

import (
	"context"
	"sort"
	"time"

	"pingyi/audit"
	"pingyi/storage"
)

// Calendar reads and imports the notices.
type Calendar struct {
	db  *storage.DB
	log *audit.Log
}

// New returns the calendar kept in db; imports are audited in log.
func New(db *storage.DB, log *audit.Log) *Calendar { return &Calendar{db: db, log: log} }

// importedDay is a row of calendar_days.
type importedDay struct {
	Day  string `gorm:"primaryKey"` // YYYY-MM-DD
	Year int
	Kind string // holiday or workday
	Name string
}

func (importedDay) TableName() string { return "calendar_days" }

// importedYear is a row of calendar_years.
type importedYear struct {
	Year       int `gorm:"primaryKey;autoIncrement:false"`
	Holidays   int
	Workdays   int
	ImportedAt time.Time
	ImportedBy string
}

func (importedYear) TableName() string { return "calendar_years" }

const (
	kindHoliday = "holiday"
	kindWorkday = "workday"
)

// Load returns a snapshot of the calendar: the library's years, each
// replaced by its import where there is one, and the years only imported.
func (c *Calendar) Load(ctx context.Context) (*Days, error) {
	var rows []importedDay
	if err := c.db.WithContext(ctx).Find(&rows).Error; err != nil {
		return nil, err
	}
	notices := map[int][]listedDay{}
	for y, days := range libraryNotices() {
		notices[y] = days
	}
	imported := map[int][]listedDay{}
	for _, r := range rows {
		date, err := time.Parse(time.DateOnly, r.Day)
		if err != nil {
			return nil, err
		}
		imported[r.Year] = append(imported[r.Year], listedDay{date: date, holiday: r.Kind == kindHoliday, name: r.Name})
	}
	for y, days := range imported {
		notices[y] = days
	}
	return build(notices), nil
}

// Year is what the admin page shows of one known year.
type Year struct {
	Year      int
	Imported  bool // the year's notice was imported (else it is the library's)
	InLibrary bool // the library has the year, whether or not an import replaced it
	Holidays  int  // days off the notice lists, weekends inside a holiday included
	Workdays  int  // adjusted working days
	// When and by whom the year was imported; zero for the library's.
	ImportedAt time.Time
	ImportedBy string
}

// Years lists every known year, oldest first.
func (c *Calendar) Years(ctx context.Context) ([]Year, error) {
	var imported []importedYear
	if err := c.db.WithContext(ctx).Find(&imported).Error; err != nil {
		return nil, err
	}
	byYear := map[int]Year{}
	for y, days := range libraryNotices() {
		year := Year{Year: y, InLibrary: true}
		for _, d := range days {
			if d.holiday {
				year.Holidays++
			} else {
				year.Workdays++
			}
		}
		byYear[y] = year
	}
	for _, r := range imported {
		_, inLibrary := byYear[r.Year]
		byYear[r.Year] = Year{Year: r.Year, Imported: true, InLibrary: inLibrary, Holidays: r.Holidays,
			Workdays: r.Workdays, ImportedAt: r.ImportedAt, ImportedBy: r.ImportedBy}
	}
	out := make([]Year, 0, len(byYear))
	for _, y := range byYear {
		out = append(out, y)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Year < out[j].Year })
	return out, nil
}
