package appeals_test

import (
	"context"
	"strings"
	"testing"

	"pingyi/appeals"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

func TestCaseGoesThroughEveryStage(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		got, err := f.store.Receive(ctx, appeals.Intake{Channel: "hotline", Kind: "投诉", Content: "路灯不亮",
			Contact: "13812341234", Password: "secret-42"}, dispatcher)
		must(t, err)
		if len(got.Number) != 12 || !strings.HasPrefix(got.Number, "2026") {
			t.Errorf("number %q: want 2026 and eight digits", got.Number)
		}
		c, err := f.store.Get(ctx, got.ID)
		must(t, err)
		if c.Contact != "138****1234" || c.Kind != appeals.Complaint || !c.HasPassword || c.Status != appeals.StatusReceived {
			t.Errorf("received case: %+v", c)
		}
		// A reply before acceptance is refused in the user's words.
		if err := f.store.Reply(ctx, got.ID, "U1-1", "已修复", true, liaison1); !fault.Is(err, fault.Forbidden) {
			t.Errorf("reply to an unassigned case: %v", err)
		}
		must(t, f.store.Assign(ctx, got.ID, "城东派出所", dispatcher)) // by exact name
		c, _ = f.store.Get(ctx, got.ID)
		// Assigned Monday 2 March: accept by the end of Tuesday 3rd, reply by the end of Thursday 5th.
		if !c.AcceptBy.Equal(at("2026-03-04 00:00")) || !c.Deadline.Equal(at("2026-03-06 00:00")) || c.Unit != "U1-1" {
			t.Errorf("assignment: accept by %v, deadline %v, unit %s", c.AcceptBy, c.Deadline, c.Unit)
		}
		if err := f.store.Reply(ctx, got.ID, "U1-1", "已修复", true, liaison1); !fault.Is(err, fault.Conflict) {
			t.Errorf("reply to an unaccepted case: %v", err)
		}
		if err := f.store.Accept(ctx, got.ID, "U2", liaison1); !fault.Is(err, fault.Forbidden) {
			t.Errorf("another unit accepting: %v", err)
		}
		must(t, f.store.Accept(ctx, got.ID, "U1-1", liaison1))
		// Friday 6 March is a working day; Saturday the 7th is not.
		if err := f.store.RequestExtension(ctx, got.ID, "U1-1", at("2026-03-07 00:00"), "需要协调", liaison1); !fault.Is(err, fault.Invalid) {
			t.Errorf("an extension to a Saturday: %v", err)
		}
		must(t, f.store.RequestExtension(ctx, got.ID, "U1-1", at("2026-03-10 00:00"), "需要协调", liaison1))
		if err := f.store.RequestExtension(ctx, got.ID, "U1-1", at("2026-03-11 00:00"), "再延", liaison1); !fault.Is(err, fault.Conflict) {
			t.Errorf("a second extension: %v", err)
		}
		f.clock.set("2026-03-06 00:01") // past the deadline: approving now would rewrite history
		if err := f.store.DecideExtension(ctx, got.ID, true, dispatcher); !fault.Is(err, fault.Conflict) {
			t.Errorf("an extension approved after the deadline: %v", err)
		}
		f.clock.set("2026-03-05 12:00")
		must(t, f.store.DecideExtension(ctx, got.ID, true, dispatcher))
		c, _ = f.store.Get(ctx, got.ID)
		if !c.Deadline.Equal(at("2026-03-11 00:00")) {
			t.Errorf("extended deadline %v", c.Deadline)
		}
		f.clock.set("2026-03-09 10:00")
		must(t, f.store.Reply(ctx, got.ID, "U1-1", "已修复", false, liaison1))
		if err := f.store.Callback(ctx, got.ID, "很好", dispatcher); !fault.Is(err, fault.Invalid) {
			t.Errorf("a callback value outside the list: %v", err)
		}
		must(t, f.store.Callback(ctx, got.ID, "不满意", dispatcher))
		// Reply Monday 9 March: review until the end of Wednesday 8 April.
		c, _ = f.store.Get(ctx, got.ID)
		if !c.ReviewUntil.Equal(at("2026-04-09 00:00")) {
			t.Errorf("review until %v", c.ReviewUntil)
		}
		f.clock.set("2026-04-08 23:00")
		must(t, f.store.Review(ctx, got.ID, public))
		f.clock.set("2026-04-10 10:00")
		must(t, f.store.Reply(ctx, got.ID, "U1-1", "复查：已更换灯具", true, liaison1))
		must(t, f.store.Review(ctx, got.ID, public))
		must(t, f.store.Reply(ctx, got.ID, "U1-1", "复核：维持", true, liaison1))
		if err := f.store.Review(ctx, got.ID, public); !fault.Is(err, fault.Conflict) {
			t.Errorf("a third review: %v", err)
		}
		if c, _ = f.store.Get(ctx, got.ID); !c.Settled {
			t.Errorf("a case replied after 复核 is not settled")
		}
		hist, err := f.store.History(ctx, got.ID)
		must(t, err)
		var stages []string
		for _, e := range hist {
			stages = append(stages, e.Stage)
		}
		want := "receive assign accept extension extension reply callback review reply review reply"
		if strings.Join(stages, " ") != want {
			t.Errorf("history %v, want %s", stages, want)
		}
		// Every stage is audited, and no audit entry holds the contact.
		entries, err := f.log.List(ctx, "appeal:"+got.Number, 100)
		must(t, err)
		if len(entries) != len(hist) {
			t.Errorf("%d audit entries for %d stages", len(entries), len(hist))
		}
		for _, e := range entries {
			if strings.Contains(e.Detail, "1381234") || strings.Contains(e.Detail, "路灯") {
				t.Errorf("audit detail holds personal data: %s", e.Detail)
			}
		}
	})
}

func TestReviewAfterThirtyDaysIsRefused(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		id := f.replied(t, "U2")
		// Replied Monday 2 March: 30 days end Wednesday 1 April.
		f.clock.set("2026-04-02 00:01")
		err := f.store.Review(ctx, id, public)
		if !fault.Is(err, fault.Conflict) || !strings.Contains(err.Error(), "2026-04-01") {
			t.Errorf("late review: %v", err)
		}
	})
}

func TestReturnedCaseCountsOnlyForItsLastUnit(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		r, err := f.store.Receive(ctx, appeals.Intake{Channel: "window", Kind: "求助", Content: "低保申请"}, dispatcher)
		must(t, err)
		must(t, f.store.Assign(ctx, r.ID, "U2", dispatcher))
		if err := f.store.Assign(ctx, r.ID, "U1", dispatcher); !fault.Is(err, fault.Conflict) {
			t.Errorf("reassigning a case a unit holds: %v", err)
		}
		if err := f.store.Return(ctx, r.ID, "U2", " ", liaison1); !fault.Is(err, fault.Invalid) {
			t.Errorf("a return without a reason: %v", err)
		}
		must(t, f.store.Return(ctx, r.ID, "U2", "非本单位职责", liaison1))
		c, _ := f.store.Get(ctx, r.ID)
		if c.Unit != "" || c.Status != appeals.StatusReceived || c.Deadline != nil {
			t.Errorf("returned case: %+v", c)
		}
		f.clock.set("2026-03-03 09:00")
		must(t, f.store.Assign(ctx, r.ID, "U1", dispatcher))
		c, _ = f.store.Get(ctx, r.ID)
		if c.Unit != "U1" || !c.AcceptBy.Equal(at("2026-03-05 00:00")) {
			t.Errorf("reassigned: unit %s, accept by %v", c.Unit, c.AcceptBy)
		}
	})
}

func TestReportNeverReachesTheUnitItConcerns(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		if _, err := f.store.Receive(ctx, appeals.Intake{Channel: "letter", Kind: "举报", Content: "x"}, dispatcher); !fault.Is(err, fault.Invalid) {
			t.Errorf("a report without its unit: %v", err)
		}
		r, err := f.store.Receive(ctx, appeals.Intake{Channel: "letter", Kind: "举报", Content: "民警态度", ConcernsUnit: "城东派出所"}, dispatcher)
		must(t, err)
		for _, u := range []string{"U1-1", "U1-1-1"} {
			if err := f.store.Assign(ctx, r.ID, u, dispatcher); !fault.Is(err, fault.Forbidden) {
				t.Errorf("a report about U1-1 assigned to %s: %v", u, err)
			}
		}
		must(t, f.store.Assign(ctx, r.ID, "U1", dispatcher))
		if _, err := f.store.GetForUnit(ctx, r.ID, "U1"); err != nil {
			t.Errorf("the department handling it cannot see it: %v", err)
		}
		if _, err := f.store.GetForUnit(ctx, r.ID, "U1-1"); !fault.Is(err, fault.NotFound) {
			t.Errorf("the unit concerned sees the report: %v", err)
		}
	})
}

func TestBadIntakeIsRefusedWhole(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		_, err := f.store.Receive(context.Background(), appeals.Intake{Channel: "fax", Kind: "抱怨", Content: "", Password: "123"}, dispatcher)
		e, ok := fault.As(err)
		if !ok || len(e.Problems) != 4 {
			t.Fatalf("want four problems, got %v", err)
		}
		var n int64
		db.Gorm.Table("appeal_cases").Count(&n)
		if n != 0 {
			t.Errorf("%d cases written", n)
		}
	})
}

// replied files a simple case on Monday 2 March 09:00 and has unit reply at once.
func (f *fixture) replied(t *testing.T, unit string) int64 {
	t.Helper()
	ctx := context.Background()
	r, err := f.store.Receive(ctx, appeals.Intake{Channel: "web", Kind: "咨询", Content: "问题", Password: "pass-1234"}, public)
	must(t, err)
	must(t, f.store.Assign(ctx, r.ID, unit, dispatcher))
	must(t, f.store.Accept(ctx, r.ID, unit, liaison1))
	must(t, f.store.Reply(ctx, r.ID, unit, "答复", true, liaison1))
	return r.ID
}
