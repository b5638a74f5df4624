package rectification

import (
	"context"
	"testing"

	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// A task from an appeal case asks for the person's satisfaction when it
// closes, and keeps the latest answer.
func TestATaskFromAnAppealAsksForAFollowUp(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		s := f.on("2026-11-02", 10)
		n := handTask("tax", "退税慢")
		n.Source = Source{Kind: FromAppeal, Case: "12345-2026-0042"}
		id, err := s.OpenTask(ctx, member, n)
		f.must(err)
		refused(t, s.AnswerFollowUp(ctx, member, id, Satisfied), fault.Conflict) // not closed yet
		pending, err := s.PendingFollowUps(ctx)
		f.must(err)
		if len(pending) != 0 {
			t.Fatalf("pending before closing: %+v", pending)
		}
		f.must(s.AddEvidence(ctx, liaison, "tax", id, "done", []Upload{{Name: "a.pdf", Content: DemoPDF("a")}}))
		f.must(s.RequestClose(ctx, liaison, "tax", id, ""))
		f.must(s.Accept(ctx, member, id, ""))
		pending, err = s.PendingFollowUps(ctx)
		f.must(err)
		if len(pending) != 1 || pending[0].Case != "12345-2026-0042" || pending[0].TaskID != id {
			t.Fatalf("pending after closing: %+v", pending)
		}
		refused(t, s.AnswerFollowUp(ctx, member, id, "很好"), fault.Invalid)
		f.must(f.on("2026-11-03", 10).AnswerFollowUp(ctx, member, id, NotReached))
		f.must(f.on("2026-11-04", 10).AnswerFollowUp(ctx, member, id, FairlySatisfied))
		tasks, err := s.FollowUpsOfCase(ctx, "12345-2026-0042")
		f.must(err)
		fu := tasks[0].FollowUp
		if len(tasks) != 1 || fu == nil || fu.Answer != FairlySatisfied || !fu.AnsweredAt.Equal(china("2026-11-04", 10)) {
			t.Fatalf("follow-up: %+v", fu)
		}
		if pending, _ := s.PendingFollowUps(ctx); len(pending) != 0 {
			t.Fatalf("still pending: %+v", pending)
		}
	})
}

// knownCases stands in for the appeals ledger's one answer rectification
// needs: whether a case number exists.
type knownCases map[string]bool

func (k knownCases) CaseKnown(_ context.Context, number string) (bool, error) { return k[number], nil }

// With the ledger wired, a task or a mark refers to a known case only.
func TestAnAppealTaskNamesAKnownCase(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		f.s.UseCases(knownCases{"12345-2026-0042": true})
		s := f.on("2026-11-02", 10)
		n := handTask("tax", "退税慢")
		n.Source = Source{Kind: FromAppeal, Case: "12345-2026-9999"}
		_, err := s.OpenTask(ctx, member, n)
		refused(t, err, fault.Invalid)
		_, err = s.Propose(ctx, member, handPublication(), Rules{Marked: []Marked{{Unit: "tax", Kind: FromAppeal, Case: "nope"}}})
		refused(t, err, fault.Invalid)
		n.Source.Case = "12345-2026-0042"
		_, err = s.OpenTask(ctx, member, n)
		f.must(err)
		if f.count("rectification_tasks") != 1 || f.count("rectification_proposals") != 0 {
			t.Fatal("unknown cases left rows")
		}
	})
}
