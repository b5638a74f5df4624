package responses_test

import (
	"context"
	"errors"
	"regexp"
	"sync"
	"testing"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/survey/surveytest"
)

func openExample(t *testing.T, s stores) *survey.Structure {
	t.Helper()
	ctx := context.Background()
	if _, err := s.Create(ctx, surveytest.ExampleDefinition(t), audit.Actor{Login: "admin"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetStatus(ctx, "2026-annual", survey.Open, audit.Actor{Login: "admin"}); err != nil {
		t.Fatal(err)
	}
	st, _ := s.Structure(ctx, "2026-annual")
	return st
}

func goodSubmission() responses.Submission {
	return responses.Submission{Group: "public", Channel: responses.Web, Answers: []responses.Answer{
		{Unit: "U001", Indicator: "efficiency", Option: "A"},
		{Unit: "U001", Indicator: "attitude", Option: "比较满意"},
		{Unit: "U002", Indicator: "quality", Option: "X"},
		{Unit: "U002", Indicator: "overall", Option: "D"},
	}, Comments: map[string]string{"U001": "  窗口服务很好。 "}, IPHash: "iphash", DeviceHash: "devhash"}
}

func TestSubmitStoresTheWholeFormOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		st := openExample(t, s)
		ctx := context.Background()
		r, err := s.Submit(ctx, "2026-annual", goodSubmission())
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`^W-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$`).MatchString(r.Ref) || r.Replayed {
			t.Fatalf("receipt %+v", r)
		}
		var row responses.Response
		db.Gorm.Where("ref = ?", r.Ref).Take(&row)
		ratings, err := responses.DecodeAnswers(row.Answers, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := []responses.Rating{{Unit: 0, Indicator: 0, Option: 0}, {Unit: 0, Indicator: 1, Option: 1}, {Unit: 2, Indicator: 2, Option: 4}, {Unit: 2, Indicator: 3, Option: 3}}
		if len(ratings) != len(want) {
			t.Fatalf("stored %v, want %v", ratings, want)
		}
		for i := range want {
			if ratings[i] != want[i] {
				t.Fatalf("stored %v, want %v", ratings, want)
			}
		}
		if row.GroupID != st.Groups[0].ID || row.Weight != 1 || *row.IPHash != "iphash" || row.Channel != responses.Web {
			t.Fatalf("row %+v", row)
		}
		var comment responses.Comment
		db.Gorm.Where("response_id = ?", row.ID).Take(&comment)
		if comment.Body != "窗口服务很好。" || comment.UnitID != st.Units[0].ID {
			t.Fatalf("comment %+v", comment)
		}
	})
}

func TestSubmitNamesEveryBadField(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		openExample(t, s)
		sub := goodSubmission()
		sub.Group = "aliens"
		sub.Answers = append(sub.Answers,
			responses.Answer{Unit: "U404", Indicator: "efficiency", Option: "A"},
			responses.Answer{Unit: "U001", Indicator: "speed", Option: "A"},
			responses.Answer{Unit: "U001", Indicator: "quality", Option: "Z"},
			responses.Answer{Unit: "U001", Indicator: "efficiency", Option: "B"})
		sub.Comments["U999"] = "?"
		_, err := s.Submit(context.Background(), "2026-annual", sub)
		e, ok := fault.As(err)
		if !ok || e.Kind != fault.Invalid {
			t.Fatalf("err = %v", err)
		}
		got := map[string]bool{}
		for _, p := range e.Problems {
			got[p.Path] = true
		}
		for _, want := range []string{"group", "answers[4].unit", "answers[5].indicator", "answers[6].option", "answers[7]", "comments.U999"} {
			if !got[want] {
				t.Errorf("no problem at %s: %v", want, err)
			}
		}
		var n int64
		db.Gorm.Model(&responses.Response{}).Count(&n)
		if n != 0 {
			t.Fatalf("a refused submission left %d responses", n)
		}
	})
}

func TestSubmitRefusesWhenNotOpen(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		s.Create(ctx, surveytest.ExampleDefinition(t), audit.Actor{Login: "admin"})
		if _, err := s.Submit(ctx, "2026-annual", goodSubmission()); !fault.Is(err, fault.Conflict) {
			t.Fatalf("draft: %v", err)
		}
		s.SetStatus(ctx, "2026-annual", survey.Open, audit.Actor{Login: "admin"})
		s.SetStatus(ctx, "2026-annual", survey.Closed, audit.Actor{Login: "admin"})
		if _, err := s.Submit(ctx, "2026-annual", goodSubmission()); !fault.Is(err, fault.Conflict) {
			t.Fatalf("closed: %v", err)
		}
		if _, err := s.Submit(ctx, "nope", goodSubmission()); !fault.Is(err, fault.NotFound) {
			t.Fatalf("unknown campaign: %v", err)
		}
	})
}

// Retries with one idempotency key, even racing each other, store one
// response and all get its receipt.
func TestSubmitIsIdempotent(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		openExample(t, s)
		sub := goodSubmission()
		sub.IdempotencyKey = "kiosk-7:000123"
		var wg sync.WaitGroup
		receipts := make([]responses.Receipt, 8)
		errs := make([]error, 8)
		for i := range receipts {
			wg.Add(1)
			go func() {
				defer wg.Done()
				receipts[i], errs[i] = s.Submit(context.Background(), "2026-annual", sub)
			}()
		}
		wg.Wait()
		replayed := 0
		for i, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
			if receipts[i].Ref != receipts[0].Ref {
				t.Fatalf("retries got different receipts: %s and %s", receipts[i].Ref, receipts[0].Ref)
			}
			if receipts[i].Replayed {
				replayed++
			}
		}
		var n int64
		db.Gorm.Model(&responses.Response{}).Count(&n)
		if n != 1 || replayed != 7 {
			t.Fatalf("%d responses stored, %d replays", n, replayed)
		}
	})
}

func TestSubmitHookFailureUndoesEverything(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		openExample(t, s)
		sub := goodSubmission()
		used := errors.New("invitation already used")
		sub.InTx = func(tx *gorm.DB, id int64) error {
			if id == 0 {
				t.Error("hook got no response id")
			}
			return used
		}
		if _, err := s.Submit(context.Background(), "2026-annual", sub); !errors.Is(err, used) {
			t.Fatalf("err = %v", err)
		}
		var n, c int64
		db.Gorm.Model(&responses.Response{}).Count(&n)
		db.Gorm.Model(&responses.Comment{}).Count(&c)
		if n != 0 || c != 0 {
			t.Fatalf("rolled-back submission left %d responses and %d comments", n, c)
		}
	})
}
