package rectification

import (
	"slices"
	"strings"
	"testing"

	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

func fp(v float64) *float64 { return &v }
func ip(v int) *int         { return &v }

// A hand-made publication of four units in tiers 满意 … 不满意.
func handPublication() Publication {
	return Publication{Campaign: "2026-annual", Version: 2, Tiers: []string{"满意", "比较满意", "基本满意", "不满意"},
		Units: []PublishedUnit{
			{Code: "tax", Category: "window", Index: fp(91.2), Rank: ip(1), Tier: "满意", Indicators: map[string]float64{"attitude": 92, "efficiency": 88}},
			{Code: "police", Category: "window", Index: fp(58.04), Rank: ip(3), Tier: "不满意", Indicators: map[string]float64{"attitude": 61, "efficiency": 55}},
			{Code: "water", Category: "service", Index: fp(79), Rank: ip(2), Tier: "基本满意", Indicators: map[string]float64{"efficiency": 69.5, "attitude": 64}},
			{Code: "parks", Category: "service", Tier: ""}, // no index: too few responses
		}}
}

func TestProposalsFromAPublication(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		s := f.on("2026-11-02", 10)
		rules := Rules{IndicatorBelow: fp(65), Marked: []Marked{
			{Unit: "water", Kind: FromComment, Text: "水费账单看不懂，打 0531-88886666 也没人接"},
			{Unit: "tax", Kind: FromAppeal, Case: "12345-2026-0042", Text: "退税迟迟未到账"},
		}}
		got, err := s.Propose(ctx, member, handPublication(), rules)
		f.must(err)
		var seen []string
		for _, p := range got {
			seen = append(seen, p.Unit+"/"+string(p.Source.Kind)+"/"+p.Source.Indicator+p.Source.Case)
		}
		want := []string{"police/tier/", "police/indicator/attitude", "police/indicator/efficiency",
			"tax/appeal/12345-2026-0042", "water/indicator/attitude", "water/comment/"}
		if !slices.Equal(seen, want) {
			t.Fatalf("proposed %v; want %v", seen, want)
		}
		if p := got[0]; p.Problem != "在公布的排名中处于最低等次（不满意），满意度指数 58.04" || p.State != "proposed" {
			t.Fatalf("tier proposal: %+v", p)
		}
		if c := got[5]; strings.Contains(c.Problem, "88886666") || c.Source.Text != "水费账单看不懂，打 *** 也没人接" {
			t.Fatalf("the comment keeps a phone number: %+v", c)
		}
		// Proposing again adds nothing; a lower threshold adds only the new.
		again, err := s.Propose(ctx, member, handPublication(), rules)
		f.must(err)
		if len(again) != len(got) {
			t.Fatalf("proposing twice gave %d proposals; want %d", len(again), len(got))
		}
		// Confirm two, drop one: each audited, and a confirmed one is a task.
		id, err := s.Confirm(ctx, member, got[0].ID, "", "提出整改方案", Deadline{WorkingDays: 20})
		f.must(err)
		task := f.task(id)
		if task.Unit != "police" || task.Source.Kind != FromTier || task.Version != 2 || task.Problem != got[0].Problem {
			t.Fatalf("confirmed task: %+v", task)
		}
		_, err = s.Confirm(ctx, member, got[0].ID, "", "again", Deadline{WorkingDays: 20})
		refused(t, err, fault.Conflict)
		_, err = s.Confirm(ctx, member, got[1].ID, "", "", Deadline{WorkingDays: 20})
		refused(t, err, fault.Invalid) // no measures: the proposal stays
		appealTask, err := s.Confirm(ctx, member, got[3].ID, "退税到账慢", "核查退税流程", Deadline{WorkingDays: 10})
		f.must(err)
		if tk := f.task(appealTask); tk.Problem != "退税到账慢" || tk.Source.Case != "12345-2026-0042" {
			t.Fatalf("reworded appeal task: %+v", tk)
		}
		refused(t, s.Drop(ctx, member, got[4].ID, ""), fault.Invalid)
		f.must(s.Drop(ctx, member, got[4].ID, "已在上一年度整改"))
		refused(t, s.Drop(ctx, member, got[4].ID, "twice"), fault.Conflict)
		refused(t, s.Drop(ctx, member, 9999, "none"), fault.NotFound)
		list, err := s.Proposals(ctx, "2026-annual", 2)
		f.must(err)
		states := map[string]int{}
		for _, p := range list {
			states[p.State]++
		}
		if states["confirmed"] != 2 || states["dropped"] != 1 || states["proposed"] != 3 || list[4].Reason != "已在上一年度整改" {
			t.Fatalf("states %v, dropped reason %q", states, list[4].Reason)
		}
		wantActions := []string{"rectification.propose", "rectification.propose", "rectification.open", "rectification.confirm",
			"rectification.open", "rectification.confirm", "rectification.drop"}
		if a := f.actions(); !slices.Equal(a, wantActions) {
			t.Fatalf("audited %v; want %v", a, wantActions)
		}
	})
}

// Marks for units not in the publication, or without their text or case
// number, are refused together and nothing is proposed.
func TestBadMarksProposeNothing(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		_, err := f.s.Propose(ctx, member, handPublication(), Rules{Marked: []Marked{
			{Unit: "nowhere", Kind: FromComment, Text: "x"},
			{Unit: "tax", Kind: FromAppeal},
			{Unit: "tax", Kind: FromClue, Text: "y"},
		}})
		refused(t, err, fault.Invalid)
		if e, _ := fault.As(err); len(e.Problems) != 3 {
			t.Fatalf("problems %v", e.Problems)
		}
		if f.count("rectification_proposals") != 0 {
			t.Fatal("bad marks left proposals")
		}
		// With a single tier, no unit is "the lowest".
		one := handPublication()
		one.Tiers = []string{"不满意"}
		got, err := f.s.Propose(ctx, member, one, Rules{})
		f.must(err)
		if len(got) != 0 {
			t.Fatalf("one tier proposed %d", len(got))
		}
	})
}
