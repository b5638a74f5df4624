package phone

import (
	"math"
	"testing"
	"time"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/sampling"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

func answers() Interview {
	return Interview{Answers: map[string]string{"efficiency": "A", "attitude": "比较满意", "quality": "X", "overall": "B"}, Comment: "办事很快。"}
}

// A completed interview goes through responses.Submit as a phone response of
// the service users' group, in the case's stratum, with the design weight
// N_h/n_h; releasing the next replicate brings the stored weight to the
// new N_h/n_h.
func TestInterviewStoresAPhoneResponseWithWeightAndStratum(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		f.drawn(frameCSV([]string{"U001", "U002"}, 30), PlanInput{Method: "equal", Completes: 4, ResponseRate: 0.5, Replicates: 2})
		op := f.operators(1)[0]
		c, err := f.store.Next(f.ctx, campaign, audit.Actor{ID: op})
		if err != nil || c == nil {
			t.Fatal(err)
		}
		r, err := f.store.Interview(f.ctx, campaign, audit.Actor{ID: op}, c.ID, answers())
		if err != nil {
			t.Fatal(err)
		}
		var resp responses.Response
		db.Gorm.Where("ref = ?", r.Ref).Take(&resp)
		st, _ := f.survey.Structure(f.ctx, campaign)
		g, _ := st.GroupIndex("service_users")
		if resp.Channel != responses.Phone || resp.Stratum != c.Unit || resp.Weight != 15 || resp.GroupID != st.Groups[g].ID {
			t.Fatalf("response %+v: want phone, stratum %s, weight 30/2", resp, c.Unit)
		}
		ratings, _ := responses.DecodeAnswers(resp.Answers, nil)
		if len(ratings) != 4 {
			t.Fatalf("ratings %v", ratings)
		}
		var pc phoneCase
		db.Gorm.Take(&pc, c.ID)
		if pc.Status != Closed || *pc.Disposition != "1.1" || pc.ResponseID == nil || *pc.ResponseID != resp.ID || pc.LeaseOwner != nil {
			t.Fatalf("case %+v", pc)
		}
		// Sent twice (a double click): stored once.
		again, err := f.store.Interview(f.ctx, campaign, audit.Actor{ID: op}, c.ID, answers())
		if err != nil || !again.Replayed || again.Ref != r.Ref {
			t.Fatalf("second send: %+v %v", again, err)
		}
		// The next replicate doubles n_h: the weight halves.
		if _, err := f.store.Release(f.ctx, campaign, []string{c.Unit}, audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
		db.Gorm.Take(&resp, resp.ID)
		if resp.Weight != 7.5 {
			t.Fatalf("weight after the second replicate: %v, want 30/4", resp.Weight)
		}
		var n int64
		db.Gorm.Model(&responses.Response{}).Count(&n)
		if n != 1 {
			t.Fatalf("%d responses", n)
		}
	})
}

func TestInterviewNeedsTheHeldCaseAndValidAnswers(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		f.drawn(frameCSV([]string{"U001"}, 10), PlanInput{Method: "equal", Completes: 2, ResponseRate: 1, Replicates: 1})
		ops := f.operators(2)
		c, _ := f.store.Next(f.ctx, campaign, audit.Actor{ID: ops[0]})
		if _, err := f.store.Interview(f.ctx, campaign, audit.Actor{ID: ops[1]}, c.ID, answers()); !fault.Is(err, fault.Conflict) {
			t.Fatalf("an interview on someone else's case: %v", err)
		}
		bad := Interview{Answers: map[string]string{"efficiency": "Z", "mood": "A"}}
		if _, err := f.store.Interview(f.ctx, campaign, audit.Actor{ID: ops[0]}, c.ID, bad); !fault.Is(err, fault.Invalid) {
			t.Fatalf("bad answers: %v", err)
		}
		if _, err := f.store.Interview(f.ctx, campaign, audit.Actor{ID: ops[0]}, c.ID, Interview{}); !fault.Is(err, fault.Invalid) {
			t.Fatalf("no answers: %v", err)
		}
		var n int64
		db.Gorm.Model(&responses.Response{}).Count(&n)
		if n != 0 {
			t.Fatalf("%d responses stored", n)
		}
	})
}

// Once a unit has its completes, its waiting cases close as quota filled
// and no operator is given one again; a case held at that moment closes
// when its call is recorded.
func TestQuotaStopsAssignment(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		f.drawn(frameCSV([]string{"U001", "U002"}, 10), PlanInput{Method: "equal", Completes: 2, ResponseRate: 0.25, Replicates: 1})
		ops := f.operators(2)
		first, _ := f.store.Next(f.ctx, campaign, audit.Actor{ID: ops[0]})
		// Make the second operator hold a case of the same unit.
		var same phoneCase
		db.Gorm.Where("stratum = ? AND id <> ? AND status = ?", first.Unit, first.ID, Open).Order("id").Take(&same)
		db.Gorm.Model(&same).Updates(map[string]any{"lease_owner": ops[1], "lease_expires_at": f.db.Now().Add(time.Hour)})
		if _, err := f.store.Interview(f.ctx, campaign, audit.Actor{ID: ops[0]}, first.ID, answers()); err != nil {
			t.Fatal(err)
		}
		var filled int64
		db.Gorm.Model(&phoneCase{}).Where("stratum = ? AND disposition = ?", first.Unit, "4.80").Count(&filled)
		if filled != 2 {
			t.Fatalf("%d cases closed as quota filled, want the 2 not held", filled)
		}
		r, err := f.store.Record(f.ctx, campaign, audit.Actor{ID: ops[1]}, same.ID, Outcome{Disposition: "3.13"})
		if err != nil || r.Disposition != "4.80" || !r.Final {
			t.Fatalf("the held case after its call: %+v %v", r, err)
		}
		for {
			c, err := f.store.Next(f.ctx, campaign, audit.Actor{ID: ops[0]})
			if err != nil {
				t.Fatal(err)
			}
			if c == nil {
				break
			}
			if c.Unit == first.Unit {
				t.Fatalf("case %d of the full unit %s handed out", c.ID, c.Unit)
			}
			f.store.Record(f.ctx, campaign, audit.Actor{ID: ops[0]}, c.ID, Outcome{Disposition: "4.31"})
		}
		if rel, _ := f.store.Release(f.ctx, campaign, nil, audit.Actor{Login: "admin"}); rel.Cases != 0 {
			t.Fatalf("released %d more cases", rel.Cases)
		}
	})
}

// hold gives a case to an operator directly, so a test can choose which.
func (f *fixture) hold(caseID, op int64) {
	f.t.Helper()
	if err := f.db.Gorm.Model(&phoneCase{}).Where("id = ?", caseID).
		Updates(map[string]any{"lease_owner": op, "leased_at": f.db.Now(), "lease_expires_at": f.db.Now().Add(time.Hour)}).Error; err != nil {
		f.t.Fatal(err)
	}
}

// The counts behind the AAPOR rates come from the stored attempts: each
// released case once, by its final or latest disposition, never-called
// cases as 3.11, per unit and per operator of the last attempt.
func TestOutcomeCountsFromStoredAttempts(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		f.drawn(frameCSV([]string{"U001", "U002"}, 10), PlanInput{Method: "equal", Completes: 16, ResponseRate: 1, Replicates: 1})
		f.rules(SettingsInput{MinIntervalMinutes: 0})
		ops := f.operators(2)
		a, b := ops[0], ops[1]
		var u1, u2 []phoneCase
		db.Gorm.Where("stratum = 'U001'").Order("position").Find(&u1)
		db.Gorm.Where("stratum = 'U002'").Order("position").Find(&u2)
		step := func(op int64, c phoneCase, disp string, appointment ...string) {
			t.Helper()
			f.clock.advance(10 * time.Minute)
			f.hold(c.ID, op)
			var err error
			switch disp {
			case "1.1", "1.2":
				in := answers()
				in.Partial = disp == "1.2"
				_, err = f.store.Interview(f.ctx, campaign, audit.Actor{ID: op}, c.ID, in)
			default:
				o := Outcome{Disposition: disp}
				if len(appointment) > 0 {
					o.Appointment = appointment[0]
				}
				_, err = f.store.Record(f.ctx, campaign, audit.Actor{ID: op}, c.ID, o)
			}
			if err != nil {
				t.Fatalf("case %d %s: %v", c.Position, disp, err)
			}
		}
		step(a, u1[0], "1.1")
		step(a, u1[1], "3.13")
		step(b, u1[1], "2.11")
		step(b, u1[2], "4.31")
		step(a, u1[3], "3.13")
		step(a, u1[4], "2.21", "2026-11-04T10:00")
		// u1[5] is never called
		step(a, u1[6], "1.2")
		step(b, u1[7], "2.33")
		step(b, u2[0], "1.1")

		out, err := f.store.Outcomes(f.ctx, campaign, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]sampling.Counts{
			"":     {I: 2, P: 1, R: 1, NC: 1, O: 1, UH: 9, NE: 1},
			"U001": {I: 1, P: 1, R: 1, NC: 1, O: 1, UH: 2, NE: 1},
			"U002": {I: 1, UH: 7},
		}
		if out.Overall.Counts != want[""] || out.Overall.Cases != 16 {
			t.Errorf("overall %+v", out.Overall.Counts)
		}
		if out.Overall.Called != 8 { // u1[0…4], u1[6], u1[7], u2[0]
			t.Errorf("%d cases called, want 8", out.Overall.Called)
		}
		for _, u := range out.Units {
			if u.Counts != want[u.Key] {
				t.Errorf("%s: %+v, want %+v", u.Key, u.Counts, want[u.Key])
			}
		}
		byOp := map[string]sampling.Counts{}
		for _, o := range out.Operators {
			byOp[o.Key] = o.Counts
		}
		if byOp[itoa(a)] != (sampling.Counts{I: 1, P: 1, NC: 1, UH: 1}) || byOp[itoa(b)] != (sampling.Counts{I: 1, R: 1, O: 1, NE: 1}) {
			t.Errorf("operators %+v", byOp)
		}
		// The rates by hand: e = 6/7; RR1 = 2/15; RR3 = 2/(6 + 6/7·9);
		// COOP1 = 2/5; REF1 = 1/15; CON1 = 5/15.
		r := out.Overall.Rates
		for name, pair := range map[string][2]float64{"e": {r.E.Value, 6.0 / 7}, "RR1": {r.RR1.Value, 2.0 / 15},
			"RR3": {r.RR3.Value, 2 / (6 + 6.0/7*9)}, "COOP1": {r.COOP1.Value, 0.4}, "REF1": {r.REF1.Value, 1.0 / 15},
			"CON1": {r.CON1.Value, 5.0 / 15}, "RR6": {r.RR6.Value, 3.0 / 6}} {
			if math.Abs(pair[0]-pair[1]) > 1e-12 {
				t.Errorf("%s = %v, want %v", name, pair[0], pair[1])
			}
		}
		e := 0.5
		if out, _ = f.store.Outcomes(f.ctx, campaign, &e); math.Abs(out.Overall.Rates.RR3.Value-2/(6+4.5)) > 1e-12 {
			t.Errorf("RR3 with e = 0.5: %v", out.Overall.Rates.RR3.Value)
		}
		p, err := f.store.Progress(f.ctx, campaign)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Productivity) != 2 || p.Productivity[0].Attempts+p.Productivity[1].Attempts != 9 || p.Total.Completes != 2 {
			t.Fatalf("productivity %+v, completes %d", p.Productivity, p.Total.Completes)
		}
	})
}
