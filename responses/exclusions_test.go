package responses_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/survey/surveytest"
)

// member adds a committee account row (accounts are not this package's,
// but exclusions reference them).
func member(t *testing.T, db *storage.DB, login string) audit.Actor {
	t.Helper()
	now := db.Now()
	if err := db.Gorm.Exec("INSERT INTO users (login, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, 'committee', 'x', ?, ?)",
		login, login, now, now).Error; err != nil {
		t.Fatal(err)
	}
	var id int64
	db.Gorm.Raw("SELECT id FROM users WHERE login = ?", login).Scan(&id)
	return audit.Actor{ID: id, Login: login}
}

// fiveResponses stores R1…R5 of the public: each rates U001 on every
// indicator with option i%4 and comments on it.
func fiveResponses(t *testing.T, s stores, st *survey.Structure) {
	t.Helper()
	var rs []responses.NewResponse
	at := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	for i := range 5 {
		r := responses.NewResponse{Ref: "R" + string(rune('1'+i)), Weight: 1, Channel: responses.Web, SubmittedAt: at.Add(time.Duration(i) * time.Minute),
			Comments: map[int]string{0: "comment " + string(rune('1'+i))}}
		for ind := range 4 {
			r.Ratings = append(r.Ratings, responses.Rating{Unit: 0, Indicator: ind, Option: i % 4})
		}
		rs = append(rs, r)
	}
	if err := s.InsertResponses(context.Background(), st, rs); err != nil {
		t.Fatal(err)
	}
}

func TestExclusionsAreReasonedReversibleAndAudited(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		st := openExample(t, s)
		fiveResponses(t, s, st)
		ctx := context.Background()
		zhang := member(t, db, "zhang")

		for name, in := range map[string]responses.ExclusionRequest{
			"no reason":   {Refs: []string{"R1"}, Reason: "  "},
			"no response": {Refs: []string{" ", ""}, Reason: "x"},
			"unknown ref": {Refs: []string{"R1", "R9"}, Reason: "x"},
		} {
			if _, err := s.Exclude(ctx, "2026-annual", in, zhang); !fault.Is(err, fault.Invalid) {
				t.Errorf("%s: %v", name, err)
			}
		}
		if n := excludedNow(t, s, st); n != 0 {
			t.Fatalf("a refused request excluded %d responses", n)
		}

		res, err := s.Exclude(ctx, "2026-annual", responses.ExclusionRequest{Refs: []string{"R1", "R2", "R1"}, Reason: "同一设备连续提交", Batch: "burst-1"}, zhang)
		if err != nil || res.Excluded != 2 || len(res.Already) != 0 {
			t.Fatalf("exclude: %+v %v", res, err)
		}
		res, err = s.Exclude(ctx, "2026-annual", responses.ExclusionRequest{Refs: []string{"R2", "R3"}, Reason: "答题过快"}, zhang)
		if err != nil || res.Excluded != 1 || !slices.Equal(res.Already, []string{"R2"}) {
			t.Fatalf("exclude again: %+v %v", res, err)
		}
		if _, err := s.Exclude(ctx, "2026-annual", responses.ExclusionRequest{Refs: []string{"R3"}, Reason: "x"}, zhang); !fault.Is(err, fault.Conflict) {
			t.Fatalf("excluding an excluded response: %v", err)
		}
		if n := excludedNow(t, s, st); n != 3 {
			t.Fatalf("a score run would leave out %d responses, want R1-R3", n)
		}
		facts, err := s.CountedFacts(ctx, st)
		if err != nil || len(facts) != 2 || facts[0].Ref != "R4" || facts[0].SubmittedAt.Minute() != 3 || facts[0].Group != 0 {
			t.Fatalf("counted facts after excluding R1-R3: %+v %v", facts, err)
		}

		if err := s.RevokeExclusion(ctx, "2026-annual", 1, " ", zhang); !fault.Is(err, fault.Invalid) {
			t.Fatalf("revoking without a reason: %v", err)
		}
		list, _ := s.Exclusions(ctx, "2026-annual")
		if len(list) != 3 || list[0].Ref != "R3" || list[2].Batch == nil || *list[2].Batch != "burst-1" || list[2].CreatedBy != zhang.ID {
			t.Fatalf("exclusions: %+v", list)
		}
		r3 := list[0].ID
		if err := s.RevokeExclusion(ctx, "2026-annual", r3, "复核后确认有效", zhang); err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeExclusion(ctx, "2026-annual", r3, "again", zhang); !fault.Is(err, fault.NotFound) {
			t.Fatalf("revoking twice: %v", err)
		}
		if n, err := s.RevokeBatch(ctx, "2026-annual", "burst-1", "误判", zhang); err != nil || n != 2 {
			t.Fatalf("revoke batch: %d %v", n, err)
		}
		list, _ = s.Exclusions(ctx, "2026-annual")
		for _, e := range list {
			if e.Active() || e.RevokeReason == nil || *e.RevokedBy != zhang.ID {
				t.Fatalf("not revoked: %+v", e)
			}
		}
		if n := excludedNow(t, s, st); n != 0 {
			t.Fatalf("%d still excluded", n)
		}
		// R3 can be excluded again: the history stays.
		if _, err := s.Exclude(ctx, "2026-annual", responses.ExclusionRequest{Refs: []string{"R3"}, Reason: "再次确认无效"}, zhang); err != nil {
			t.Fatal(err)
		}
		recs, _ := audit.New(db, keysOf(t)).List(ctx, "campaign:2026-annual", 20)
		var actions []string
		for _, r := range recs {
			actions = append(actions, r.Action)
		}
		want := []string{"exclusion.add", "exclusion.revoke", "exclusion.revoke", "exclusion.add", "exclusion.add"}
		if !slices.Equal(actions[:5], want) {
			t.Fatalf("audit actions %v, want %v first", actions, want)
		}
	})
}

func TestAnswersAboutAUnitLeaveExcludedResponsesOut(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		st := openExample(t, s)
		fiveResponses(t, s, st)
		ctx := context.Background()
		before := db.Now()
		li := member(t, db, "li")
		if _, err := s.Exclude(ctx, "2026-annual", responses.ExclusionRequest{Refs: []string{"R5"}, Reason: "x"}, li); err != nil {
			t.Fatal(err)
		}
		got, err := s.AnswersAbout(ctx, st, 0, db.Now())
		if err != nil {
			t.Fatal(err)
		}
		// R1-R4 chose A, B, C, D on every indicator; R5 (A) is excluded.
		for ind := range 4 {
			if !slices.Equal(got.Counts[ind], []int{1, 1, 1, 1, 0}) {
				t.Fatalf("indicator %d: %v", ind, got.Counts[ind])
			}
		}
		if !slices.Equal(got.Comments, []string{"comment 1", "comment 2", "comment 3", "comment 4"}) {
			t.Fatalf("comments %v", got.Comments)
		}
		other, _ := s.AnswersAbout(ctx, st, 2, db.Now())
		if other.Counts[0][0] != 0 || len(other.Comments) != 0 {
			t.Fatalf("a unit nobody rated: %+v", other)
		}
		// As of before the exclusion, R5 counted; after its revocation it
		// counts again, but not as of the moment in between.
		earlier, _ := s.AnswersAbout(ctx, st, 0, before)
		if earlier.Counts[0][0] != 2 || len(earlier.Comments) != 5 {
			t.Fatalf("as of before the exclusion: %v, %d comments", earlier.Counts[0], len(earlier.Comments))
		}
		between := db.Now()
		time.Sleep(2 * time.Millisecond)
		list, _ := s.Exclusions(ctx, "2026-annual")
		if err := s.RevokeExclusion(ctx, "2026-annual", list[0].ID, "复核", li); err != nil {
			t.Fatal(err)
		}
		if then, _ := s.AnswersAbout(ctx, st, 0, between); then.Counts[0][0] != 1 {
			t.Fatalf("as of while excluded: %v", then.Counts[0])
		}
		if now, _ := s.AnswersAbout(ctx, st, 0, db.Now()); now.Counts[0][0] != 2 {
			t.Fatalf("after the revocation: %v", now.Counts[0])
		}
	})
}

func TestExcludingInADraftIsRefused(t *testing.T) {
	db := storagetest.Open(t, storage.SQLite)
	s := newStore(t, db)
	if _, err := s.Create(context.Background(), surveytest.ExampleDefinition(t), audit.Actor{Login: "admin"}); err != nil {
		t.Fatal(err)
	}
	_, err := s.Exclude(context.Background(), "2026-annual", responses.ExclusionRequest{Refs: []string{"R1"}, Reason: "x"}, member(t, db, "z"))
	if !fault.Is(err, fault.Conflict) {
		t.Fatalf("draft: %v", err)
	}
}

// excludedNow is how many responses a score run would leave out now.
func excludedNow(t *testing.T, s stores, st *survey.Structure) int {
	t.Helper()
	n := 0
	for _, err := range s.CountedResponses(context.Background(), st, &n) {
		if err != nil {
			t.Fatal(err)
		}
	}
	return n
}
