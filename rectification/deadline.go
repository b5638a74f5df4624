package rectification

import (
	"time"

	"pingyi/calendar"
	"pingyi/fault"
	"pingyi/i18n"
)

// Deadlines are at most this many working days away (about a year):
// rectification is the year's work before the next evaluation.
const maxWorkingDays = 250

// dueOf is the deadline as a moment: the end of the n-th working day after
// the day of opening, or the end of the date asked.
func dueOf(days *calendar.Days, openedAt time.Time, d Deadline) (time.Time, bool) {
	if d.Date != "" {
		day, err := time.ParseInLocation(time.DateOnly, d.Date, i18n.China)
		if err != nil {
			return time.Time{}, false // checked when opened; never stored unparsed
		}
		// The date was a working day when asked. Should a corrected notice
		// make it a holiday since, the deadline moves to the next working
		// day rather than land on the holiday.
		noon := day.Add(12 * time.Hour)
		if !days.IsWorkingDay(noon) {
			return days.AddWorkingDays(noon, 1)
		}
		return day.AddDate(0, 0, 1).UTC(), false
	}
	return days.AddWorkingDays(openedAt, d.WorkingDays)
}

// checkDeadline refuses a deadline that is not exactly one of the two
// forms, too far, in the past, or on a day that is not a working day: a
// date on a holiday or a weekend is refused, naming the next working day,
// rather than moved silently, so the committee sees the date it publishes.
func checkDeadline(days *calendar.Days, now time.Time, d Deadline) error {
	switch {
	case d.Date == "" && d.WorkingDays == 0:
		return fault.Invalidf("give the deadline in working days or as a date")
	case d.Date != "" && d.WorkingDays != 0:
		return fault.Invalidf("give the deadline in working days or as a date, not both")
	case d.Date == "":
		if d.WorkingDays < 1 || d.WorkingDays > maxWorkingDays {
			return fault.Invalidf("a deadline is 1 to %d working days", maxWorkingDays)
		}
		return nil
	}
	day, err := time.ParseInLocation(time.DateOnly, d.Date, i18n.China)
	if err != nil {
		return fault.Invalidf("%q is not a date (write it as 2026-10-09)", d.Date)
	}
	today := now.In(i18n.China)
	if !day.After(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, i18n.China)) {
		return fault.Invalidf("the deadline %s is not after today", d.Date)
	}
	if day.After(today.AddDate(1, 0, 0)) {
		return fault.Invalidf("the deadline %s is more than a year away", d.Date)
	}
	noon := day.Add(12 * time.Hour)
	if !days.IsWorkingDay(noon) {
		next, _ := days.AddWorkingDays(noon, 1)
		return fault.Invalidf("%s is not a working day; the next working day is %s", d.Date,
			next.Add(-time.Hour).In(i18n.China).Format(time.DateOnly))
	}
	return nil
}
