package organizer_test

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/organizer"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

func newStore(t *testing.T, db *storage.DB) (*organizer.Store, *audit.Log) {
	t.Helper()
	keys, err := secret.New(bytes.Repeat([]byte{3}, secret.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	log := audit.New(db, keys)
	return organizer.NewStore(db, log), log
}

func put(t *testing.T, s *organizer.Store, code, name, parent string) {
	t.Helper()
	if err := s.Put(context.Background(), code, name, parent, audit.CLI); err != nil {
		t.Fatalf("put %s: %v", code, err)
	}
}

func covered(t *testing.T, db *storage.DB, codes ...string) []string {
	t.Helper()
	out, err := organizer.Covered(db.Gorm, codes)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// An account of the city covers its counties and their townships, at any
// depth; one of a county covers neither its city nor a sibling county.
func TestCoveredReachesEveryLevelBelow(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s, log := newStore(t, db)
		put(t, s, "city", "市考评办", "")
		put(t, s, "east", "东区考评办", "city")
		put(t, s, "west", "西区考评办", "city")
		put(t, s, "east-town", "东区某镇", "east")
		put(t, s, "other", "邻市考评办", "")

		for _, c := range []struct {
			of   []string
			want []string
		}{
			{[]string{"city"}, []string{"city", "east", "east-town", "west"}},
			{[]string{"east"}, []string{"east", "east-town"}},
			{[]string{"west", "other"}, []string{"other", "west"}},
			{[]string{"east-town"}, []string{"east-town"}},
		} {
			if got := covered(t, db, c.of...); !slices.Equal(got, c.want) {
				t.Errorf("covered by %v = %v, want %v", c.of, got, c.want)
			}
		}
		if n, broken, err := log.Verify(context.Background()); err != nil || broken != nil || n < 5 {
			t.Fatalf("audit after five organisers: %d entries, break %v, %v", n, broken, err)
		}
	})
}

// A parent that is unknown, or that sits under the organiser itself, is
// refused by name and leaves the organiser as it was.
func TestABadParentIsRefusedAndChangesNothing(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s, _ := newStore(t, db)
		put(t, s, "city", "市考评办", "")
		put(t, s, "east", "东区考评办", "city")

		for _, parent := range []string{"east", "nowhere"} {
			err := s.Put(context.Background(), "city", "改名", parent, audit.CLI)
			e, ok := fault.As(err)
			if !ok || e.Kind != fault.Invalid || len(e.Problems) != 1 || e.Problems[0].Path != "parent" {
				t.Fatalf("parent %q: %v, want one problem at parent", parent, err)
			}
		}
		if err := s.Put(context.Background(), "bad code!", "x", "", audit.CLI); !fault.Is(err, fault.Invalid) {
			t.Fatalf("a bad code: %v", err)
		}
		all, err := s.List(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range all {
			if o.Code == "city" && (o.Name != "市考评办" || o.ParentCode != nil) {
				t.Fatalf("the refused changes were written: %+v", o)
			}
			if o.Code == "bad code!" {
				t.Fatal("an organiser with a bad code was stored")
			}
		}
		if got := covered(t, db, "east"); !slices.Equal(got, []string{"east"}) {
			t.Fatalf("east covers %v after the refused loop", got)
		}
	})
}

// A definition naming an organiser creates it once; naming it again,
// under another name, keeps what is stored. Missing names each unknown
// code once.
func TestEnsureCreatesOnceAndMissingNamesTheUnknown(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s, _ := newStore(t, db)
		put(t, s, "city", "市考评办", "")
		for _, name := range []string{"县考评办", "另一个名字"} {
			if err := organizer.Ensure(db.Gorm, "county", name, db.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if err := organizer.Ensure(db.Gorm, "city", "别的名字", db.Now()); err != nil {
			t.Fatal(err)
		}
		names := map[string]string{}
		all, err := s.List(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range all {
			names[o.Code] = o.Name
		}
		if names["county"] != "县考评办" || names["city"] != "市考评办" {
			t.Fatalf("names after Ensure: %v", names)
		}
		missing, err := organizer.Missing(db.Gorm, []string{"city", "nope", "county", "nope", "gone"})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(missing, []string{"nope", "gone"}) {
			t.Fatalf("missing = %v", missing)
		}
	})
}
