package phone

import (
	"context"
	"sync"
	"testing"
	"time"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/migrations"
	"pingyi/responses"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/validation"
)

func (f *fixture) rules(in SettingsInput) {
	f.t.Helper()
	def := DefaultSettings().Input()
	if in.Group == "" {
		in.Group = def.Group
	}
	if in.CallingHours == "" {
		in.CallingHours, in.CallingDays = def.CallingHours, def.CallingDays
	}
	if in.MaxAttempts == 0 {
		in.MaxAttempts = def.MaxAttempts
	}
	if in.LeaseMinutes == 0 {
		in.LeaseMinutes = def.LeaseMinutes
	}
	if in.Script == "" {
		in.Script = def.Script
	}
	if _, err := f.store.SaveSettings(f.ctx, campaign, in, audit.Actor{Login: "admin"}); err != nil {
		f.t.Fatal(err)
	}
}

// secondProcess is another `pingyi serve` on the same database: its own
// connection pool and stores, nothing shared in memory with f.
func (f *fixture) secondProcess(dsn string) *Store {
	f.t.Helper()
	db, err := storage.Open(f.ctx, dsn, storage.Options{})
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { db.Close() })
	db.Now = f.clock.now
	log := audit.New(db, f.keys)
	surveys := survey.NewStore(db, log, validation.New())
	return NewStore(db, f.keys, log, surveys, responses.NewStore(db, log, surveys))
}

// Fifty operators asking at once, spread over two serve processes, each
// get a different case, and when there are fewer cases than operators the
// rest get none; round after round, on both back ends.
func TestConcurrentOperatorsNeverShareACase(t *testing.T) {
	for _, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) { concurrentOperators(t, storagetest.DSN(t, d)) })
	}
}

func concurrentOperators(t *testing.T, dsn string) {
	db, err := storage.Open(context.Background(), dsn, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := migrations.Up(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, db)
	stores := []*Store{f.store, f.secondProcess(dsn)}
	f.drawn(frameCSV(units3, 40), PlanInput{Method: "equal", Completes: 90, ResponseRate: 1, Replicates: 1})
	f.rules(SettingsInput{MinIntervalMinutes: 0})
	ops := f.operators(50)
	for round := range 3 {
		got := make([]int64, len(ops))
		var wg sync.WaitGroup
		errs := make(chan error, len(ops))
		for i, op := range ops {
			wg.Go(func() {
				c, err := stores[i%2].Next(f.ctx, campaign, audit.Actor{ID: op})
				if err != nil {
					errs <- err
					return
				}
				if c != nil {
					got[i] = c.ID
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("round %d: %v", round, err)
		}
		seen := map[int64]int{}
		for i, id := range got {
			if id == 0 {
				t.Fatalf("round %d: operator %d got no case with 90 open", round, i)
			}
			if j, dup := seen[id]; dup {
				t.Fatalf("round %d: operators %d and %d both got case %d", round, j, i, id)
			}
			seen[id] = i
		}
		var held int64
		db.Gorm.Model(&phoneCase{}).Where("lease_owner IS NOT NULL").Count(&held)
		if held != int64(len(ops)) {
			t.Fatalf("round %d: %d cases held by %d operators", round, held, len(ops))
		}
		for i, op := range ops { // each calls, nobody answers
			if _, err := stores[(i+1)%2].Record(f.ctx, campaign, audit.Actor{ID: op}, got[i], Outcome{Disposition: "3.13"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	// 40 cases left open for the 50 operators... after the first round
	// every case is due again; close all but 30 to check the shortage.
	db.Gorm.Exec("UPDATE phone_cases SET status = 'closed' WHERE id NOT IN (SELECT id FROM (SELECT id FROM phone_cases ORDER BY id LIMIT 30) AS x)")
	var wg sync.WaitGroup
	var mu sync.Mutex
	ids := map[int64]bool{}
	none := 0
	for i, op := range ops {
		wg.Go(func() {
			c, err := stores[i%2].Next(f.ctx, campaign, audit.Actor{ID: op})
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err != nil:
				t.Error(err)
			case c == nil:
				none++
			case ids[c.ID]:
				t.Errorf("case %d handed out twice", c.ID)
			default:
				ids[c.ID] = true
			}
		})
	}
	wg.Wait()
	if len(ids) != 30 || none != 20 {
		t.Fatalf("%d cases handed out, %d operators without", len(ids), none)
	}
}

// An operator who goes away without recording anything keeps the case
// only until the lease expires; then another operator gets it, and the
// first can no longer record on it.
func TestHoldExpiresWhenAnOperatorGoesAway(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		f.drawn(frameCSV([]string{"U001"}, 1), PlanInput{Method: "equal", Completes: 1, ResponseRate: 1, Replicates: 1})
		ops := f.operators(2)
		a, err := f.store.Next(f.ctx, campaign, audit.Actor{ID: ops[0]})
		if err != nil || a == nil {
			t.Fatalf("first claim: %v", err)
		}
		if again, _ := f.store.Next(f.ctx, campaign, audit.Actor{ID: ops[0]}); again == nil || again.ID != a.ID {
			t.Fatal("asking again does not return the held case")
		}
		f.clock.advance(14 * time.Minute)
		if b, err := f.store.Next(f.ctx, campaign, audit.Actor{ID: ops[1]}); err != nil || b != nil {
			t.Fatalf("another operator got a held case: %v %v", b, err)
		}
		if cur, _ := f.store.Current(f.ctx, campaign, audit.Actor{ID: ops[0]}); cur == nil { // activity renews the lease
			t.Fatal("the holder lost the case while active")
		}
		f.clock.advance(14 * time.Minute)
		if b, _ := f.store.Next(f.ctx, campaign, audit.Actor{ID: ops[1]}); b != nil {
			t.Fatal("the renewed lease was not honoured")
		}
		f.clock.advance(2 * time.Minute) // 16 minutes without activity: the operator crashed
		b, err := f.store.Next(f.ctx, campaign, audit.Actor{ID: ops[1]})
		if err != nil || b == nil || b.ID != a.ID {
			t.Fatalf("the expired case did not go to the next operator: %v %v", b, err)
		}
		if cur, _ := f.store.Current(f.ctx, campaign, audit.Actor{ID: ops[0]}); cur != nil {
			t.Fatal("the crashed operator still sees the case")
		}
		if _, err := f.store.Record(f.ctx, campaign, audit.Actor{ID: ops[0]}, a.ID, Outcome{Disposition: "3.13"}); !fault.Is(err, fault.Conflict) {
			t.Fatalf("the crashed operator recorded on a case they lost: %v", err)
		}
		if _, err := f.store.Record(f.ctx, campaign, audit.Actor{ID: ops[1]}, a.ID, Outcome{Disposition: "3.13"}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestCallingHoursHold(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		f.drawn(frameCSV([]string{"U001"}, 3), PlanInput{Method: "equal", Completes: 3, ResponseRate: 1, Replicates: 1})
		op := f.operators(1)[0]
		for _, at := range []time.Time{
			time.Date(2026, 11, 3, 12, 30, 0, 0, i18n.China), // midday rest
			time.Date(2026, 11, 3, 20, 0, 0, 0, i18n.China),  // evening
			time.Date(2026, 11, 3, 8, 59, 0, 0, i18n.China),  // too early
		} {
			f.clock.set(at)
			if c, err := f.store.Next(f.ctx, campaign, audit.Actor{ID: op}); !fault.Is(err, fault.Conflict) || c != nil {
				t.Errorf("%s: got %v, %v", at.Format("15:04"), c, err)
			}
		}
		f.rules(SettingsInput{CallingHours: "08:30-21:00", CallingDays: "12345"})
		f.clock.set(time.Date(2026, 11, 3, 20, 30, 0, 0, i18n.China))
		if c, err := f.store.Next(f.ctx, campaign, audit.Actor{ID: op}); err != nil || c == nil {
			t.Fatalf("within the new hours: %v", err)
		}
		f.clock.set(time.Date(2026, 11, 7, 10, 0, 0, 0, i18n.China)) // a Saturday
		if c, err := f.store.Next(f.ctx, campaign, audit.Actor{ID: op}); !fault.Is(err, fault.Conflict) || c != nil {
			t.Fatalf("a Saturday claim: %v %v", c, err)
		}
	})
}

// A temporary outcome sends the case back after the minimum interval, the
// last attempt allowed makes it final, and a final outcome closes it at
// once.
func TestAttemptLimitAndInterval(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		f.drawn(frameCSV([]string{"U001"}, 2), PlanInput{Method: "equal", Completes: 2, ResponseRate: 1, Replicates: 1})
		f.rules(SettingsInput{MaxAttempts: 3, MinIntervalMinutes: 30})
		op := f.operators(1)[0]
		first, _ := f.store.Next(f.ctx, campaign, audit.Actor{ID: op})
		if r, err := f.store.Record(f.ctx, campaign, audit.Actor{ID: op}, first.ID, Outcome{Disposition: "4.31"}); err != nil || !r.Final {
			t.Fatalf("a non-working number is final at once: %+v %v", r, err)
		}
		c, _ := f.store.Next(f.ctx, campaign, audit.Actor{ID: op})
		for attempt := 1; attempt <= 3; attempt++ {
			if c == nil {
				t.Fatalf("attempt %d: no case", attempt)
			}
			r, err := f.store.Record(f.ctx, campaign, audit.Actor{ID: op}, c.ID, Outcome{Disposition: "3.12"})
			if err != nil || r.Attempt != attempt || r.Final != (attempt == 3) {
				t.Fatalf("attempt %d: %+v %v", attempt, r, err)
			}
			if again, _ := f.store.Next(f.ctx, campaign, audit.Actor{ID: op}); again != nil {
				t.Fatalf("attempt %d: the case came back before the interval", attempt)
			}
			f.clock.advance(31 * time.Minute)
			c, _ = f.store.Next(f.ctx, campaign, audit.Actor{ID: op})
		}
		if c != nil {
			t.Fatalf("a case closed at the attempt limit was handed out again: %+v", c)
		}
		var closed phoneCase
		db.Gorm.Where("status = ? AND attempts = 3", Closed).Take(&closed)
		if closed.Disposition == nil || *closed.Disposition != "3.12" || closed.ClosedAt == nil {
			t.Fatalf("closed case %+v", closed)
		}
	})
}

func TestAppointmentsComeFirstWhenDue(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		f.drawn(frameCSV([]string{"U001"}, 3), PlanInput{Method: "equal", Completes: 3, ResponseRate: 1, Replicates: 1})
		f.rules(SettingsInput{MinIntervalMinutes: 30})
		op := f.operators(1)[0]
		c, _ := f.store.Next(f.ctx, campaign, audit.Actor{ID: op})
		for _, bad := range []string{"2026-11-03T09:00", "2026-11-03T12:30", "2026-11-03 15:00", "2027-06-01T10:00"} {
			if _, err := f.store.Record(f.ctx, campaign, audit.Actor{ID: op}, c.ID, Outcome{Disposition: "2.21", Appointment: bad}); !fault.Is(err, fault.Invalid) {
				t.Errorf("appointment %s: %v", bad, err)
			}
		}
		if _, err := f.store.Record(f.ctx, campaign, audit.Actor{ID: op}, c.ID, Outcome{Disposition: "2.11", Appointment: "2026-11-03T15:00"}); !fault.Is(err, fault.Invalid) {
			t.Errorf("an appointment with a refusal: %v", err)
		}
		if _, err := f.store.Record(f.ctx, campaign, audit.Actor{ID: op}, c.ID, Outcome{Disposition: "2.21", Appointment: "2026-11-03T15:00"}); err != nil {
			t.Fatal(err)
		}
		// Until 15:00 the other cases come; then the appointment, before
		// a case that has waited longer.
		other, _ := f.store.Next(f.ctx, campaign, audit.Actor{ID: op})
		if other == nil || other.ID == c.ID {
			t.Fatalf("before the appointment: %+v", other)
		}
		f.store.Record(f.ctx, campaign, audit.Actor{ID: op}, other.ID, Outcome{Disposition: "3.13"})
		f.clock.set(time.Date(2026, 11, 3, 15, 0, 0, 0, i18n.China))
		due, _ := f.store.Next(f.ctx, campaign, audit.Actor{ID: op})
		if due == nil || due.ID != c.ID || due.AppointmentAt == nil {
			t.Fatalf("at the appointment got %+v, want case %d", due, c.ID)
		}
	})
}
