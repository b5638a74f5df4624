package account_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// peakHeap runs fn while sampling the heap, and returns the most it held
// above what it held before.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base, peak := m.HeapAlloc, m.HeapAlloc
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapAlloc)
			}
		}
	}()
	fn()
	close(done)
	<-sampled
	return peak - base
}

// 100 sign-ins at once hash at most ConcurrentHashes passwords at a time:
// the heap grows by a few hashes' 19 MiB (twice the live ones at most,
// before the collector runs), not by a hundred (2.25 GiB before the pool). Whoever waits too long is told to come back, clearly.
func TestConcurrentSignInsStayInBoundedMemory(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		f.store.Create(ctx, account.NewUser{Login: "zhao", Role: account.Admin, Password: "a long enough password"}, audit.Actor{Login: "cli"})
		var signedIn, busy int
		var mu sync.Mutex
		// The bound: the two hashes in slots are live (38 MiB); finished
		// ones stay on the heap until the collector's cycle ends, which
		// under this load is two or three hashes' worth more per slot.
		// Measured: 76–114 MiB; with no pool, 1.3 GiB.
		const bound = 192 << 20
		grew := peakHeap(func() {
			var wg sync.WaitGroup
			for i := range 100 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, _, err := f.store.SignIn(ctx, "zhao", "a long enough password", fmt.Sprintf("address-%d", i))
					mu.Lock()
					defer mu.Unlock()
					switch {
					case err == nil:
						signedIn++
					case fault.Is(err, fault.RateLimited) && strings.Contains(err.Error(), "busy"):
						busy++
					default:
						t.Errorf("sign-in: %v", err)
					}
				}()
			}
			wg.Wait()
		})
		t.Logf("heap grew by %d MiB; %d signed in, %d told to come back", grew>>20, signedIn, busy)
		if grew > bound {
			t.Errorf("heap grew by %d MiB during 100 sign-ins, more than %d MiB", grew>>20, bound>>20)
		}
		if signedIn == 0 {
			t.Error("nobody signed in")
		}
	})
}

// 40 wrong passwords at once lock the account: once five are counted, the
// rest are refused without a hash, and the lock holds against the right
// password — whether it comes after the burst or inside it.
func TestConcurrentWrongPasswordsLockTheAccount(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		const password = "correct horse battery"
		f.store.Create(ctx, account.NewUser{Login: "sun", Role: account.Admin, Password: password}, audit.Actor{Login: "cli"})
		f.store.Create(ctx, account.NewUser{Login: "zhou", Role: account.Admin, Password: password}, audit.Actor{Login: "cli"})

		wrong, locked := burst(t, f.store, "sun", 40, nil)
		t.Logf("40 at once: %d evaluated as wrong, %d refused as locked", wrong, locked)
		if locked == 0 || wrong >= 20 {
			t.Fatalf("40 wrong passwords at once: %d evaluated as wrong, %d refused as locked", wrong, locked)
		}
		if _, _, err := f.store.SignIn(ctx, "sun", password, "office"); !fault.Is(err, fault.Forbidden) {
			t.Fatalf("right password after the burst: %v", err)
		}

		// The right password sent amid 30 wrong ones, once five have been
		// answered, is refused; so is it after the burst.
		right := make(chan error, 1)
		burst(t, f.store, "zhou", 30, func() {
			_, _, err := f.store.SignIn(ctx, "zhou", password, "office")
			right <- err
		})
		if err := <-right; !fault.Is(err, fault.Forbidden) {
			t.Fatalf("right password inside the burst: %v", err)
		}
		if _, _, err := f.store.SignIn(ctx, "zhou", password, "office"); !fault.Is(err, fault.Forbidden) {
			t.Fatalf("right password after the burst: %v", err)
		}
	})
}

// burst sends n wrong passwords for login at once, from as many addresses,
// calling amid (if given) concurrently once five have been answered. It
// returns how many were answered as wrong and how many as locked.
func burst(t *testing.T, s *account.Store, login string, n int, amid func()) (wrong, locked int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	fifth := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, err := s.SignIn(context.Background(), login, fmt.Sprintf("guess %d", i), fmt.Sprintf("address-%d", i))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case fault.Is(err, fault.Unauthorized):
				wrong++
			case fault.Is(err, fault.Forbidden):
				locked++
			default:
				t.Errorf("guess %d: %v", i, err)
			}
			if wrong+locked == 5 {
				close(fifth)
			}
		}()
	}
	if amid != nil {
		<-fifth
		wg.Add(1)
		go func() { defer wg.Done(); amid() }()
	}
	wg.Wait()
	return wrong, locked
}

// Guessing is slowed for logins that do not exist too: five wrong tries of
// one login lock it like a real one (the same answer, so nothing tells
// which exists), and thirty of any logins from one address lock the
// address, while another address goes on.
func TestUnknownLoginsAreThrottled(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		for i := range 5 {
			if _, _, err := f.store.SignIn(ctx, "nobody", "guess", fmt.Sprintf("a-%d", i)); !fault.Is(err, fault.Unauthorized) {
				t.Fatalf("guess %d: %v", i, err)
			}
		}
		if _, _, err := f.store.SignIn(ctx, "nobody", "guess", "a-6"); !fault.Is(err, fault.Forbidden) || !strings.Contains(err.Error(), "locked until") {
			t.Fatalf("sixth guess at an unknown login: %v", err)
		}
		for i := range 30 {
			if _, _, err := f.store.SignIn(ctx, fmt.Sprintf("user%d", i), "guess", "one address"); !fault.Is(err, fault.Unauthorized) {
				t.Fatalf("login %d from one address: %v", i, err)
			}
		}
		_, _, err := f.store.SignIn(ctx, "user99", "guess", "one address")
		if !fault.Is(err, fault.RateLimited) {
			t.Fatalf("31st guess from one address: %v", err)
		}
		e, _ := fault.As(err)
		if msg := e.Text(i18n.ZH); msg == e.Text(i18n.EN) || !strings.Contains(msg, "17:15") {
			t.Errorf("address lock message: %s", msg)
		}
		if _, _, err := f.store.SignIn(ctx, "user99", "guess", "another address"); !fault.Is(err, fault.Unauthorized) {
			t.Fatalf("from another address: %v", err)
		}
	})
}

// Each lock-out of a day lasts twice the one before, up to an hour, and
// always ends: the real user then signs in, which forgives the login.
func TestLockOutsGrowAndEnd(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		f.store.Create(ctx, account.NewUser{Login: "wu", Role: account.Admin, Password: "correct horse battery"}, audit.Actor{Login: "cli"})
		lockedUntil := func() string {
			for i := range 5 {
				if _, _, err := f.store.SignIn(ctx, "wu", "guess", ""); !fault.Is(err, fault.Unauthorized) {
					t.Fatalf("guess %d: %v", i, err)
				}
			}
			_, _, err := f.store.SignIn(ctx, "wu", "correct horse battery", "")
			if !fault.Is(err, fault.Forbidden) {
				t.Fatalf("right password while locked: %v", err)
			}
			e, _ := fault.As(err)
			return e.Text(i18n.EN)
		}
		for _, want := range []struct {
			start time.Time
			until string
		}{
			{f.now, "17:15"},                        // 15 minutes
			{f.now.Add(16 * time.Minute), "17:46"},  // 30
			{f.now.Add(47 * time.Minute), "18:47"},  // 60
			{f.now.Add(108 * time.Minute), "19:48"}, // still 60: the ceiling
		} {
			f.now = want.start
			if msg := lockedUntil(); !strings.Contains(msg, want.until) {
				t.Fatalf("at %s: %s, want until %s", want.start.In(i18n.China).Format("15:04"), msg, want.until)
			}
		}
		f.now = f.now.Add(61 * time.Minute)
		if _, _, err := f.store.SignIn(ctx, "wu", "correct horse battery", ""); err != nil {
			t.Fatalf("after the lock: %v", err)
		}
		if msg := lockedUntil(); !strings.Contains(msg, f.now.Add(15*time.Minute).In(i18n.China).Format("15:04")) {
			t.Fatalf("after a success the next lock is short again: %s", msg)
		}
	})
}
