package rectification

import (
	"strings"
	"testing"
	"time"

	"pingyi/calendar"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/tabular"
)

// A 5-working-day deadline opened on Tuesday 29 September 2026 runs over
// the National Day holiday (1–7 October off, Saturday 10 October worked):
// 30 Sep, 8, 9, 10 and 12 October, so it ends at 24:00 on Monday 12
// October, and the task is overdue from then, not before.
func TestOverdueAcrossTheNationalDayHoliday(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		days, err := f.s.cal.Load(ctx)
		f.must(err)
		for _, d := range []string{"2026-10-01", "2026-10-04", "2026-10-07"} {
			if days.IsWorkingDay(china(d, 12)) {
				t.Fatalf("the calendar has %s as a working day", d)
			}
		}
		if !days.IsWorkingDay(china("2026-10-10", 12)) {
			t.Fatal("the calendar does not have Saturday 10 October 2026 as a working day")
		}
		id, err := f.on("2026-09-29", 10).OpenTask(ctx, member, handTask("tax", "问题"))
		f.must(err)
		task := f.task(id)
		if want := china("2026-10-13", 0); !task.Due.Equal(want) || task.Provisional {
			t.Fatalf("due %s (provisional %v); want %s", task.Due, task.Provisional, want)
		}
		for _, c := range []struct {
			date    string
			hour    int
			overdue bool
		}{
			{"2026-10-09", 12, false},
			{"2026-10-12", 23, false},
			{"2026-10-13", 1, true},
		} {
			tasks, err := f.on(c.date, c.hour).Tasks(ctx, "2026-annual")
			f.must(err)
			if tasks[0].Overdue != c.overdue {
				t.Errorf("%s %d:00: overdue %v; want %v", c.date, c.hour, tasks[0].Overdue, c.overdue)
			}
		}
		// Closed late: no longer overdue, but not on time either.
		late := f.on("2026-10-14", 10)
		f.must(late.AddEvidence(ctx, liaison, "tax", id, "done", []Upload{{Name: "a.png", Content: DemoPNG(1)}}))
		f.must(late.RequestClose(ctx, liaison, "tax", id, ""))
		f.must(late.Accept(ctx, member, id, ""))
		units, err := late.Public(ctx, "2026-annual", china("2026-10-20", 0))
		f.must(err)
		pt := units[0].Tasks[0]
		if pt.Overdue || pt.OnTime || pt.Status != Closed {
			t.Fatalf("closed late: %+v", pt)
		}
	})
}

// A date deadline must be a working day after today; a holiday is refused
// naming the next working day, an adjusted working Saturday is accepted.
func TestADateDeadlineNeverLandsOnAHoliday(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		s := f.on("2026-09-29", 10)
		open := func(problem string, d Deadline) (int64, error) {
			n := handTask("tax", problem)
			n.Deadline = d
			return s.OpenTask(ctx, member, n)
		}
		_, err := open("a", Deadline{Date: "2026-10-05"})
		refused(t, err, fault.Invalid)
		if e, _ := fault.As(err); e.Text("en") != "2026-10-05 is not a working day; the next working day is 2026-10-08" {
			t.Fatalf("message: %s", e.Text("en"))
		}
		for _, bad := range []Deadline{{Date: "2026-09-29"}, {Date: "2026-9-30"}, {Date: "2027-12-01"}, {},
			{WorkingDays: 3, Date: "2026-10-09"}, {WorkingDays: -1}, {WorkingDays: maxWorkingDays + 1}} {
			_, err := open("b", bad)
			refused(t, err, fault.Invalid)
		}
		id, err := open("c", Deadline{Date: "2026-10-10"})
		f.must(err)
		if due := f.task(id).Due; !due.Equal(china("2026-10-11", 0)) {
			t.Fatalf("due %s", due)
		}
		if f.count("rectification_tasks") != 1 {
			t.Fatal("a refused deadline left a task")
		}
	})
}

// A deadline in a year whose notice is not loaded is provisional.
func TestADeadlineInAnUnknownYearIsProvisional(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		days, err := f.s.cal.Load(ctx)
		f.must(err)
		year := 2026
		for days.Known(year) {
			year++
		}
		opened := time.Date(year, 3, 2, 2, 0, 0, 0, time.UTC)
		id, err := f.s.at(opened).OpenTask(ctx, member, handTask("tax", "d"))
		f.must(err)
		if !f.task(id).Provisional {
			t.Fatalf("a deadline in %d, whose notice is not loaded, is not provisional", year)
		}
	})
}

// A date deadline that a corrected notice turns into a holiday moves to
// the next working day's end instead of landing on the holiday.
func TestACorrectedNoticeMovesADateDeadlineOffAHoliday(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		n := handTask("tax", "d")
		n.Deadline = Deadline{Date: "2026-10-09"}
		id, err := f.on("2026-09-29", 10).OpenTask(ctx, member, n)
		f.must(err)
		if due := f.task(id).Due; !due.Equal(china("2026-10-10", 0)) {
			t.Fatalf("due %s before the correction", due)
		}
		// The imported year replaces the library's: 9 October off, and no
		// other change, so Saturday 10 October is a weekend day again.
		cal := calendar.New(db, f.log)
		_, err = cal.Import(ctx, strings.NewReader("date,kind,name\n2026-10-09,holiday,correction\n"), tabular.CSV, member)
		f.must(err)
		if due := f.task(id).Due; !due.Equal(china("2026-10-13", 0)) {
			t.Fatalf("due %s after the correction; want the end of Monday 12 October", due)
		}
	})
}
