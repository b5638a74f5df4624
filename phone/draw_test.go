package phone

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/responses"
	"pingyi/sampling"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/tabular"
)

var units3 = []string{"U001", "U002", "U003"}

func TestPlanAllocatesOverdrawsAndCommits(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		f.importCSV("a.csv", frameCSV([]string{"U001"}, 60)+strings.TrimPrefix(frameCSV([]string{"U002", "U003"}, 20), "单位编码,手机号,姓名,服务日期\n"))
		d, err := f.store.Plan(f.ctx, campaign, PlanInput{Method: "proportional", Completes: 20, Minimum: 3, ResponseRate: 0.4, Replicates: 3}, audit.Actor{Login: "admin"})
		if err != nil {
			t.Fatal(err)
		}
		if d.Status != Planned || d.FrameEntries != 100 || len(d.Commitment) != 64 || d.Seed != nil || len(d.FrameDigest) != 64 {
			t.Fatalf("draw %+v", d)
		}
		strata, _ := strataOf(db.Gorm, d.ID)
		// 20 completes proportional to 60:20:20 is 12:4:4; overdrawn by
		// 0.4 that is 30:10:10, in 3 replicates of 10:4:4.
		want := map[string][4]int{"U001": {60, 12, 30, 10}, "U002": {20, 4, 10, 4}, "U003": {20, 4, 10, 4}}
		for _, st := range strata {
			if w := want[st.Stratum]; [4]int{st.FrameSize, st.Quota, st.Drawn, st.BatchSize} != w {
				t.Errorf("%s: N %d quota %d drawn %d batch %d, want %v", st.Stratum, st.FrameSize, st.Quota, st.Drawn, st.BatchSize, w)
			}
		}
		if _, err := f.store.ImportFrame(f.ctx, campaign, "late.csv", strings.NewReader("unit,phone\nU001,13711112222\n"), tabular.CSV, audit.Actor{Login: "admin"}); !fault.Is(err, fault.Conflict) {
			t.Fatalf("an import into a frozen frame: %v", err)
		}
		if _, err := f.store.Plan(f.ctx, campaign, simplePlan(5), audit.Actor{Login: "admin"}); !fault.Is(err, fault.Conflict) {
			t.Fatalf("a second plan: %v", err)
		}
		if _, err := f.store.Execute(f.ctx, campaign, audit.Actor{Login: "admin"}); !fault.Is(err, fault.Conflict) {
			t.Fatalf("execute before the witness: %v", err)
		}
	})
}

func TestPlanRefusesWhatCannotBeDrawn(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		if _, err := f.store.Plan(f.ctx, campaign, simplePlan(5), audit.Actor{Login: "admin"}); !fault.Is(err, fault.Conflict) {
			t.Fatalf("a plan without a frame: %v", err)
		}
		f.importCSV("a.csv", frameCSV(units3, 5))
		_, err := f.store.Plan(f.ctx, campaign, PlanInput{Method: "lottery", Completes: 0, ResponseRate: 2, Replicates: 0, ContactedMonths: -1}, audit.Actor{Login: "admin"})
		if e, ok := fault.As(err); !ok || len(e.Problems) != 5 {
			t.Fatalf("bad input: %v", err)
		}
		if _, err := f.store.Plan(f.ctx, campaign, simplePlan(16), audit.Actor{Login: "admin"}); !fault.Is(err, fault.Invalid) || !strings.Contains(err.Error(), "15 contacts") {
			t.Fatalf("more completes than contacts: %v", err)
		}
		// A refused plan leaves the frame open.
		f.importCSV("b.csv", "unit,phone\nU001,13711112222\n")
	})
}

// The draw is reproducible from the revealed seed, the witness, the frozen
// frame and the allocation: verifying twice gives byte-identical lists,
// equal to the stored one; changing one frame row makes it fail.
func TestDrawVerifiesAndDetectsAChangedFrame(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		d := f.drawn(frameCSV(units3, 30), simplePlan(12))
		if d.Status != Executed || d.Seed == nil || d.SampleDigest == nil || d.Version != "pingyi/draw/v1" {
			t.Fatalf("executed draw %+v", d)
		}
		seed, _ := sampling.ParseSeed(*d.Seed)
		if sampling.SeedCommitment(seed) != d.Commitment {
			t.Fatal("the revealed seed does not match its commitment")
		}
		var lists [2][]byte
		for i := range lists {
			v, err := Verify(f.ctx, db, d.ID)
			if err != nil || !v.Identical() || len(v.Differ) != 0 {
				t.Fatalf("verify %d: %v %+v", i, err, v)
			}
			var buf bytes.Buffer
			sampling.WriteSample(&buf, v.Recomputed.Strata)
			lists[i] = buf.Bytes()
		}
		stored, _ := storedSample(f.ctx, db, d.ID)
		var buf bytes.Buffer
		sampling.WriteSample(&buf, stored)
		if !bytes.Equal(lists[0], lists[1]) || !bytes.Equal(lists[0], buf.Bytes()) {
			t.Fatal("re-derived lists differ from each other or from the stored one")
		}

		// Change the key of one drawn entry, as a tampered frame would.
		var c phoneCase
		db.Gorm.Where("draw_id = ? AND stratum = ? AND position = 1", d.ID, "U002").Take(&c)
		db.Gorm.Exec("UPDATE phone_frame_entries SET phone_key = ? WHERE id = ?", strings.Repeat("0", 64), c.EntryID)
		v, err := Verify(f.ctx, db, d.ID)
		if err != nil || v.Identical() || v.FrameMatches || !v.SeedMatches || v.SampleMatches {
			t.Fatalf("a changed frame verified: %v %+v", err, v.Verification)
		}
		if len(v.Differ) != 1 || v.Differ[0].Stratum != "U002" || v.Differ[0].Unwanted != 1 || v.Differ[0].Missing != 1 {
			t.Fatalf("differences %+v", v.Differ)
		}
	})
}

func TestVerifyDetectsAChangedStoredList(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, storage.SQLite))
	d := f.drawn(frameCSV(units3, 30), simplePlan(12))
	f.db.Gorm.Exec("UPDATE phone_cases SET position = 1000 WHERE draw_id = ? AND stratum = 'U001' AND position = 1", d.ID)
	v, err := Verify(f.ctx, f.db, d.ID)
	if err != nil || v.Identical() || !v.Verification.Identical() || v.StoredMatches {
		t.Fatalf("%v %+v", err, v)
	}
	if len(v.Differ) != 1 || v.Differ[0].Stratum != "U001" || !v.Differ[0].Reordered {
		t.Fatalf("differences %+v", v.Differ)
	}
}

// A frame changed since planning is refused with a conflict that says so,
// in the reader's language: one whose digest no longer matches, and one
// that lost a whole stratum and cannot even be drawn from.
func TestExecuteRefusesAFrameChangedSincePlanning(t *testing.T) {
	for name, tamper := range map[string]string{
		"an entry deleted":  "DELETE FROM phone_frame_entries WHERE id = (SELECT MAX(id) FROM (SELECT id FROM phone_frame_entries) AS x)",
		"a stratum deleted": "DELETE FROM phone_frame_entries WHERE stratum = 'U002'",
	} {
		t.Run(name, func(t *testing.T) {
			storagetest.Each(t, func(t *testing.T, db *storage.DB) {
				f := newFixture(t, db)
				f.importCSV("a.csv", frameCSV(units3, 10))
				f.store.Plan(f.ctx, campaign, simplePlan(6), audit.Actor{Login: "admin"})
				f.store.Witness(f.ctx, campaign, f.calledOut("12345"), audit.Actor{Login: "jiandu"})
				db.Gorm.Exec(tamper)
				_, err := f.store.Execute(f.ctx, campaign, audit.Actor{Login: "admin"})
				if e, ok := fault.As(err); !ok || e.Kind != fault.Conflict || e.Text(i18n.ZH) == e.Text(i18n.EN) {
					t.Fatalf("execute on a changed frame: %v", err)
				}
				if _, err := f.store.Witness(f.ctx, campaign, f.calledOut("other"), audit.Actor{Login: "jiandu"}); !fault.Is(err, fault.Conflict) {
					t.Fatalf("a second witness: %v", err)
				}
			})
		})
	}
}

// Numbers on the do-not-call list, and numbers called in the last months in
// any campaign, leave the frame when the draw is planned.
func TestPlanExcludesDoNotCallAndRecentlyCalled(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		op := f.operators(1)[0]
		f.drawn(frameCSV([]string{"U001"}, 10), PlanInput{Method: "equal", Completes: 5, ResponseRate: 1, Replicates: 1})
		called := map[string]bool{}
		for range 3 {
			c, err := f.store.Next(f.ctx, campaign, audit.Actor{ID: op})
			if err != nil || c == nil {
				t.Fatalf("next: %v", err)
			}
			called[c.Phone.Canonical] = true
			if _, err := f.store.Record(f.ctx, campaign, audit.Actor{ID: op}, c.ID, Outcome{Disposition: "3.13"}); err != nil {
				t.Fatal(err)
			}
		}
		// Next year's campaign lists the same people, for another unit.
		f.clock.advance(30 * 24 * time.Hour) // a month later
		f.openCampaign("next-year")
		csv := strings.ReplaceAll(frameCSV([]string{"U001"}, 10), "U001,", "U002,")
		if _, err := f.store.ImportFrame(f.ctx, "next-year", "a.csv", strings.NewReader(csv), tabular.CSV, audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
		blocked := "13900000009"
		for called[blocked] {
			blocked = blocked[:10] + string(blocked[10]-1)
		}
		f.store.ImportDoNotCall(f.ctx, strings.NewReader("phone\n"+blocked+"\n"), tabular.CSV, audit.Actor{Login: "admin"})
		next, err := f.store.Plan(f.ctx, "next-year", PlanInput{Method: "equal", Completes: 2, ResponseRate: 1, Replicates: 1, ContactedMonths: 6}, audit.Actor{Login: "admin"})
		if err != nil {
			t.Fatal(err)
		}
		if next.ExcludedContacted != 3 || next.ExcludedDNC != 1 || next.FrameEntries != 6 {
			t.Fatalf("excluded %d called and %d do-not-call, %d left", next.ExcludedContacted, next.ExcludedDNC, next.FrameEntries)
		}
		var left []entry
		db.Gorm.Joins("JOIN phone_frames ON phone_frames.id = phone_frame_entries.frame_id").
			Where("phone_frames.id = ?", next.FrameID).Find(&left)
		for _, e := range left {
			raw, _ := f.keys.Open("phone", e.PhoneSealed)
			if called[string(raw)] || string(raw) == blocked {
				t.Errorf("%s is still in the frame", sampling.MaskPhone(string(raw)))
			}
		}
	})
}

// A simple random draw treats the frame as one stratum; each case keeps
// the unit that served the person, whose questionnaire it gets, and the
// response carries the one stratum and N/n.
func TestSimpleRandomDraw(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		// The same people were served by U001 and U002: two entries each.
		csv := frameCSV([]string{"U001"}, 30) + strings.ReplaceAll(strings.TrimPrefix(frameCSV([]string{"U001"}, 30), "单位编码,手机号,姓名,服务日期\n"), "U001,", "U002,")
		d := f.drawn(csv, PlanInput{Design: Simple, Method: "neyman", Completes: 10, ResponseRate: 0.5, Replicates: 2})
		strata, _ := strataOf(db.Gorm, d.ID)
		if d.Design != Simple || d.Method != Simple || len(strata) != 1 || strata[0].Stratum != "*" || strata[0].FrameSize != 60 ||
			strata[0].Quota != 10 || strata[0].Drawn != 20 || strata[0].Released != 10 {
			t.Fatalf("draw %+v, strata %+v", d, strata)
		}
		if v, err := Verify(f.ctx, db, d.ID); err != nil || !v.Identical() {
			t.Fatalf("verify: %v %+v", err, v)
		}
		var units []string
		db.Gorm.Model(&phoneCase{}).Distinct("unit").Pluck("unit", &units)
		if len(units) != 2 {
			t.Fatalf("cases from units %v", units)
		}
		op := f.operators(1)[0]
		c, _ := f.store.Next(f.ctx, campaign, audit.Actor{ID: op})
		r, err := f.store.Interview(f.ctx, campaign, audit.Actor{ID: op}, c.ID, answers())
		if err != nil {
			t.Fatal(err)
		}
		var resp responses.Response
		db.Gorm.Where("ref = ?", r.Ref).Take(&resp)
		ratings, _ := responses.DecodeAnswers(resp.Answers, nil)
		st, _ := f.survey.Structure(f.ctx, campaign)
		u, _ := st.UnitIndex(c.Unit)
		if resp.Stratum != "*" || resp.Weight != 6 || len(ratings) != 4 || ratings[0].Unit != u {
			t.Fatalf("response %+v %v: want stratum *, weight 60/10, the case's unit %s", resp, ratings, c.Unit)
		}
		out, _ := f.store.Outcomes(f.ctx, campaign, nil)
		if len(out.Units) != 2 || out.Overall.Counts.I != 1 {
			t.Fatalf("outcomes by unit %+v", out.Units)
		}
		db.Gorm.Exec("UPDATE phone_frame_entries SET phone_key = ? WHERE id = (SELECT MIN(id) FROM (SELECT id FROM phone_frame_entries) AS x)", strings.Repeat("f", 64))
		if v, err := Verify(f.ctx, db, d.ID); err != nil || v.Identical() || v.FrameMatches {
			t.Fatalf("a changed frame verified: %v", err)
		}
	})
}
