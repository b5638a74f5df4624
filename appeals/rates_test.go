package appeals_test

import (
	"context"
	"fmt"
	"testing"

	"pingyi/appeals"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// ledgerScenario works eight cases through the stages, in time order:
//
//	G U2      received Fri 27 Feb (outside March), accepted and replied at once
//	A U1-1    accepted in time, replied on time and resolved, 满意
//	B U1-1    accepted late, extended to Tue 10 Mar, replied Mon 9 unresolved,
//	          不满意; 复查 on the 10th, replied the 11th, 基本满意; no 复核
//	C U1-1-1  accepted at once, replied late (Mon 9), resolved, not reached
//	D U1      never accepted
//	E U2→U1-2 returned by U2, reassigned Tue 3; replied in time; 复查 and 复核
//	F U2      accepted, never replied
//	H —       received, never assigned
func ledgerScenario(t *testing.T, f *fixture) {
	t.Helper()
	ctx := context.Background()
	s := f.store
	receive := func() int64 {
		r, err := s.Receive(ctx, appeals.Intake{Channel: "hotline", Kind: "投诉", Content: "事项"}, dispatcher)
		must(t, err)
		return r.ID
	}
	f.clock.set("2026-02-27 10:00")
	G := receive()
	must(t, s.Assign(ctx, G, "U2", dispatcher))
	must(t, s.Accept(ctx, G, "U2", liaison1))
	must(t, s.Reply(ctx, G, "U2", "答复", true, liaison1))

	f.clock.set("2026-03-02 09:00")
	A, B, C, D, E, F := receive(), receive(), receive(), receive(), receive(), receive()
	receive() // H
	must(t, s.Assign(ctx, A, "U1-1", dispatcher))
	must(t, s.Assign(ctx, B, "U1-1", dispatcher))
	must(t, s.Assign(ctx, C, "U1-1-1", dispatcher))
	must(t, s.Assign(ctx, D, "U1", dispatcher))
	must(t, s.Assign(ctx, E, "U2", dispatcher))
	must(t, s.Assign(ctx, F, "U2", dispatcher))
	must(t, s.Accept(ctx, C, "U1-1-1", liaison1))
	f.clock.set("2026-03-02 11:00")
	must(t, s.Return(ctx, E, "U2", "非本单位职责", liaison1))
	f.clock.set("2026-03-03 09:00")
	must(t, s.Assign(ctx, E, "U1-2", dispatcher))
	f.clock.set("2026-03-03 10:00")
	must(t, s.Accept(ctx, A, "U1-1", liaison1))
	must(t, s.Accept(ctx, E, "U1-2", liaison1))
	must(t, s.Accept(ctx, F, "U2", liaison1))
	f.clock.set("2026-03-04 10:00")
	must(t, s.Accept(ctx, B, "U1-1", liaison1))
	must(t, s.Reply(ctx, A, "U1-1", "答复", true, liaison1))
	must(t, s.Reply(ctx, E, "U1-2", "答复", true, liaison1))
	must(t, s.Callback(ctx, A, "满意", dispatcher))
	f.clock.set("2026-03-04 11:00")
	must(t, s.RequestExtension(ctx, B, "U1-1", at("2026-03-10 00:00"), "需协调", liaison1))
	f.clock.set("2026-03-05 09:00")
	must(t, s.DecideExtension(ctx, B, true, dispatcher))
	f.clock.set("2026-03-05 10:00")
	must(t, s.Review(ctx, E, public))
	f.clock.set("2026-03-06 10:00")
	must(t, s.Reply(ctx, E, "U1-2", "复查答复", true, liaison1))
	f.clock.set("2026-03-09 10:00")
	must(t, s.Reply(ctx, B, "U1-1", "答复", false, liaison1))
	must(t, s.Reply(ctx, C, "U1-1-1", "答复", true, liaison1))
	must(t, s.Callback(ctx, B, "不满意", dispatcher))
	must(t, s.Callback(ctx, C, "未联系上", dispatcher))
	must(t, s.Review(ctx, E, public))
	f.clock.set("2026-03-10 10:00")
	must(t, s.Review(ctx, B, public))
	must(t, s.Reply(ctx, E, "U1-2", "复核答复", true, liaison1))
	f.clock.set("2026-03-11 10:00")
	must(t, s.Reply(ctx, B, "U1-1", "复查答复", true, liaison1))
	must(t, s.Callback(ctx, B, "基本满意", public))
}

// counts writes a unit's rates as "cases response on_time resolution
// satisfaction settled", each rate num/den.
func counts(r appeals.UnitRates) string {
	return fmt.Sprintf("%d %d/%d %d/%d %d/%d %d/%d %d/%d", r.Cases, r.Response.Num, r.Response.Den,
		r.OnTime.Num, r.OnTime.Den, r.Resolution.Num, r.Resolution.Den,
		r.Satisfaction.Num, r.Satisfaction.Den, r.Settled.Num, r.Settled.Den)
}

func TestRatesMatchHandCounts(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ledgerScenario(t, f)
		ctx := context.Background()
		march, april := at("2026-03-01 00:00"), at("2026-04-01 00:00")
		for _, tc := range []struct {
			asOf string
			want map[string]string
		}{
			{"2026-04-20 00:00", map[string]string{ // everything has happened
				"U1-1-1": "1 1/1 0/1 1/1 0/0 0/0",
				"U1-1":   "3 2/3 2/3 2/3 2/2 1/1",
				"U1-2":   "1 1/1 1/1 1/1 0/0 0/1",
				"U1":     "5 3/5 3/5 3/4 2/2 1/2",
				"U2":     "1 1/1 0/1 0/0 0/0 0/0",
			}},
			{"2026-03-05 12:00", map[string]string{ // B's extension approved, E under 复查, no deadline passed yet
				"U1-1-1": "1 1/1 0/0 0/0 0/0 0/0",
				"U1-1":   "3 2/3 1/1 1/1 1/1 0/0",
				"U1-2":   "1 1/1 1/1 1/1 0/0 0/0",
				"U1":     "5 3/5 2/2 2/2 1/1 0/0",
				"U2":     "1 1/1 0/0 0/0 0/0 0/0",
			}},
			{"2026-03-10 12:00", map[string]string{ // B's first callback (不满意) is its latest so far
				"U1-1": "3 2/3 2/3 2/3 1/2 0/0",
			}},
		} {
			rates, err := f.store.Rates(ctx, march, april, at(tc.asOf), false)
			must(t, err)
			got := map[string]appeals.UnitRates{}
			for _, r := range rates {
				got[r.Unit] = r
			}
			for unit, want := range tc.want {
				if c := counts(got[unit]); c != want {
					t.Errorf("as of %s, %s: got %s, want %s", tc.asOf, unit, c, want)
				}
			}
		}
		// A rate without a denominator is null, not zero.
		rates, _ := f.store.Rates(ctx, march, april, at("2026-04-20 00:00"), false)
		for _, r := range rates {
			if r.Unit == "U2" && (r.Resolution.Value != nil || *r.Response.Value != 1) {
				t.Errorf("U2: resolution %v, response %v", r.Resolution.Value, r.Response.Value)
			}
			if r.Unit == "U1" && *r.Response.Value != 0.6 {
				t.Errorf("U1 response %v, want 0.6", *r.Response.Value)
			}
		}
	})
}

func TestRatesByMonth(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ledgerScenario(t, f)
		rates, err := f.store.Rates(context.Background(), at("2026-02-01 00:00"), at("2026-04-01 00:00"), at("2026-04-20 00:00"), true)
		must(t, err)
		got := map[string]string{}
		for _, r := range rates {
			got[fmt.Sprintf("%s %d", r.Unit, r.Month)] = counts(r)
		}
		want := map[string]string{
			"U2 202602": "1 1/1 1/1 1/1 0/0 0/0", // G
			"U2 202603": "1 1/1 0/1 0/0 0/0 0/0", // F
			"U1 202603": "5 3/5 3/5 3/4 2/2 1/2",
		}
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s: got %q, want %q", k, got[k], w)
			}
		}
		if _, ok := got["U1 202602"]; ok {
			t.Errorf("U1 has a February row without cases")
		}
	})
}
