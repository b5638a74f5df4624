package calendar

import (
	"time"

	"pingyi/i18n"
)

// Days is one snapshot of the calendar: the years whose notice is loaded
// and, for the span of years from the first to the last of them, a table
// of every day. Queries never allocate and never touch the database, so the
// appeals rates may ask it for millions of cases.
//
// Days are numbered from 1970-01-01 (day 0). Outside the table, and in a
// year inside it whose notice is not loaded, a working day is Monday to
// Friday.
type Days struct {
	start, end int // the table covers day numbers [start, end)
	firstYear  int
	// yearStart[i] is the day number of 1 January of firstYear+i; one entry
	// more closes the last year.
	yearStart []int
	// knownUpTo[i] counts the loaded years among firstYear … firstYear+i-1,
	// so whether a span of years is all loaded is one subtraction.
	knownUpTo []int32
	working   []uint64 // one bit per day of the table
	// workedUpTo[i] counts the working days among the table's first i days;
	// nthWorking[k] is the table index of its k-th working day (from 0).
	workedUpTo []int32
	nthWorking []int32
}

// chinaOffset is China time's distance from UTC in seconds (China keeps no
// daylight saving time).
var chinaOffset = func() int { _, off := time.Unix(0, 0).In(i18n.China).Zone(); return off }()

const secondsPerDay = 24 * 60 * 60

// dayOf is the number of the China-time date of t.
func dayOf(t time.Time) int {
	return floorDiv(int(t.Unix())+chinaOffset, secondsPerDay)
}

// endOf is 24:00 China time of day n, in UTC.
func endOf(n int) time.Time {
	return time.Unix(int64((n+1)*secondsPerDay-chinaOffset), 0).UTC()
}

// dayNumber is the number of a calendar date.
func dayNumber(year int, month time.Month, day int) int {
	return int(time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay)
}

// IsWorkingDay reports whether the China-time date of t is a working day.
func (d *Days) IsWorkingDay(t time.Time) bool { return d.working1(dayOf(t)) }

func (d *Days) working1(n int) bool {
	if n < d.start || n >= d.end {
		return weekday(n)
	}
	i := n - d.start
	return d.working[i/64]&(1<<(i%64)) != 0
}

// Known reports whether the notice of a year is loaded, from the library
// or imported.
func (d *Days) Known(year int) bool {
	i := year - d.firstYear
	if i < 0 || i >= len(d.knownUpTo)-1 {
		return false
	}
	return d.knownUpTo[i+1] > d.knownUpTo[i]
}

// AddWorkingDays is 24:00 China time of the n-th working day after the day
// of t, in UTC. It is provisional when any day counted lies in a year whose
// notice is not loaded. For n ≤ 0 it is the end of the day of t itself.
func (d *Days) AddWorkingDays(t time.Time, n int) (at time.Time, provisional bool) {
	from := dayOf(t)
	if n <= 0 {
		return endOf(from), false
	}
	last := d.nthWorkingAfter(from, n)
	return endOf(last), d.anyUnknown(from+1, last)
}

// PeriodEnd is the end (24:00 China time) of the calendar day `days` after
// the day of t or, when that day is not a working day, of the next working
// day. It is provisional when the last day or any day it was moved over
// lies in a year whose notice is not loaded.
func (d *Days) PeriodEnd(t time.Time, days int) (at time.Time, provisional bool) {
	target := dayOf(t) + days
	last := target
	if !d.working1(target) {
		last = d.nthWorkingAfter(target, 1)
	}
	return endOf(last), d.anyUnknown(target, last)
}

// nthWorkingAfter is the day number of the n-th (n ≥ 1) working day after
// day `from`: Monday to Friday before the table, the table's count inside
// it, Monday to Friday again after it.
func (d *Days) nthWorkingAfter(from, n int) int {
	if from < d.start-1 {
		before := weekdaysIn(from+1, d.start)
		if n <= before {
			return nthWeekdayAfter(from, n)
		}
		n -= before
		from = d.start - 1
	}
	if from < d.end-1 {
		done := int(d.workedUpTo[from+1-d.start])
		left := int(d.workedUpTo[d.end-d.start]) - done
		if n <= left {
			return d.start + int(d.nthWorking[done+n-1])
		}
		n -= left
		from = d.end - 1
	}
	return nthWeekdayAfter(from, n)
}

// anyUnknown reports whether a day of [first, last] lies in a year whose
// notice is not loaded.
func (d *Days) anyUnknown(first, last int) bool {
	if first > last {
		return false
	}
	if first < d.start || last >= d.end {
		return true
	}
	a, b := d.yearIndex(first), d.yearIndex(last)
	return int(d.knownUpTo[b+1]-d.knownUpTo[a]) != b-a+1
}

// yearIndex is the position, from firstYear, of the year holding day n of
// the table: a binary search over a few dozen year starts.
func (d *Days) yearIndex(n int) int {
	lo, hi := 0, len(d.yearStart)-2
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if d.yearStart[mid] <= n {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// Monday to Friday by arithmetic. Day 4 (1970-01-05) was a Monday; days
// are counted in weeks from it, five working days to a week.

func weekday(n int) bool { return floorMod(n-4, 7) < 5 }

// weekdaysBefore counts the days Monday to Friday before day n, from day 4.
func weekdaysBefore(n int) int {
	m := n - 4
	return 5*floorDiv(m, 7) + min(floorMod(m, 7), 5)
}

// weekdaysIn counts the days Monday to Friday in [a, b).
func weekdaysIn(a, b int) int { return weekdaysBefore(b) - weekdaysBefore(a) }

// nthWeekdayAfter is the n-th (n ≥ 1) day Monday to Friday after day from.
func nthWeekdayAfter(from, n int) int {
	k := weekdaysBefore(from+1) + n - 1 // the wanted day is the k-th weekday from day 4
	return 4 + 7*floorDiv(k, 5) + floorMod(k, 5)
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - b*floorDiv(a, b) }
