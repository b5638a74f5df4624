package results_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"testing"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/results"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/validation"
)

type fixture struct {
	db        *storage.DB
	survey    *survey.Store
	responses *responses.Store
	results   *results.Store
	st        *survey.Structure
}

func newFixture(t *testing.T, db *storage.DB, open bool) *fixture {
	return newFixtureOf(t, db, open, func(*survey.Definition) {})
}

// newFixtureOf is newFixture with the SPEC example changed by edit first.
func newFixtureOf(t *testing.T, db *storage.DB, open bool, edit func(*survey.Definition)) *fixture {
	keys, _ := secret.New(bytes.Repeat([]byte{9}, secret.KeySize))
	log := audit.New(db, keys)
	f := &fixture{db: db, survey: survey.NewStore(db, log, validation.New())}
	f.responses = responses.NewStore(db, log, f.survey)
	f.results = results.NewStore(db, log, f.survey, f.responses)
	raw, _ := os.ReadFile("../survey/testdata/spec-example.json")
	var d survey.Definition
	if err := validation.DecodeStrict(raw, &d); err != nil {
		t.Fatal(err)
	}
	min := 2
	d.Scoring.MinSample = &min
	edit(&d)
	ctx := context.Background()
	if _, err := f.survey.Create(ctx, d, audit.Actor{Login: "admin"}); err != nil {
		t.Fatal(err)
	}
	if open {
		if _, err := f.survey.SetStatus(ctx, d.Code, survey.Open, audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
	}
	f.st, _ = f.survey.Structure(ctx, d.Code)
	return f
}

// responses: public rates U001 A/B/A/C, U002 B; deputies rate U001 D/B.
func (f *fixture) addResponses(t *testing.T) {
	var rs []responses.NewResponse
	opts := [][2]int{{0, 0}, {0, 1}, {0, 0}, {0, 2}, {1, 3}, {1, 1}}
	for i, o := range opts {
		r := responses.NewResponse{Ref: "R" + string(rune('a'+i)), Group: o[0], Weight: 1 + float64(i%2), Channel: responses.Paper, SubmittedAt: f.db.Now()}
		for ind := 0; ind < 3; ind++ {
			r.Ratings = append(r.Ratings, responses.Rating{Unit: 0, Indicator: ind, Option: o[1]})
		}
		if o[0] == 0 {
			r.Ratings = append(r.Ratings, responses.Rating{Unit: 2, Indicator: 0, Option: 1})
		}
		rs = append(rs, r)
	}
	if err := f.responses.InsertResponses(context.Background(), f.st, rs); err != nil {
		t.Fatal(err)
	}
}

func TestRunsAreReproducibleAndHonourExclusions(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db, true)
		f.addResponses(t)
		ctx := context.Background()
		first, res, err := f.results.Create(ctx, "2026-annual", audit.Actor{Login: "weiyuan1"})
		if err != nil {
			t.Fatal(err)
		}
		if first.Responses != 6 || first.Excluded != 0 || len(res.Units) != 3 || first.InputDigest != res.InputDigest {
			t.Fatalf("run: %+v", first)
		}
		second, _, _ := f.results.Create(ctx, "2026-annual", audit.Actor{Login: "weiyuan2"})
		if second.ID == first.ID || second.InputDigest != first.InputDigest || second.ResultDigest != first.ResultDigest {
			t.Fatalf("re-run on unchanged data differs: %s/%s vs %s/%s", first.InputDigest, first.ResultDigest, second.InputDigest, second.ResultDigest)
		}
		var resp responses.Response
		db.Gorm.Where("ref = ?", "Ra").Take(&resp)
		var admin struct{ ID int64 }
		db.Gorm.Raw("SELECT id FROM users LIMIT 1").Scan(&admin)
		if admin.ID == 0 {
			db.Gorm.Exec("INSERT INTO users (login, display_name, role, password_hash, created_at, updated_at) VALUES ('c','c','committee','x',?,?)", db.Now(), db.Now())
			db.Gorm.Raw("SELECT id FROM users LIMIT 1").Scan(&admin)
		}
		if err := db.Gorm.Exec("INSERT INTO exclusions (campaign_id, response_id, reason, created_by, created_at) VALUES (?, ?, 'test', ?, ?)",
			f.st.Campaign.ID, resp.ID, admin.ID, db.Now()).Error; err != nil {
			t.Fatal(err)
		}
		excluded, _, err := f.results.Create(ctx, "2026-annual", audit.Actor{Login: "weiyuan1"})
		if err != nil {
			t.Fatal(err)
		}
		if excluded.Responses != 5 || excluded.Excluded != 1 || excluded.InputDigest == first.InputDigest {
			t.Fatalf("with an exclusion: %+v", excluded)
		}
		db.Gorm.Exec("UPDATE exclusions SET revoked_at = ?, revoked_by = ? WHERE response_id = ?", db.Now(), admin.ID, resp.ID)
		reinstated, _, _ := f.results.Create(ctx, "2026-annual", audit.Actor{Login: "weiyuan1"})
		if reinstated.InputDigest != first.InputDigest || reinstated.ResultDigest != first.ResultDigest {
			t.Fatal("revoking the exclusion did not restore the original result")
		}
		got, err := f.results.Get(ctx, "2026-annual", first.ID)
		if err != nil || !bytes.Equal(got.Units, first.Units) {
			t.Fatalf("stored run differs from the computed one: %v", err)
		}
		if _, err := f.results.Get(ctx, "2026-annual", 99999); !fault.Is(err, fault.NotFound) {
			t.Fatalf("unknown run: %v", err)
		}
		list, _ := f.results.List(ctx, "2026-annual")
		if len(list) != 4 || list[0].ID != reinstated.ID || list[0].Units != nil {
			t.Fatalf("list: %d runs", len(list))
		}
	})
}

// A campaign with no responses scores to units without an index, flagged,
// never NaN; a draft cannot be scored.
func TestEmptyAndDraftCampaigns(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		draft := newFixture(t, db, false)
		if _, _, err := draft.results.Create(ctx, "2026-annual", audit.Actor{Login: "x"}); !fault.Is(err, fault.Conflict) {
			t.Fatalf("draft: %v", err)
		}
		draft.survey.SetStatus(ctx, "2026-annual", survey.Open, audit.Actor{Login: "admin"})
		run, _, err := draft.results.Create(ctx, "2026-annual", audit.Actor{Login: "x"})
		if err != nil {
			t.Fatal(err)
		}
		var units []map[string]any
		if err := json.Unmarshal(run.Units, &units); err != nil {
			t.Fatal(err)
		}
		for _, u := range units {
			if u["index"] != nil || u["rank"] != nil || u["flags"].([]any)[0] != "insufficient_sample" {
				t.Fatalf("unit without responses: %v", u)
			}
		}
	})
}
