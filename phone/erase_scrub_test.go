package phone

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"pingyi/audit"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
)

// contactsCSV lists perUnit contacts of each unit with names that occur
// nowhere else.
func contactsCSV(perUnit int) string {
	var b strings.Builder
	b.WriteString("单位编码,手机号,姓名\n")
	for u, unit := range units3 {
		for i := range perUnit {
			fmt.Fprintf(&b, "%s,137%04d%04d,受访联系人%d号%d\n", unit, u, i, u, i)
		}
	}
	return b.String()
}

// asBeforeFrameKeys turns every other entry of the frame back into what a
// database migrated from before frames had keys holds: sealed under the
// master key.
func (f *fixture) asBeforeFrameKeys() {
	f.t.Helper()
	var entries []entry
	f.db.Gorm.Order("id").Find(&entries)
	for i, e := range entries {
		if i%2 == 1 {
			continue
		}
		dk, _ := f.store.openingKey(f.db.Gorm, e.FrameID)
		phone, err1 := dk.Open(e.PhoneSealed)
		name, err2 := dk.Open(e.NameSealed)
		if err1 != nil || err2 != nil {
			f.t.Fatal(err1, err2)
		}
		f.db.Gorm.Model(&entry{}).Where("id = ?", e.ID).Updates(map[string]any{
			"phone_sealed": f.keys.Seal(secret.Phone, phone), "name_sealed": f.keys.Seal(secret.Phone, name)})
	}
}

// Entries sealed under the master key before frames had keys of their own
// still open for the operator, beside those sealed under the frame's key.
func TestContactsSealedBeforeFrameKeysStillOpen(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		f.drawn(contactsCSV(4), PlanInput{Method: "equal", Completes: 12, ResponseRate: 1, Replicates: 1})
		f.asBeforeFrameKeys()
		ops := f.operators(12)
		for _, op := range ops {
			c, err := f.store.Next(f.ctx, campaign, audit.Actor{ID: op})
			if err != nil || c == nil {
				t.Fatalf("next: %v %v", c, err)
			}
			if !strings.HasPrefix(c.Name, "受访联系人") || !strings.HasPrefix(c.Phone.Canonical, "137") {
				t.Fatalf("case %d opens as %q %q", c.ID, c.Name, c.Phone.Canonical)
			}
		}
	})
}

// After erasing, no sealed number or name remains anywhere in the SQLite
// file or its write-ahead log — neither those under the frame's key nor
// those under the master key — and no name in clear. On MySQL the frame's
// key is gone, so what InnoDB may still hold of the sealed values (old row
// versions in undo logs, freed space in pages, until purge and reuse)
// cannot be opened.
func TestEraseLeavesNoContactInTheDatabase(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		f.drawn(contactsCSV(40), simplePlan(12))
		f.asBeforeFrameKeys()
		var entries []entry
		db.Gorm.Find(&entries)
		var keys []frameKey
		db.Gorm.Find(&keys)
		if len(entries) != 120 || len(keys) != 1 {
			t.Fatalf("%d entries, %d frame keys", len(entries), len(keys))
		}
		dk, _ := f.store.openingKey(db.Gorm, entries[0].FrameID)
		if _, err := f.survey.SetStatus(f.ctx, campaign, survey.Closed, audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
		if n, err := f.store.Erase(f.ctx, campaign, audit.Actor{Login: "admin"}); err != nil || n != 120 {
			t.Fatalf("erased %d: %v", n, err)
		}

		var left int64
		db.Gorm.Model(&frameKey{}).Count(&left)
		if left != 0 {
			t.Fatalf("%d frame keys survive the erasure", left)
		}
		if k, err := f.store.openingKey(db.Gorm, entries[0].FrameID); k != nil || err != nil {
			t.Fatalf("the frame still has a key: %v", err)
		}
		if _, onFile := db.File(); !onFile {
			// Only the key captured before the erasure still opens them.
			for _, e := range entries[1:2] {
				if _, err := f.store.openContact(nil, e.PhoneSealed); err == nil {
					t.Fatal("a number sealed under the erased frame key opens without it")
				}
				if _, err := dk.Open(e.PhoneSealed); err != nil {
					t.Fatal("the test's captured key does not open what it sealed")
				}
			}
			return
		}
		file := sqliteFile(t, db)
		for _, e := range entries {
			for _, sealed := range [][]byte{e.PhoneSealed, e.NameSealed} {
				if bytes.Contains(file, sealed) {
					t.Fatalf("a sealed value of line %d is still in the file", e.Line)
				}
			}
		}
		if bytes.Contains(file, keys[0].Wrapped) {
			t.Fatal("the wrapped frame key is still in the file")
		}
		if bytes.Contains(file, []byte("受访联系人")) {
			t.Fatal("a name is in the file in clear")
		}
	})
}

// sqliteFile returns the bytes of a SQLite database's file and its
// write-ahead log.
func sqliteFile(t *testing.T, db *storage.DB) []byte {
	t.Helper()
	var list []struct {
		Name string
		File string
	}
	db.Gorm.Raw("PRAGMA database_list").Scan(&list)
	if len(list) == 0 || list[0].File == "" {
		t.Fatal("no database file")
	}
	main, err := os.ReadFile(list[0].File)
	if err != nil {
		t.Fatal(err)
	}
	wal, err := os.ReadFile(list[0].File + "-wal")
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return append(main, wal...)
}
