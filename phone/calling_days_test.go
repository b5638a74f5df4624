package phone

import (
	"context"
	"testing"
	"time"

	"pingyi/calendar"
	"pingyi/i18n"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// Calling days across the 2026 Mid-Autumn and National Day holidays, with
// the State Council's notice as the calendar library carries it: 中秋节
// 9月25日至27日, 国庆节 10月1日至7日 off; Sunday 20 September and Saturday
// 10 October worked.
func TestCallingDaysFollowTheWorkingDayCalendar(t *testing.T) {
	days, err := calendar.New(storagetest.Open(t, storage.SQLite), nil).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	weekdays, _ := ParseCallingHours("09:00-12:00", "12345")
	everyDay, _ := ParseCallingHours("09:00-12:00", "1234567")
	some, _ := ParseCallingHours("09:00-12:00", "135")
	plain := weekdays // without the calendar: the weekdays alone, as before
	weekdays.Calendar, everyDay.Calendar, some.Calendar = days, days, days
	for _, c := range []struct {
		date                            string
		weekdays, everyDay, some, plain bool
	}{
		{"2026-09-18", true, true, true, true},     // Friday
		{"2026-09-19", false, true, false, false},  // an ordinary Saturday
		{"2026-09-20", true, true, false, false},   // Sunday worked (调休上班)
		{"2026-09-25", false, false, false, true},  // Friday, 中秋节
		{"2026-09-26", false, false, false, false}, // Saturday within the holiday
		{"2026-09-27", false, false, false, false}, // Sunday within the holiday
		{"2026-09-30", true, true, true, true},     // Wednesday
		{"2026-10-01", false, false, false, true},  // Thursday, 国庆节
		{"2026-10-03", false, false, false, false}, // Saturday within the holiday
		{"2026-10-04", false, false, false, false}, // Sunday within the holiday
		{"2026-10-05", false, false, false, true},  // Monday, still the holiday
		{"2026-10-07", false, false, false, true},  // Wednesday, its last day
		{"2026-10-08", true, true, false, true},    // Thursday, back at work
		{"2026-10-10", true, true, false, false},   // Saturday worked (调休上班)
		{"2026-10-11", false, true, false, false},  // an ordinary Sunday
		{"2026-10-12", true, true, true, true},     // Monday
	} {
		at, _ := time.ParseInLocation("2006-01-02 15:04", c.date+" 10:00", i18n.China)
		for _, h := range []struct {
			name  string
			hours CallingHours
			want  bool
		}{{"12345", weekdays, c.weekdays}, {"1234567", everyDay, c.everyDay}, {"135", some, c.some}, {"12345 without a calendar", plain, c.plain}} {
			if got := h.hours.Allows(at.UTC()); got != h.want {
				t.Errorf("%s %s, days %s: calling %v, want %v", c.date, at.Weekday(), h.name, got, h.want)
			}
		}
		// Outside the window, never.
		if weekdays.Allows(at.Add(3 * time.Hour)) {
			t.Errorf("%s 13:00 is outside the window", c.date)
		}
	}
}
