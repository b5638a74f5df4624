package rectification

import (
	"bytes"
	"context"
	"testing"
	"time"

	"pingyi/audit"
	"pingyi/calendar"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/secret"
	"pingyi/storage"
)

var (
	member  = audit.Actor{ID: 2, Login: "wang", Role: "committee"}
	liaison = audit.Actor{ID: 3, Login: "li", Role: "liaison"}
	ctx     = context.Background()
)

type fixture struct {
	t   *testing.T
	db  *storage.DB
	log *audit.Log
	s   *Store
}

func newFixture(t *testing.T, db *storage.DB) *fixture {
	keys, err := secret.New(bytes.Repeat([]byte{9}, secret.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	log := audit.New(db, keys)
	return &fixture{t: t, db: db, log: log, s: New(db, log, calendar.New(db, log))}
}

// china is a China-time moment.
func china(date string, hour int) time.Time {
	d, err := time.ParseInLocation(time.DateOnly, date, i18n.China)
	if err != nil {
		panic(err)
	}
	return d.Add(time.Duration(hour) * time.Hour).UTC()
}

// on is the store with its clock at a China-time moment.
func (f *fixture) on(date string, hour int) *Store { return f.s.at(china(date, hour)) }

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

// refused checks that err is a fault of kind.
func refused(t *testing.T, err error, kind fault.Kind) {
	t.Helper()
	if err == nil {
		t.Fatalf("accepted; want a %s refusal", kind)
	}
	if !fault.Is(err, kind) {
		t.Fatalf("got %v; want a %s refusal", err, kind)
	}
}

func (f *fixture) actions() []string {
	f.t.Helper()
	var rows []audit.Record
	f.must(f.db.WithContext(ctx).Order("seq").Find(&rows).Error)
	var out []string
	for _, r := range rows {
		out = append(out, r.Action)
	}
	return out
}

func (f *fixture) task(id int64) Task {
	f.t.Helper()
	t, err := f.s.Task(ctx, id)
	f.must(err)
	return t
}

func (f *fixture) count(table string) int64 {
	f.t.Helper()
	var n int64
	f.must(f.db.WithContext(ctx).Table(table).Count(&n).Error)
	return n
}
