package calendar_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"pingyi/audit"
	"pingyi/calendar"
	"pingyi/i18n"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

var admin = audit.Actor{ID: 1, Login: "admin", Role: "admin"}

type fixture struct {
	t   testing.TB
	db  *storage.DB
	log *audit.Log
	cal *calendar.Calendar
}

func newFixture(t testing.TB, db *storage.DB) *fixture {
	keys, err := secret.New(bytes.Repeat([]byte{7}, secret.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	log := audit.New(db, keys)
	return &fixture{t: t, db: db, log: log, cal: calendar.New(db, log)}
}

func (f *fixture) load() *calendar.Days {
	f.t.Helper()
	d, err := f.cal.Load(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	return d
}

// china is a moment in China time.
func china(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, i18n.China)
	if err != nil {
		panic(err)
	}
	return t
}

// day is noon China time of a date, for questions about the date.
func day(s string) time.Time { return china(s + " 12:00") }

// assertDays checks each date is (or is not) a working day.
func assertDays(t *testing.T, d *calendar.Days, working bool, dates ...string) {
	t.Helper()
	for _, s := range dates {
		if got := d.IsWorkingDay(day(s)); got != working {
			t.Errorf("%s: working day = %v, want %v", s, got, working)
		}
	}
}

// The library's data are the State Council's notices (国办发明电〔2024〕12号
// for 2025; the notice of 4 November 2025 for 2026).
func TestLibraryCarriesTheNoticesOf2025And2026(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		d := newFixture(t, db).load()
		// 2025 National Day and Mid-Autumn: 1–8 October off; Sunday 28
		// September and Saturday 11 October worked.
		assertDays(t, d, false, "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08", "2025-09-27")
		assertDays(t, d, true, "2025-09-28", "2025-10-11", "2025-09-30", "2025-10-09", "2025-10-10")
		// 2025 Spring Festival: 28 January – 4 February off; Sunday 26
		// January and Saturday 8 February worked. Labour Day: 1–5 May off,
		// Sunday 27 April worked.
		assertDays(t, d, false, "2025-01-28", "2025-02-03", "2025-02-04", "2025-05-05", "2025-01-01")
		assertDays(t, d, true, "2025-01-26", "2025-02-08", "2025-04-27", "2025-01-27", "2025-02-05")
		// 2026: New Year 1–3 January off, Sunday 4 January worked; Spring
		// Festival 15–23 February off, Saturdays 14 and 28 February worked;
		// Mid-Autumn 25–27 September off; National Day 1–7 October off,
		// Sunday 20 September and Saturday 10 October worked.
		assertDays(t, d, false, "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-20", "2026-02-23", "2026-09-25", "2026-10-01", "2026-10-07", "2026-05-05", "2026-06-19")
		assertDays(t, d, true, "2026-01-04", "2026-02-14", "2026-02-28", "2026-02-24", "2026-09-20", "2026-10-10", "2026-05-09", "2026-10-08")
		// An ordinary week: Monday to Friday worked, the weekend not.
		assertDays(t, d, true, "2026-03-09", "2026-03-13")
		assertDays(t, d, false, "2026-03-14", "2026-03-15")
		for _, y := range []int{2002, 2025, 2026} {
			if !d.Known(y) {
				t.Errorf("the library's notice of %d is not known", y)
			}
		}
		for _, y := range []int{2001, 2031, 1999} {
			if d.Known(y) {
				t.Errorf("%d is known, yet no notice of it is loaded", y)
			}
		}
	})
}

func TestDeadlineAcrossTheNationalDayWeek(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		d := newFixture(t, db).load()
		// Received Tuesday 30 September 2025 in the afternoon: 1–8 October
		// are off, so the working days after it are Thursday 9, Friday 10
		// and the adjusted Saturday 11 October.
		cases := []struct {
			n    int
			want string
		}{{1, "2025-10-09"}, {2, "2025-10-10"}, {3, "2025-10-11"}, {4, "2025-10-13"}, {15, "2025-10-28"}}
		for _, c := range cases {
			at, provisional := d.AddWorkingDays(china("2025-09-30 14:00"), c.n)
			want := china(c.want+" 00:00").AddDate(0, 0, 1).UTC()
			if !at.Equal(want) || provisional {
				t.Errorf("%d working days after 30 Sep 2025: %v (provisional %v), want %v", c.n, at, provisional, want)
			}
		}
		// 24:00 China time of 11 October is 16:00 UTC.
		at, _ := d.AddWorkingDays(china("2025-09-30 14:00"), 3)
		if want := time.Date(2025, 10, 11, 16, 0, 0, 0, time.UTC); !at.Equal(want) || at.Location() != time.UTC {
			t.Errorf("3 working days after 30 Sep 2025 14:00 end at %v, want %v", at, want)
		}
		// The date is China's: 30 September 20:00 UTC is already 1 October.
		at, _ = d.AddWorkingDays(time.Date(2025, 9, 30, 20, 0, 0, 0, time.UTC), 1)
		if want := china("2025-10-10 00:00").UTC(); !at.Equal(want) {
			t.Errorf("1 working day after 1 Oct 2025 (04:00 China time) ends at %v, want %v", at, want)
		}
	})
}

// Every deadline of 1–20 working days from every day of 2024–2027 ends on a
// working day, after exactly n working days, counted one by one.
func TestDeadlinesNeverLandOnAHoliday(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		d := newFixture(t, db).load()
		for start := day("2024-01-01"); start.Year() < 2028; start = start.AddDate(0, 0, 1) {
			for n := 1; n <= 20; n++ {
				at, provisional := d.AddWorkingDays(start, n)
				last := at.Add(-time.Hour)
				if !d.IsWorkingDay(last) {
					t.Fatalf("%d working days after %s end on %s, not a working day", n, start.Format(time.DateOnly), last.In(i18n.China).Format(time.DateOnly))
				}
				if got := countWorking(d, start, last); got != n {
					t.Fatalf("%d working days after %s end on %s, after %d working days", n, start.Format(time.DateOnly), last.In(i18n.China).Format(time.DateOnly), got)
				}
				if want := last.In(i18n.China).Year() > 2027; provisional != want {
					t.Fatalf("%d working days after %s: provisional %v, want %v", n, start.Format(time.DateOnly), provisional, want)
				}
			}
		}
	})
}

// countWorking counts one by one the working days after the day of from up
// to the day of to.
func countWorking(d *calendar.Days, from, to time.Time) int {
	n := 0
	for t := from.AddDate(0, 0, 1); !t.After(to); t = t.AddDate(0, 0, 1) {
		if d.IsWorkingDay(t) {
			n++
		}
	}
	return n
}

func TestPeriodEndsOnAWorkingDay(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		d := newFixture(t, db).load()
		cases := []struct {
			from string
			days int
			want string
		}{
			{"2025-09-05", 30, "2025-10-09"}, // 5 October is in the holiday: moved on to Thursday 9
			{"2025-08-29", 30, "2025-09-28"}, // Sunday 28 September is an adjusted working day
			{"2025-09-01", 30, "2025-10-09"}, // 1 October, a holiday
			{"2026-03-02", 30, "2026-04-01"}, // a Wednesday: stays
			{"2026-03-07", 30, "2026-04-07"}, // Monday 6 April is Qingming: on to Tuesday
			{"2026-03-08", 1, "2026-03-09"},
		}
		for _, c := range cases {
			at, provisional := d.PeriodEnd(day(c.from), c.days)
			want := china(c.want+" 00:00").AddDate(0, 0, 1).UTC()
			if !at.Equal(want) || provisional {
				t.Errorf("%d days after %s: %v (provisional %v), want the end of %s", c.days, c.from, at, provisional, c.want)
			}
		}
	})
}

func TestUnknownYearFallsBackToMondayToFridayProvisionally(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		d := newFixture(t, db).load()
		// Wednesday 1 January 2031: no notice, so New Year's Day itself is
		// a working day and 3 working days after it end on Monday 6.
		assertDays(t, d, true, "2031-01-01", "2031-10-01", "2031-10-03")
		assertDays(t, d, false, "2031-10-04", "2031-10-05")
		at, provisional := d.AddWorkingDays(day("2031-01-01"), 3)
		if want := china("2031-01-07 00:00").UTC(); !at.Equal(want) || !provisional {
			t.Errorf("3 working days after 1 Jan 2031: %v (provisional %v), want %v, provisional", at, provisional, want)
		}
		// A deadline inside a known year is not provisional; one that
		// crosses into an unknown year is.
		if _, provisional := d.AddWorkingDays(day("2027-12-01"), 5); provisional {
			t.Error("a deadline within 2027 is marked provisional")
		}
		at, provisional = d.AddWorkingDays(day("2027-12-29"), 3)
		if want := china("2028-01-04 00:00").UTC(); !at.Equal(want) || !provisional {
			t.Errorf("3 working days after 29 Dec 2027: %v (provisional %v), want %v, provisional", at, provisional, want)
		}
		if _, provisional := d.PeriodEnd(day("2031-03-01"), 30); !provisional {
			t.Error("a period ending in 2031 is not provisional")
		}
		if _, provisional := d.PeriodEnd(day("2027-12-01"), 40); !provisional {
			t.Error("a period ending in 2028 is not provisional")
		}
		// Before the library's first notice, Monday to Friday too.
		at, provisional = d.AddWorkingDays(day("1999-12-30"), 2)
		if want := china("2000-01-04 00:00").UTC(); !at.Equal(want) || !provisional {
			t.Errorf("2 working days after 30 Dec 1999: %v (provisional %v), want %v, provisional", at, provisional, want)
		}
	})
}
