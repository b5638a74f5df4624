package appeals_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"pingyi/appeals"
	"pingyi/audit"
	"pingyi/i18n"
	"pingyi/secret"
	"pingyi/storage"
)

// weekdays is Monday to Friday, no holidays: the tests' calendar until
// package calendar is merged.
type weekdays struct{}

func (weekdays) IsWorkingDay(t time.Time) bool {
	wd := t.In(i18n.China).Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

func dayEnd(t time.Time) time.Time {
	d := t.In(i18n.China)
	return time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, i18n.China).UTC()
}

func (w weekdays) AddWorkingDays(t time.Time, n int) (time.Time, bool) {
	d := t.In(i18n.China)
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if w.IsWorkingDay(d) {
			n--
		}
	}
	return dayEnd(d), false
}

func (w weekdays) PeriodEnd(t time.Time, days int) (time.Time, bool) {
	d := t.In(i18n.China).AddDate(0, 0, days)
	for !w.IsWorkingDay(d) {
		d = d.AddDate(0, 0, 1)
	}
	return dayEnd(d), false
}

// register is a fixed list of units.
type register []appeals.Unit

func (r register) Units(_ context.Context, codes ...string) ([]appeals.Unit, error) {
	if len(codes) == 0 {
		return r, nil
	}
	var out []appeals.Unit
	for _, u := range r {
		if slices.Contains(codes, u.Code) {
			out = append(out, u)
		}
	}
	return out, nil
}

// testUnits: two departments, one with two stations and a sub-station.
var testUnits = register{
	{Code: "U1", Name: "市公安局"},
	{Code: "U1-1", Name: "城东派出所", Parent: "U1"},
	{Code: "U1-2", Name: "城西派出所", Parent: "U1"},
	{Code: "U1-1-1", Name: "城东警务室", Parent: "U1-1"},
	{Code: "U2", Name: "市税务局"},
}

// clock is a settable time for the store's database.
type clock struct{ now time.Time }

func (c *clock) set(s string) {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, i18n.China)
	if err != nil {
		panic(err)
	}
	c.now = t.UTC()
}

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, i18n.China)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

type fixture struct {
	db    *storage.DB
	store *appeals.Store
	log   *audit.Log
	clock *clock
	keys  *secret.Keys
}

var (
	dispatcher = audit.Actor{ID: 1, Login: "paidan1", Role: "dispatcher"}
	liaison1   = audit.Actor{ID: 2, Login: "lianluo1", Role: "liaison"}
	public     = audit.Actor{Login: "public"}
)

func newFixture(t *testing.T, db *storage.DB) *fixture {
	t.Helper()
	keys, err := secret.New(secret.Generate())
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{}
	c.set("2026-03-02 09:00") // a Monday
	db.Now = func() time.Time { return c.now.Truncate(time.Microsecond) }
	log := audit.New(db, keys)
	days := func(context.Context) (appeals.WorkingDays, error) { return weekdays{}, nil }
	return &fixture{db: db, store: appeals.NewStore(db, keys, log, days, testUnits, appeals.DefaultConfig), log: log, clock: c, keys: keys}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
