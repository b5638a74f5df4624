package phone

import (
	"testing"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
)

// Erasing destroys the sealed numbers and names but keeps what the draw's
// verification and the rates need.
func TestEraseKeepsTheDrawVerifiable(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		d := f.drawn(frameCSV(units3, 20), simplePlan(6))
		op := f.operators(1)[0]
		c, _ := f.store.Next(f.ctx, campaign, audit.Actor{ID: op})
		f.store.Record(f.ctx, campaign, audit.Actor{ID: op}, c.ID, Outcome{Disposition: "2.11"})
		if _, err := f.store.Erase(f.ctx, campaign, audit.Actor{Login: "admin"}); !fault.Is(err, fault.Conflict) {
			t.Fatalf("erasing during collection: %v", err)
		}
		if _, err := f.survey.SetStatus(f.ctx, campaign, survey.Closed, audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
		n, err := f.store.Erase(f.ctx, campaign, audit.Actor{Login: "admin"})
		if err != nil || n != 60 {
			t.Fatalf("erased %d: %v", n, err)
		}
		var left int64
		db.Gorm.Model(&entry{}).Where("phone_sealed IS NOT NULL OR name_sealed IS NOT NULL").Count(&left)
		if left != 0 {
			t.Fatalf("%d entries keep a number or name", left)
		}
		if v, err := Verify(f.ctx, db, d.ID); err != nil || !v.Identical() {
			t.Fatalf("verification after erasure: %v %+v", err, v)
		}
		out, err := f.store.Outcomes(f.ctx, campaign, nil)
		if err != nil || out.Overall.Counts.R != 1 {
			t.Fatalf("rates after erasure: %+v %v", out.Overall.Counts, err)
		}
		if n, err := f.store.Erase(f.ctx, campaign, audit.Actor{Login: "admin"}); err != nil || n != 0 {
			t.Fatalf("erasing again: %d %v", n, err)
		}
		p, _ := f.store.Progress(f.ctx, campaign)
		if p.Frame.ErasedAt == nil {
			t.Fatal("the frame does not say it was erased")
		}
	})
}
