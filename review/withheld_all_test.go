package review_test

import (
	"context"
	"strings"
	"testing"

	"pingyi/publicdata"
	"pingyi/review"
	"pingyi/signing"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/verify"
)

// With every group's data withheld, the server serves no responses.csv;
// `pingyi verify` then checks what it can and says that no number could
// be recomputed, rather than calling the missing file a difference.
func TestEveryGroupWithheldVerifiesWithoutResponses(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		f.campaign("2026-annual", 2026)
		for _, sql := range []string{"UPDATE respondent_groups SET publish_data = 'none'",
			"UPDATE campaigns SET structure_version = structure_version + 1"} {
			if err := db.Gorm.Exec(sql).Error; err != nil {
				t.Fatal(err)
			}
		}
		f.status("2026-annual", survey.Closed, survey.Review)
		run := f.run("2026-annual")
		f.approve("2026-annual", run, f.members[0], f.members[1])
		p, err := f.review.Publish(context.Background(), "2026-annual", review.PublishRequest{Run: run.ID}, f.members[0].Actor())
		if err != nil {
			t.Fatal(err)
		}
		r := verify.Check(verify.Files{publicdata.PublicationFile: p.Content}, &signing.KeyList{})
		if len(r.Differences) != 1 || !strings.Contains(r.Differences[0], "not signed") {
			t.Fatalf("differences %q, want only the missing signature", r.Differences)
		}
		if len(r.NotRecomputed) != 1 || !strings.Contains(r.NotRecomputed[0], "withholds every group") {
			t.Fatalf("not recomputed %q", r.NotRecomputed)
		}
	})
}
