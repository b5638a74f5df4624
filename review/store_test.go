package review_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/results"
	"pingyi/review"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/validation"
)

type fixture struct {
	t         *testing.T
	db        *storage.DB
	log       *audit.Log
	accounts  *account.Store
	survey    *survey.Store
	responses *responses.Store
	runs      *results.Store
	review    *review.Store
	members   []account.User // three committee members
	// hotline, when set, is added to the example definition: a
	// components and hotline document (SPEC Scoring step 8).
	hotline string
}

func newFixture(t *testing.T, db *storage.DB) *fixture {
	keys, _ := secret.New(bytes.Repeat([]byte{3}, secret.KeySize))
	v := validation.New()
	f := &fixture{t: t, db: db, log: audit.New(db, keys)}
	f.accounts = account.NewStore(db, f.log, v)
	f.survey = survey.NewStore(db, f.log, v)
	f.responses = responses.NewStore(db, f.log, f.survey)
	f.runs = results.NewStore(db, f.log, f.survey, f.responses)
	f.review = review.NewStore(db, f.log, f.survey, f.responses, f.runs, f.accounts, nil)
	for _, login := range []string{"zhang", "li", "chen"} {
		f.members = append(f.members, f.user(login, account.Committee))
	}
	return f
}

func (f *fixture) user(login string, role account.Role) account.User {
	u, _, err := f.accounts.Create(context.Background(), account.NewUser{Login: login, Role: role, Password: "a-long-password-1"}, audit.Actor{Login: "test"})
	if err != nil {
		f.t.Fatal(err)
	}
	return u
}

// campaign creates SPEC's example campaign for year, with min_sample 2,
// 40 bootstrap replicates and twelve responses, and leaves it open.
func (f *fixture) campaign(code string, year int) *survey.Structure {
	raw, _ := os.ReadFile("../survey/testdata/spec-example.json")
	var d survey.Definition
	if err := validation.DecodeStrict(raw, &d); err != nil {
		f.t.Fatal(err)
	}
	if f.hotline != "" {
		if err := validation.DecodeStrict([]byte(f.hotline), &d); err != nil {
			f.t.Fatal(err)
		}
	}
	d.Code, d.Year = code, year
	two, boot := 2, 40
	d.Scoring.MinSample, d.Scoring.Bootstrap = &two, &boot
	ctx := context.Background()
	if _, err := f.survey.Create(ctx, d, audit.Actor{Login: "admin"}); err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.survey.SetStatus(ctx, code, survey.Open, audit.Actor{Login: "admin"}); err != nil {
		f.t.Fatal(err)
	}
	st, _ := f.survey.Structure(ctx, code)
	var rs []responses.NewResponse
	for i := range 12 {
		r := responses.NewResponse{Ref: fmt.Sprintf("R%02d", i), Group: i % 2, Weight: 1, Channel: responses.Web,
			SubmittedAt: time.Date(year, 11, 1, 9, i, 0, 0, time.UTC)}
		for u := range 3 {
			for ind := range 3 {
				r.Ratings = append(r.Ratings, responses.Rating{Unit: u, Indicator: ind, Option: (i + u + year) % 4})
			}
		}
		rs = append(rs, r)
	}
	if err := f.responses.InsertResponses(ctx, st, rs); err != nil {
		f.t.Fatal(err)
	}
	return st
}

func (f *fixture) status(code string, to ...survey.Status) {
	for _, s := range to {
		if _, err := f.survey.SetStatus(context.Background(), code, s, audit.Actor{Login: "admin"}); err != nil {
			f.t.Fatal(err)
		}
	}
}

func (f *fixture) run(code string) *results.Run {
	run, _, err := f.runs.Create(context.Background(), code, audit.Actor{Login: "zhang"})
	if err != nil {
		f.t.Fatal(err)
	}
	return run
}

func (f *fixture) approve(code string, run *results.Run, who ...account.User) {
	for _, u := range who {
		if err := f.review.Approve(context.Background(), code, run.ID, u.Actor()); err != nil {
			f.t.Fatalf("%s approves run %d: %v", u.Login, run.ID, err)
		}
	}
}

func (f *fixture) exclude(code string, refs ...string) {
	staff := audit.Actor{ID: f.members[0].ID, Login: f.members[0].Login}
	if _, err := f.responses.Exclude(context.Background(), code, responses.ExclusionRequest{Refs: refs, Reason: "test"}, staff); err != nil {
		f.t.Fatal(err)
	}
}

// published runs the whole review of a campaign to version 1.
func (f *fixture) published(code string, year int) *review.Publication {
	f.campaign(code, year)
	f.status(code, survey.Closed, survey.Review)
	run := f.run(code)
	f.approve(code, run, f.members[0], f.members[1])
	p, err := f.review.Publish(context.Background(), code, review.PublishRequest{Run: run.ID}, f.members[0].Actor())
	if err != nil {
		f.t.Fatal(err)
	}
	return p
}

func wantKind(t *testing.T, what string, err error, kind fault.Kind) {
	t.Helper()
	if !fault.Is(err, kind) {
		t.Fatalf("%s: got %v, want a %s error", what, err, kind)
	}
}

func TestApprovalByQuorumOfTheExactRunThenPublication(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		zhang, li, chen := f.members[0], f.members[1], f.members[2]
		gone := f.user("wang", account.Committee)
		f.campaign("2026-annual", 2026)
		run1 := f.run("2026-annual")
		wantKind(t, "approving while open", f.review.Approve(ctx, "2026-annual", run1.ID, zhang.Actor()), fault.Conflict)
		f.status("2026-annual", survey.Closed, survey.Review)
		admin := f.user("root", account.Admin)
		wantKind(t, "an administrator approving", f.review.Approve(ctx, "2026-annual", run1.ID, admin.Actor()), fault.Forbidden)

		// Four members: a majority is three. wang approves, then leaves.
		f.approve("2026-annual", run1, zhang, gone)
		wantKind(t, "approving twice", f.review.Approve(ctx, "2026-annual", run1.ID, zhang.Actor()), fault.Conflict)
		if err := f.accounts.Disable(ctx, gone.ID, audit.Actor{Login: "root"}); err != nil {
			t.Fatal(err)
		}
		st, err := f.review.Status(ctx, "2026-annual", run1)
		if err != nil || st.Tally.Required != 2 || st.Tally.Approvals != 1 || st.Tally.Met || !st.Current || len(st.Approvers) != 2 || st.Approvers[1].Counts {
			t.Fatalf("status after wang left: %+v %v", st, err)
		}
		_, err = f.review.Publish(ctx, "2026-annual", review.PublishRequest{Run: run1.ID}, zhang.Actor())
		wantKind(t, "publishing with one of two approvals", err, fault.Conflict)

		// An exclusion after the run: the run no longer approves anything.
		f.exclude("2026-annual", "R03")
		wantKind(t, "approving a stale run", f.review.Approve(ctx, "2026-annual", run1.ID, li.Actor()), fault.Conflict)
		run2 := f.run("2026-annual")
		f.approve("2026-annual", run2, zhang, li)
		if err := f.review.Withdraw(ctx, "2026-annual", run2.ID, li.Actor()); err != nil {
			t.Fatal(err)
		}
		_, err = f.review.Publish(ctx, "2026-annual", review.PublishRequest{Run: run2.ID}, zhang.Actor())
		wantKind(t, "publishing after a withdrawal", err, fault.Conflict)
		f.approve("2026-annual", run2, chen)
		f.exclude("2026-annual", "R04")
		_, err = f.review.Publish(ctx, "2026-annual", review.PublishRequest{Run: run2.ID}, zhang.Actor())
		wantKind(t, "publishing a run whose inputs changed", err, fault.Conflict)
		if err := f.responses.RevokeExclusion(ctx, "2026-annual", lastExclusion(t, f, "2026-annual"), "误剔除", audit.Actor{ID: zhang.ID, Login: "zhang"}); err != nil {
			t.Fatal(err)
		}

		v1, err := f.review.Publish(ctx, "2026-annual", review.PublishRequest{Run: run2.ID}, zhang.Actor())
		if err != nil {
			t.Fatal(err)
		}
		if v1.Version != 1 || v1.PreviousDigest != nil || v1.Digest != review.Digest(v1.Content) {
			t.Fatalf("version 1: %+v", v1)
		}
		c, _ := f.survey.Campaign(ctx, "2026-annual")
		if c.Status != survey.Published {
			t.Fatalf("campaign is %s after publication", c.Status)
		}
		_, content, err := f.review.Get(ctx, "2026-annual", 1)
		if err != nil || content.Run.ID != run2.ID || content.Run.InputDigest != run2.InputDigest || content.Approval.Approvals != 2 ||
			content.Approval.Quorum != 2 || content.Run.Excluded != 1 || len(content.Units) != 3 || content.Units[0].Tier == "" || content.Comparison != nil {
			t.Fatalf("content of version 1: %+v %v", content, err)
		}
		if g := content.Method.Groups[1]; g.Responses != 5 || g.MinSample != 2 || content.Method.Groups[0].Weight != 0.6 || content.Method.Channels["web"] != 11 ||
			*content.Method.Indicators[0].Weight != 1.0/3 || content.Method.Indicators[3].Weight != nil {
			t.Fatalf("method: %+v", content.Method)
		}
		wantKind(t, "approving a published run", f.review.Approve(ctx, "2026-annual", run2.ID, li.Actor()), fault.Conflict)
		wantKind(t, "withdrawing from a published run", f.review.Withdraw(ctx, "2026-annual", run2.ID, zhang.Actor()), fault.Conflict)

		// A correction: a new run, new approvals, a note.
		_, err = f.review.Publish(ctx, "2026-annual", review.PublishRequest{Run: run2.ID, ChangeNote: "again"}, zhang.Actor())
		wantKind(t, "publishing a run twice", err, fault.Conflict)
		f.exclude("2026-annual", "R05")
		run3 := f.run("2026-annual")
		f.approve("2026-annual", run3, li, chen)
		_, err = f.review.Publish(ctx, "2026-annual", review.PublishRequest{Run: run3.ID, ChangeNote: "  "}, zhang.Actor())
		wantKind(t, "a correction without a note", err, fault.Invalid)
		v2, err := f.review.Publish(ctx, "2026-annual", review.PublishRequest{Run: run3.ID, ChangeNote: "剔除一份重复提交的答卷"}, li.Actor())
		if err != nil {
			t.Fatal(err)
		}
		if v2.Version != 2 || v2.PreviousDigest == nil || *v2.PreviousDigest != v1.Digest {
			t.Fatalf("version 2 does not chain to version 1: %+v", v2)
		}
		_, content2, _ := f.review.Get(ctx, "2026-annual", 0)
		if content2.Version != 2 || *content2.PreviousDigest != v1.Digest || *content2.ChangeNote != "剔除一份重复提交的答卷" {
			t.Fatalf("latest: %+v", content2)
		}
		if old, _, err := f.review.Get(ctx, "2026-annual", 1); err != nil || old.Digest != v1.Digest {
			t.Fatalf("version 1 after the correction: %v", err)
		}
		if list, _ := f.review.Versions(ctx, "2026-annual"); len(list) != 2 || list[0].Content != nil {
			t.Fatalf("versions: %d", len(list))
		}
		if n, brk, err := f.review.Verify(ctx); err != nil || brk != nil || n != 2 {
			t.Fatalf("verify: %d %v %v", n, brk, err)
		}
		if _, brk, _ := f.log.Verify(ctx); brk != nil {
			t.Fatalf("audit chain: %v", brk)
		}
	})
}

func lastExclusion(t *testing.T, f *fixture, code string) int64 {
	list, err := f.responses.Exclusions(context.Background(), code)
	if err != nil || len(list) == 0 {
		t.Fatal(err)
	}
	return list[0].ID
}

func TestASetQuorumAndTheSettings(t *testing.T) {
	db := storagetest.Open(t, storage.SQLite)
	f := newFixture(t, db)
	ctx := context.Background()
	f.campaign("2026-annual", 2026)
	f.status("2026-annual", survey.Closed, survey.Review)
	set := review.DefaultSettings()
	set.Quorum = 3
	set.Tiers = []review.Tier{{Name: " 优秀 ", Min: 85}, {Name: "一般", Min: 0}}
	if err := f.review.SaveSettings(ctx, "2026-annual", set, audit.Actor{Login: "root"}); err != nil {
		t.Fatal(err)
	}
	bad := set
	bad.Tiers = nil
	wantKind(t, "settings without tiers", f.review.SaveSettings(ctx, "2026-annual", bad, audit.Actor{Login: "root"}), fault.Invalid)
	got, _ := f.review.Settings(ctx, "2026-annual")
	if got.Quorum != 3 || len(got.Tiers) != 2 || got.Tiers[0].Name != "优秀" {
		t.Fatalf("settings: %+v", got)
	}
	run := f.run("2026-annual")
	f.approve("2026-annual", run, f.members[0], f.members[1])
	_, err := f.review.Publish(ctx, "2026-annual", review.PublishRequest{Run: run.ID}, f.members[0].Actor())
	wantKind(t, "two of a set quorum of three", err, fault.Conflict)
	f.approve("2026-annual", run, f.members[2])
	if _, err := f.review.Publish(ctx, "2026-annual", review.PublishRequest{Run: run.ID}, f.members[0].Actor()); err != nil {
		t.Fatal(err)
	}
	_, content, _ := f.review.Get(ctx, "2026-annual", 0)
	if content.Approval.Quorum != 3 || content.Tiers[0].Name != "优秀" {
		t.Fatalf("published quorum and tiers: %+v %+v", content.Approval, content.Tiers)
	}
}

// The previous published campaign of the series is the comparison, frozen
// into the content by digest.
func TestYearOnYearComparison(t *testing.T) {
	db := storagetest.Open(t, storage.SQLite)
	f := newFixture(t, db)
	ctx := context.Background()
	prev := f.published("2025-annual", 2025)
	f.published("2026-annual", 2026)
	_, content, _ := f.review.Get(ctx, "2026-annual", 0)
	if content.Comparison == nil || content.Comparison.Campaign != "2025-annual" || content.Comparison.Digest != prev.Digest {
		t.Fatalf("comparison: %+v", content.Comparison)
	}
	_, before, _ := f.review.Get(ctx, "2025-annual", 0)
	for i, u := range content.Units {
		b := before.Units[i]
		if u.Previous == nil || u.Index == nil || b.Index == nil {
			t.Fatalf("unit %s: previous %+v", u.UnitCode, u.Previous)
		}
		if *u.Previous.Index != *b.Index || *u.Previous.IndexChange != *u.Index-*b.Index || *u.Previous.RankChange != *b.Rank-*u.Rank {
			t.Fatalf("unit %s: %+v against %v/%v", u.UnitCode, u.Previous, *b.Index, *b.Rank)
		}
	}
	c, _ := f.survey.Campaign(ctx, "2025-annual")
	if other, _, _, _ := f.review.Previous(ctx, c); other != nil {
		t.Fatalf("2025 compares with %s", other.Code)
	}
}

// Editing a publication or the run behind it, or deleting a version, in
// the database is found by Verify, which names the version.
func TestVerifyFindsEditedPublications(t *testing.T) {
	for _, tt := range []struct {
		name    string
		tamper  func(f *fixture, v1, v2 *review.Publication) error
		version int
		reason  string
	}{
		{"edited content", func(f *fixture, v1, _ *review.Publication) error {
			forged := bytes.Replace(v1.Content, []byte(`"tier": "`), []byte(`"tier": "满意`), 1)
			return f.db.Gorm.Exec("UPDATE publications SET content = ? WHERE id = ?", forged, v1.ID).Error
		}, 1, "content was changed"},
		{"edited content with its digest", func(f *fixture, _, v2 *review.Publication) error {
			forged := bytes.Replace(v2.Content, []byte(`"rank": 1,`), []byte(`"rank": 2,`), 1)
			return f.db.Gorm.Exec("UPDATE publications SET content = ?, digest = ? WHERE id = ?", forged, review.Digest(forged), v2.ID).Error
		}, 2, "audit log recorded"},
		{"deleted correction", func(f *fixture, _, v2 *review.Publication) error {
			for _, sql := range []string{"DELETE FROM publication_file_chunks WHERE file_id IN (SELECT id FROM publication_files WHERE publication_id = ?)",
				"DELETE FROM publication_files WHERE publication_id = ?"} {
				if err := f.db.Gorm.Exec(sql, v2.ID).Error; err != nil {
					return err
				}
			}
			return f.db.Gorm.Exec("DELETE FROM publications WHERE id = ?", v2.ID).Error
		}, 2, "missing"},
		{"edited run", func(f *fixture, v1, _ *review.Publication) error {
			return f.db.Gorm.Exec("UPDATE score_runs SET units = ? WHERE id = ?", []byte(`[]`), v1.RunID).Error
		}, 1, "results were changed"},
	} {
		for _, d := range storagetest.Backends() {
			t.Run(tt.name+"/"+string(d), func(t *testing.T) {
				f := newFixture(t, storagetest.Open(t, d))
				ctx := context.Background()
				v1 := f.published("2026-annual", 2026)
				f.exclude("2026-annual", "R01")
				run := f.run("2026-annual")
				f.approve("2026-annual", run, f.members[1], f.members[2])
				v2, err := f.review.Publish(ctx, "2026-annual", review.PublishRequest{Run: run.ID, ChangeNote: "更正"}, f.members[1].Actor())
				if err != nil {
					t.Fatal(err)
				}
				if err := tt.tamper(f, v1, v2); err != nil {
					t.Fatal(err)
				}
				_, brk, err := f.review.Verify(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if brk == nil || brk.Campaign != "2026-annual" || brk.Version != tt.version || !strings.Contains(brk.Reason, tt.reason) {
					t.Fatalf("break = %v, want version %d: %s", brk, tt.version, tt.reason)
				}
			})
		}
	}
}

// The stored document is exactly what Encode makes of its decoding: an
// outsider who decodes and re-encodes it with Pingyi's types gets the same
// bytes, and anyone gets the digest with sha256sum.
func TestContentRoundTrips(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, storage.SQLite))
	p := f.published("2026-annual", 2026)
	c, err := p.Decode()
	if err != nil {
		t.Fatal(err)
	}
	again, _ := review.Encode(c)
	if !bytes.Equal(again, p.Content) {
		t.Fatal("re-encoding the content changes it")
	}
	var generic map[string]any
	if err := json.Unmarshal(p.Content, &generic); err != nil || generic["format"] != review.ContentFormat {
		t.Fatalf("content is not the documented JSON: %v", err)
	}
}
