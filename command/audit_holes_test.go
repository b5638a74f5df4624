package command

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"strings"
	"testing"

	"pingyi/app"
	"pingyi/audit"
	"pingyi/demo"
	"pingyi/fault"
	"pingyi/review"
	"pingyi/storage/storagetest"
)

// demoApp opens the CLI's database as an application with the demo
// loaded: 2025-annual is published, version 1.
func demoApp(t *testing.T, c *cli) *app.App {
	t.Helper()
	cfg, _ := app.FromEnv(func(k string) string { return c.env[k] })
	a, err := app.Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	if _, err := demo.Load(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

// The holes between approval, publication and the stored data (issue 17,
// item 4), each closed, on both back ends: a run's results edited after
// its approval (with their digest recomputed) cannot be published; a
// response changed or deleted after publication, and an audit log cut
// back with its head rewound, make `audit verify` exit 1 saying so.
func TestTheHolesBetweenApprovalAndPublicationAreClosed(t *testing.T) {
	for _, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			c := newCLI(t, d)
			a := demoApp(t, c)
			ctx := context.Background()
			db := a.DB.Gorm
			verify := func(wantCode int, want string) {
				t.Helper()
				code, out, errOut := c.run("audit", "verify")
				if code != wantCode || !strings.Contains(out, want) {
					t.Fatalf("audit verify: exit %d, stdout %q, stderr %q; want exit %d and %q", code, out, errOut, wantCode, want)
				}
			}
			verify(0, "publications intact: 1 versions")

			// A correction's run, approved by the committee, then edited
			// in the database with a digest that matches the edit.
			run, _, err := a.Results.Create(ctx, demo.PreviousCode, audit.Actor{Login: "weiyuan1"})
			if err != nil {
				t.Fatal(err)
			}
			for _, login := range []string{"weiyuan1", "weiyuan2", "weiyuan3"} {
				u, _ := a.Accounts.ByLogin(ctx, login)
				if err := a.Review.Approve(ctx, demo.PreviousCode, run.ID, u.Actor()); err != nil {
					t.Fatal(err)
				}
			}
			var units []byte
			db.Raw("SELECT units FROM score_runs WHERE id = ?", run.ID).Row().Scan(&units)
			edited := strings.Replace(string(units), `"rank":1,`, `"rank":2,`, 1)
			if edited == string(units) {
				t.Fatal("nothing to edit in the run's results")
			}
			sum := sha256.Sum256([]byte(edited))
			db.Exec("UPDATE score_runs SET units = ?, result_digest = ? WHERE id = ?", []byte(edited), hex.EncodeToString(sum[:]), run.ID)
			publisher, _ := a.Accounts.ByLogin(ctx, "weiyuan1")
			_, err = a.Review.Publish(ctx, demo.PreviousCode, review.PublishRequest{Run: run.ID, ChangeNote: "correction"}, publisher.Actor())
			if !fault.Is(err, fault.Conflict) || !strings.Contains(err.Error(), "they were changed after approval") {
				t.Fatalf("publishing a run edited after approval: %v", err)
			}
			verify(0, "publications intact: 1 versions")

			// A response of the published version changed, then deleted.
			var campaign, response int64
			var weight float64
			db.Raw("SELECT id FROM campaigns WHERE code = ?", demo.PreviousCode).Row().Scan(&campaign)
			db.Raw("SELECT id, weight FROM responses WHERE campaign_id = ? ORDER BY id LIMIT 1", campaign).Row().Scan(&response, &weight)
			db.Exec("UPDATE responses SET weight = ? WHERE id = ?", weight*2, response)
			verify(1, "responses were changed or deleted after publication")
			db.Exec("UPDATE responses SET weight = ? WHERE id = ?", weight, response)
			verify(0, "publications intact")
			// Deleted, as far as the campaign can tell: moved to another.
			var other int64
			var ref string
			db.Raw("SELECT ref FROM responses WHERE id = ?", response).Row().Scan(&ref)
			db.Raw("SELECT id FROM campaigns WHERE code = ?", demo.CampaignCode).Row().Scan(&other)
			if err := db.Exec("UPDATE responses SET campaign_id = ?, ref = ? WHERE id = ?", other, "moved-away", response).Error; err != nil || other == 0 {
				t.Fatal(other, err)
			}
			verify(1, "responses were changed or deleted after publication")
			db.Exec("UPDATE responses SET campaign_id = ?, ref = ? WHERE id = ?", campaign, ref, response)
			verify(0, "publications intact")

			// The log cut back to before the publication, its head
			// rewound: the chain holds, the recorded head does not.
			_, content, err := a.Review.Get(ctx, demo.PreviousCode, 1)
			if err != nil || content.AuditLog == nil || content.AuditLog.Length < 3 {
				t.Fatalf("version 1 records no audit head: %+v, %v", content.AuditLog, err)
			}
			keep := content.AuditLog.Length - 2
			var hash string
			db.Raw("SELECT hash FROM audit_log WHERE seq = ?", keep).Row().Scan(&hash)
			db.Exec("DELETE FROM audit_log WHERE seq > ?", keep)
			db.Exec("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", keep, hash)
			verify(1, "audit log BROKEN: it holds")
			verify(1, "publication 2025-annual version 1 recorded")
		})
	}
}
