package appeals_test

import (
	"context"
	"testing"

	"pingyi/appeals"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

func TestContactIsRevealedAuditedAndErasedWithItsKey(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		r, err := f.store.Receive(ctx, appeals.Intake{Channel: "hotline", Kind: "求助", Content: "x", Contact: "13812341234"}, dispatcher)
		must(t, err)
		var sealed []byte
		db.Gorm.Table("appeal_cases").Select("contact_sealed").Where("id = ?", r.ID).Scan(&sealed)
		if len(sealed) == 0 || string(sealed) == "13812341234" {
			t.Errorf("contact stored as %q", sealed)
		}
		got, err := f.store.Contact(ctx, r.ID, dispatcher)
		must(t, err)
		if got != "13812341234" {
			t.Errorf("revealed %q", got)
		}
		if e, _ := f.log.Entries(ctx, "appeal.contact_view"); len(e) != 1 {
			t.Errorf("%d reveals audited", len(e))
		}
		n, err := f.store.EraseContacts(ctx, 2026, dispatcher)
		must(t, err)
		got, _ = f.store.Contact(ctx, r.ID, dispatcher)
		c, _ := f.store.Get(ctx, r.ID)
		var keys int64
		db.Gorm.Table("appeal_keys").Count(&keys)
		if n != 1 || got != "" || c.Contact != "" || keys != 0 {
			t.Errorf("after erasing: %d erased, contact %q, masked %q, %d keys", n, got, c.Contact, keys)
		}
	})
}
