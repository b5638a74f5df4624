package phone

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"pingyi/i18n"
)

// Window is a span of calling time within a day, in minutes after
// midnight China time: From inclusive, To exclusive.
type Window struct{ From, To int }

// CallingHours are when operators may call: windows within a day, on some
// days of the week.
type CallingHours struct {
	Windows []Window
	Days    [7]bool // by time.Weekday: Days[time.Sunday] …
	// Calendar is the working-day calendar (SPEC "Working days"); with it,
	// official holidays are never calling days and adjusted working days
	// are (see callingDay). Nil: the days of the week alone decide.
	Calendar WorkingDays
}

// WorkingDays is the working-day calendar as calling hours use it.
type WorkingDays interface {
	IsWorkingDay(t time.Time) bool
}

// ParseCallingHours reads "09:00-12:00,14:00-20:00" and the ISO weekdays
// "1234567" (1 is Monday). It returns a plain error saying what is wrong;
// settings turn it into a problem.
func ParseCallingHours(hours, days string) (CallingHours, error) {
	var h CallingHours
	for _, part := range strings.Split(hours, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		from, to, ok := strings.Cut(part, "-")
		a, errA := clockMinutes(from)
		b, errB := clockMinutes(to)
		if !ok || errA != nil || errB != nil || a >= b {
			return h, fmt.Errorf("bad window %q", part)
		}
		if n := len(h.Windows); n > 0 && a < h.Windows[n-1].To {
			return h, fmt.Errorf("window %q overlaps or precedes the one before", part)
		}
		h.Windows = append(h.Windows, Window{a, b})
	}
	if len(h.Windows) == 0 {
		return h, fmt.Errorf("no calling window")
	}
	for _, d := range strings.TrimSpace(days) {
		if d < '1' || d > '7' {
			return h, fmt.Errorf("bad weekday %q", d)
		}
		h.Days[int(d-'0')%7] = true // ISO 7 is Sunday, time.Weekday 0
	}
	if h.Days == [7]bool{} {
		return h, fmt.Errorf("no calling day")
	}
	return h, nil
}

func clockMinutes(s string) (int, error) {
	hh, mm, ok := strings.Cut(strings.TrimSpace(s), ":")
	h, errH := strconv.Atoi(hh)
	m, errM := strconv.Atoi(mm)
	if !ok || errH != nil || errM != nil || h < 0 || m < 0 || m > 59 || h > 24 || h == 24 && m > 0 {
		return 0, fmt.Errorf("bad time %q", s)
	}
	return h*60 + m, nil
}

// Allows reports whether t falls within calling hours.
func (h CallingHours) Allows(t time.Time) bool {
	t = t.In(i18n.China)
	if !h.callingDay(t) {
		return false
	}
	m := t.Hour()*60 + t.Minute()
	for _, w := range h.Windows {
		if m >= w.From && m < w.To {
			return true
		}
	}
	return false
}

// callingDay reports whether the China-time date of t is a calling day.
// Without a calendar, a day is one when its weekday is listed. With one:
//   - a working day from Monday to Friday is one when its weekday is listed;
//   - an adjusted working day (调休上班, a Saturday or Sunday worked) is one
//     when its weekday is listed or every Monday to Friday is, since calling
//     on all working days then includes it;
//   - a holiday is never one: a run of consecutive days off that takes in
//     a Monday to Friday is a holiday, its weekend days included, as the
//     State Council's notices count them (国庆节 10月1日至7日);
//   - an ordinary Saturday or Sunday is one when its weekday is listed.
func (h CallingHours) callingDay(t time.Time) bool {
	wd := t.Weekday()
	if h.Calendar == nil {
		return h.Days[wd]
	}
	weekend := wd == time.Saturday || wd == time.Sunday
	switch working := h.Calendar.IsWorkingDay(t); {
	case working && !weekend:
		return h.Days[wd]
	case working:
		return h.Days[wd] || h.everyWeekday()
	case !weekend || h.holidayWeekend(t):
		return false
	}
	return h.Days[wd]
}

// everyWeekday reports whether Monday to Friday are all calling days.
func (h CallingHours) everyWeekday() bool {
	for wd := time.Monday; wd <= time.Friday; wd++ {
		if !h.Days[wd] {
			return false
		}
	}
	return true
}

// maxHolidayRun bounds the search for a weekday off around a weekend day:
// no official holiday is longer.
const maxHolidayRun = 10

// holidayWeekend reports whether a Saturday or Sunday off belongs to a run
// of consecutive days off that takes in a Monday to Friday.
func (h CallingHours) holidayWeekend(t time.Time) bool {
	for _, step := range []int{-1, 1} {
		for k := 1; k <= maxHolidayRun; k++ {
			d := t.AddDate(0, 0, step*k)
			if h.Calendar.IsWorkingDay(d) {
				break
			}
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				return true
			}
		}
	}
	return false
}

// String writes the windows as ParseCallingHours reads them.
func (h CallingHours) String() string {
	parts := make([]string, len(h.Windows))
	for i, w := range h.Windows {
		parts[i] = fmt.Sprintf("%02d:%02d-%02d:%02d", w.From/60, w.From%60, w.To/60, w.To%60)
	}
	return strings.Join(parts, ",")
}

// DayString writes the days as ParseCallingHours reads them.
func (h CallingHours) DayString() string {
	var b strings.Builder
	for iso := 1; iso <= 7; iso++ {
		if h.Days[iso%7] {
			b.WriteByte(byte('0' + iso))
		}
	}
	return b.String()
}
