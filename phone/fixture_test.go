package phone

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"pingyi/audit"
	"pingyi/i18n"
	"pingyi/responses"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/survey"
	"pingyi/tabular"
	"pingyi/validation"
)

const campaign = "phone-test"

// testClock is a settable clock for storage.DB.Now.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func (c *testClock) set(t time.Time) {
	c.mu.Lock()
	c.t = t.UTC()
	c.mu.Unlock()
}

// fixture is an open test campaign with a phone store and a fixed clock, on
// a Tuesday at 10:00 China time, inside the default calling hours.
type fixture struct {
	t      testing.TB
	db     *storage.DB
	store  *Store
	survey *survey.Store
	keys   *secret.Keys
	clock  *testClock
	ctx    context.Context
}

var tuesdayMorning = time.Date(2026, 11, 3, 10, 0, 0, 0, i18n.China)

func newFixture(t testing.TB, db *storage.DB) *fixture {
	t.Helper()
	keys, _ := secret.New(bytes.Repeat([]byte{7}, secret.KeySize))
	clock := &testClock{}
	clock.set(tuesdayMorning)
	db.Now = clock.now
	log := audit.New(db, keys)
	sv := survey.NewStore(db, log, validation.New())
	f := &fixture{t: t, db: db, store: NewStore(db, keys, log, sv, responses.NewStore(db, log, sv)), survey: sv, keys: keys, clock: clock, ctx: context.Background()}
	f.openCampaign(campaign)
	return f
}

// openCampaign creates and opens a campaign from testdata/campaign.json
// under another code.
func (f *fixture) openCampaign(code string) {
	f.t.Helper()
	raw, err := os.ReadFile("testdata/campaign.json")
	if err != nil {
		f.t.Fatal(err)
	}
	var d survey.Definition
	if err := validation.DecodeStrict(raw, &d); err != nil {
		f.t.Fatal(err)
	}
	d.Code = code
	if _, err := f.survey.Create(f.ctx, d, audit.Actor{Login: "admin"}); err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.survey.SetStatus(f.ctx, code, survey.Open, audit.Actor{Login: "admin"}); err != nil {
		f.t.Fatal(err)
	}
}

// operators adds n operator accounts straight into the users table (no
// password hashing: they never sign in) and returns their ids.
func (f *fixture) operators(n int) []int64 {
	f.t.Helper()
	ids := make([]int64, n)
	now := f.db.Now()
	for i := range ids {
		login := fmt.Sprintf("op%d-%d", i, time.Now().UnixNano())
		if err := f.db.Gorm.Exec("INSERT INTO users (login, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, 'operator', 'x', ?, ?)",
			login, login, now, now).Error; err != nil {
			f.t.Fatal(err)
		}
		if err := f.db.Gorm.Raw("SELECT id FROM users WHERE login = ?", login).Scan(&ids[i]).Error; err != nil {
			f.t.Fatal(err)
		}
	}
	return ids
}

// frameCSV writes a contact list: perUnit numbers for each unit, distinct
// across units unless shared is set.
func frameCSV(units []string, perUnit int) string {
	var b strings.Builder
	b.WriteString("单位编码,手机号,姓名,服务日期\n")
	for u, unit := range units {
		for i := range perUnit {
			fmt.Fprintf(&b, "%s,139%04d%04d,张%d,2026-0%d-1%d\n", unit, u, i, i, 1+i%9, i%10)
		}
	}
	return b.String()
}

func (f *fixture) importCSV(name, csv string) FrameImport {
	f.t.Helper()
	res, err := f.store.ImportFrame(f.ctx, campaign, name, strings.NewReader(csv), tabular.CSV, audit.Actor{Login: "admin"})
	if err != nil {
		f.t.Fatalf("import %s: %v", name, err)
	}
	return res
}

// drawn imports a frame, plans, witnesses and executes a draw, and releases
// the first replicate.
func (f *fixture) drawn(csv string, plan PlanInput) Draw {
	f.t.Helper()
	f.importCSV("frame.csv", csv)
	if _, err := f.store.Plan(f.ctx, campaign, plan, audit.Actor{Login: "admin"}); err != nil {
		f.t.Fatalf("plan: %v", err)
	}
	if _, err := f.store.Witness(f.ctx, campaign, f.calledOut("20261103"), audit.Actor{Login: "jiandu"}); err != nil {
		f.t.Fatalf("witness: %v", err)
	}
	d, err := f.store.Execute(f.ctx, campaign, audit.Actor{Login: "admin"})
	if err != nil {
		f.t.Fatalf("execute: %v", err)
	}
	if _, err := f.store.Release(f.ctx, campaign, nil, audit.Actor{Login: "admin"}); err != nil {
		f.t.Fatalf("release: %v", err)
	}
	return d
}

func simplePlan(completes int) PlanInput {
	return PlanInput{Method: "proportional", Completes: completes, Minimum: 1, ResponseRate: 0.5, Replicates: 2}
}

func itoa(n int64) string { return fmt.Sprint(n) }

// calledOut is a witness a supervisor calls out now, just after the plan
// (the fixture's clock may stand still).
func (f *fixture) calledOut(v string) WitnessInput {
	return WitnessInput{Value: v, EventAt: f.db.Now().Add(time.Microsecond)}
}
