package appeals_test

import (
	"context"
	"testing"

	"pingyi/appeals"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

func TestOpen311ListsOnlyPublicCases(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		listed := f.replied(t, "U2")
		must(t, f.store.SetPublic(ctx, listed, true, dispatcher))
		hidden := f.replied(t, "U1")
		r, err := f.store.Receive(ctx, appeals.Intake{Channel: "web", Kind: "建议", Content: "张三 13812341234", Contact: "13812341234", Public: true}, public)
		must(t, err)
		all, err := f.store.Open311Requests(ctx, appeals.Open311Filter{})
		must(t, err)
		if len(all) != 2 || all[0].ID != r.Number || all[0].Status != "open" || all[1].Status != "closed" || all[1].AgencyResponsible != "市税务局" {
			t.Errorf("public list: %+v", all)
		}
		closed, err := f.store.Open311Requests(ctx, appeals.Open311Filter{Status: "closed"})
		must(t, err)
		if len(closed) != 1 || closed[0].ServiceCode != appeals.Consult || closed[0].Expected == nil {
			t.Errorf("closed: %+v", closed)
		}
		c, _ := f.store.Get(ctx, hidden)
		if _, err := f.store.Open311Request(ctx, c.Number); !fault.Is(err, fault.NotFound) {
			t.Errorf("a case not made public: %v", err)
		}
	})
}
