package appeals_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"pingyi/appeals"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

func online(key string) appeals.Online {
	return appeals.Online{Kind: "投诉", Content: "窗口排队两小时", Contact: "13812341234", Password: "pass-1234",
		Confirm: "pass-1234", Consent: true, Key: key, AddrHash: "addr-1"}
}

// Every problem of the public form is named at once, by field.
func TestOnlineFilingNamesEveryProblem(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		o := appeals.Online{Kind: "吐槽", Content: "  ", Contact: "call me", Password: "abc", Confirm: "abd",
			Key: "k-0123456789abcdef", AddrHash: "a"}
		_, err := f.store.ReceiveOnline(context.Background(), o)
		e, ok := fault.As(err)
		if !ok || e.Kind != fault.Invalid {
			t.Fatalf("bad form: %v", err)
		}
		got := map[string]bool{}
		for _, p := range e.Problems {
			got[p.Path] = true
		}
		for _, path := range []string{"kind", "content", "contact", "password", "confirm", "consent"} {
			if !got[path] {
				t.Errorf("no problem named at %s: %+v", path, e.Problems)
			}
		}
		// A report must name a unit of the register.
		o = online("k-0123456789abcdeg")
		o.Kind, o.Unit = "举报", "不存在的局"
		_, err = f.store.ReceiveOnline(context.Background(), o)
		if e, _ := fault.As(err); e == nil || len(e.Problems) != 1 || e.Problems[0].Path != "unit" {
			t.Errorf("report with an unknown unit: %v", err)
		}
		// A forged key is refused before anything else.
		if _, err := f.store.ReceiveOnline(context.Background(), online("short")); !fault.Is(err, fault.Invalid) {
			t.Errorf("short key: %v", err)
		}
	})
}

// One form sent twice, even at once, files one case; both get its number.
func TestOnlineFilingIsIdempotentByFormKey(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		var wg sync.WaitGroup
		got := make([]appeals.Received, 4)
		errs := make([]error, 4)
		for i := range got {
			wg.Add(1)
			go func() { defer wg.Done(); got[i], errs[i] = f.store.ReceiveOnline(ctx, online("form-key-aaaaaaaaaaaa")) }()
		}
		wg.Wait()
		for i := range got {
			must(t, errs[i])
			if got[i] != got[0] {
				t.Fatalf("the same form filed %v and %v", got[0], got[i])
			}
		}
		var n int64
		must(t, f.db.Gorm.Table("appeal_cases").Count(&n).Error)
		if n != 1 {
			t.Fatalf("%d cases for one form", n)
		}
		c, err := f.store.Get(ctx, got[0].ID)
		must(t, err)
		if c.Channel != "web" || c.Kind != appeals.Complaint || !c.HasPassword || c.Contact != "138****1234" || c.Public {
			t.Errorf("filed case: %+v", c)
		}
		// A unit named with a complaint reaches the dispatcher in the content.
		o := online("form-key-bbbbbbbbbbbb")
		o.Unit = "市税务局"
		r, err := f.store.ReceiveOnline(ctx, o)
		must(t, err)
		c, _ = f.store.Get(ctx, r.ID)
		if !strings.Contains(c.Content, "市税务局") || c.ConcernsUnit != "" {
			t.Errorf("a complaint naming a unit: %+v", c)
		}
	})
}

// An address files at most FilingsPerAddress cases an hour; another
// address is not held back, and the next hour starts afresh.
func TestOnlineFilingIsLimitedPerAddress(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		limit := appeals.DefaultConfig.FilingsPerAddress
		for i := 0; i < limit; i++ {
			o := online("limit-key-" + strings.Repeat("x", 6) + string(rune('a'+i)))
			o.Password, o.Confirm = "", ""
			_, err := f.store.ReceiveOnline(ctx, o)
			must(t, err)
		}
		o := online("limit-key-over-the-top")
		_, err := f.store.ReceiveOnline(ctx, o)
		if !fault.Is(err, fault.RateLimited) {
			t.Fatalf("filing %d from one address: %v", limit+1, err)
		}
		o.AddrHash = "addr-2"
		if _, err := f.store.ReceiveOnline(ctx, o); err != nil {
			t.Fatalf("another address: %v", err)
		}
		f.clock.set("2026-03-02 10:01")
		o = online("limit-key-next-hour-1")
		if _, err := f.store.ReceiveOnline(ctx, o); err != nil {
			t.Fatalf("the next hour: %v", err)
		}
	})
}

func eachFixture(t *testing.T, fn func(t *testing.T, f *fixture)) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) { fn(t, newFixture(t, db)) })
}
