package appeals_test

import (
	"context"
	"testing"

	"pingyi/appeals"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

func ids(q appeals.Queue) []int64 {
	var out []int64
	for _, it := range q.Items {
		out = append(out, it.ID)
	}
	return out
}

func sameIDs(a []int64, b ...int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestQueues(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		s := f.store
		receive := func() int64 {
			r, err := s.Receive(ctx, appeals.Intake{Channel: "hotline", Kind: "求助", Content: "x"}, dispatcher)
			must(t, err)
			return r.ID
		}
		unassigned, assigned, extending := receive(), receive(), receive()
		must(t, s.Assign(ctx, assigned, "U1", dispatcher))
		must(t, s.Assign(ctx, extending, "U1", dispatcher))
		must(t, s.Accept(ctx, extending, "U1", liaison1))
		must(t, s.RequestExtension(ctx, extending, "U1", at("2026-03-09 00:00"), "协调", liaison1))
		replied := f.replied(t, "U2")
		calledBack := f.replied(t, "U2")
		must(t, s.Callback(ctx, calledBack, "满意", dispatcher))

		f.clock.set("2026-03-05 10:00") // Thursday: the deadlines (end of Thursday) are within a working day
		q, err := s.DispatcherQueues(ctx)
		must(t, err)
		if !sameIDs(ids(q.Unassigned), unassigned) || !sameIDs(ids(q.DueSoon), assigned, extending) ||
			len(q.Overdue.Items) != 0 || !sameIDs(ids(q.AwaitingCallback), replied) || !sameIDs(ids(q.Extensions), extending) {
			t.Errorf("Thursday: unassigned %v, due soon %v, overdue %v, callback %v, extensions %v",
				ids(q.Unassigned), ids(q.DueSoon), ids(q.Overdue), ids(q.AwaitingCallback), ids(q.Extensions))
		}
		must(t, s.DecideExtension(ctx, extending, true, dispatcher))
		f.clock.set("2026-03-06 10:00")
		q, err = s.DispatcherQueues(ctx)
		must(t, err)
		if !sameIDs(ids(q.Overdue), assigned) || q.Overdue.Total != 1 || !q.Overdue.Items[0].Overdue || len(q.Extensions.Items) != 0 {
			t.Errorf("Friday: overdue %v, extensions %v", ids(q.Overdue), ids(q.Extensions))
		}
		lq, err := s.LiaisonQueue(ctx, "U1")
		must(t, err)
		if !sameIDs(ids(lq), assigned, extending) || !lq.Items[0].Overdue || lq.Items[1].Overdue {
			t.Errorf("U1's queue: %+v", lq.Items)
		}
	})
}
