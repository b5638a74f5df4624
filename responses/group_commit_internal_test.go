package responses

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/survey/surveytest"
	"pingyi/validation"
)

// groupFixture is a store with the example campaign open, for building
// groups by hand: which forms share a commit is otherwise up to timing.
func groupFixture(t *testing.T, db *storage.DB) (*Store, *survey.Store) {
	t.Helper()
	keys, err := secret.New(bytes.Repeat([]byte{5}, secret.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	log := audit.New(db, keys)
	surveys := survey.NewStore(db, log, validation.New())
	ctx := context.Background()
	if _, err := surveys.Create(ctx, surveytest.ExampleDefinition(t), audit.Actor{Login: "admin"}); err != nil {
		t.Fatal(err)
	}
	if _, err := surveys.SetStatus(ctx, "2026-annual", survey.Open, audit.Actor{Login: "admin"}); err != nil {
		t.Fatal(err)
	}
	return NewStore(db, log, surveys), surveys
}

func form(key string) Submission {
	return Submission{Group: "public", Channel: Web, IdempotencyKey: key, Answers: []Answer{
		{Unit: "U001", Indicator: "efficiency", Option: "A"}, {Unit: "U002", Indicator: "quality", Option: "B"}},
		Comments: map[string]string{"U001": "key " + key}}
}

// runGroup commits subs as one group and finishes each form as Submit does.
func runGroup(s *Store, code string, subs []Submission) ([]Receipt, []error, []bool) {
	group := make([]*pendingForm, len(subs))
	for i, sub := range subs {
		group[i] = &pendingForm{sub: sub, done: make(chan formOutcome, 1)}
	}
	s.commitGroup(code, group)
	receipts, errs, alone := make([]Receipt, len(subs)), make([]error, len(subs)), make([]bool, len(subs))
	for i, p := range group {
		out := <-p.done
		alone[i] = out.alone
		receipts[i] = out.receipt
		if out.alone {
			receipts[i], errs[i] = s.submitAlone(context.Background(), code, subs[i])
		}
	}
	return receipts, errs, alone
}

// One group holding a bad form, a repeat of an earlier form's key, a
// repeat of a key stored before and good forms: the good forms share the
// commit, the bad one alone is refused, the repeats get the receipts they
// repeat.
func TestAGroupsBadFormsDoNotCostTheOthers(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s, _ := groupFixture(t, db)
		ctx := context.Background()
		earlier, err := s.Submit(ctx, "2026-annual", form("earlier"))
		if err != nil {
			t.Fatal(err)
		}
		bad := form("bad")
		bad.Answers[0].Unit = "U404"
		receipts, errs, alone := runGroup(s, "2026-annual", []Submission{form("a"), bad, form("a"), form("earlier"), form("b")})
		if e, ok := fault.As(errs[1]); !ok || e.Kind != fault.Invalid || len(e.Problems) != 1 || e.Problems[0].Path != "answers[0].unit" {
			t.Fatalf("bad form: %v", errs[1])
		}
		for i, err := range errs {
			if i != 1 && (err != nil || alone[i]) {
				t.Fatalf("form %d: err %v, sent alone %v", i, err, alone[i])
			}
		}
		if receipts[0].Replayed || receipts[4].Replayed || receipts[0].Ref == receipts[4].Ref {
			t.Fatalf("new forms got %+v and %+v", receipts[0], receipts[4])
		}
		if receipts[2] != (Receipt{Ref: receipts[0].Ref, SubmittedAt: receipts[0].SubmittedAt, Replayed: true}) {
			t.Fatalf("the group's repeat got %+v, want the receipt of %+v", receipts[2], receipts[0])
		}
		if receipts[3].Ref != earlier.Ref || !receipts[3].Replayed || !receipts[3].SubmittedAt.Equal(earlier.SubmittedAt) {
			t.Fatalf("the repeat of a stored key got %+v, want %+v", receipts[3], earlier)
		}
		var stored []Response
		db.Gorm.Order("id").Find(&stored)
		if len(stored) != 3 || stored[1].Ref != receipts[0].Ref || stored[2].Ref != receipts[4].Ref {
			t.Fatalf("stored %d responses", len(stored))
		}
		for _, r := range stored {
			var c Comment
			if err := db.Gorm.Where("response_id = ?", r.ID).Take(&c).Error; err != nil || c.Body != "key "+*r.IdempotencyKey {
				t.Fatalf("comment of %s: %+v %v", *r.IdempotencyKey, c, err)
			}
		}
	})
}

// A hook refusing one form fails its group's transaction: the others are
// then stored one by one, and only the refused form is lost.
func TestAGroupThatFailsGoesFormByForm(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s, _ := groupFixture(t, db)
		used := errors.New("invitation already used")
		refused := form("refused")
		refused.InTx = func(*gorm.DB, int64) error { return used }
		var hookRuns int
		counted := form("counted")
		counted.InTx = func(tx *gorm.DB, id int64) error { hookRuns++; return nil }
		receipts, errs, alone := runGroup(s, "2026-annual", []Submission{form("a"), counted, refused})
		if !errors.Is(errs[2], used) || errs[0] != nil || errs[1] != nil {
			t.Fatalf("errors %v", errs)
		}
		if !alone[0] || !alone[1] || hookRuns != 2 {
			t.Fatalf("sent alone %v, hook ran %d times (once in the failed group, once alone)", alone, hookRuns)
		}
		var refs []string
		db.Gorm.Model(&Response{}).Order("id").Pluck("ref", &refs)
		if len(refs) != 2 || refs[0] != receipts[0].Ref || refs[1] != receipts[1].Ref {
			t.Fatalf("stored %v, want %s and %s", refs, receipts[0].Ref, receipts[1].Ref)
		}
	})
}

// A campaign that closes between a group's checks and its transaction
// refuses every form, as it would one alone, still replaying stored keys.
func TestAGroupMeetingAClosedCampaignStoresNothing(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s, surveys := groupFixture(t, db)
		ctx := context.Background()
		earlier, err := s.Submit(ctx, "2026-annual", form("earlier"))
		if err != nil {
			t.Fatal(err)
		}
		group := []*pendingForm{{sub: form("a"), done: make(chan formOutcome, 1)}, {sub: form("earlier"), done: make(chan formOutcome, 1)}}
		staged, st := s.stageGroup(ctx, "2026-annual", group)
		if _, err := surveys.SetStatus(ctx, "2026-annual", survey.Closed, audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
		if err := s.db.Tx(ctx, func(tx *gorm.DB) error { return s.storeGroup(ctx, tx, st, group, staged) }); !errors.Is(err, errGroupUnfit) {
			t.Fatalf("group on a closed campaign: %v", err)
		}
		receipts, errs, _ := runGroup(s, "2026-annual", []Submission{form("a"), form("earlier")})
		if !fault.Is(errs[0], fault.Conflict) || errs[1] != nil || receipts[1].Ref != earlier.Ref || !receipts[1].Replayed {
			t.Fatalf("after closing: %v %+v", errs, receipts)
		}
		if _, errs, _ := runGroup(s, "nope", []Submission{form("a")}); !fault.Is(errs[0], fault.NotFound) {
			t.Fatalf("unknown campaign: %v", errs[0])
		}
		var n int64
		db.Gorm.Model(&Response{}).Count(&n)
		if n != 1 {
			t.Fatalf("%d responses stored, want only the earlier one", n)
		}
	})
}

// A hook that panics fails its group, not the process: the forms go
// alone, on their callers' goroutines.
func TestAPanickingHookFailsOnlyItsGroup(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s, _ := groupFixture(t, db)
		calls := 0
		flaky := form("flaky")
		flaky.InTx = func(*gorm.DB, int64) error {
			if calls++; calls == 1 {
				panic("hook bug")
			}
			return nil
		}
		_, errs, alone := runGroup(s, "2026-annual", []Submission{form("a"), flaky})
		if errs[0] != nil || errs[1] != nil || !alone[0] || !alone[1] || calls != 2 {
			t.Fatalf("errors %v, alone %v, hook calls %d", errs, alone, calls)
		}
		var n int64
		db.Gorm.Model(&Response{}).Count(&n)
		if n != 2 {
			t.Fatalf("%d responses stored, want 2", n)
		}
	})
}
