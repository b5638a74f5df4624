package appeals_test

import (
	"context"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"pingyi/appeals"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

func TestLookupShowsTheCaseToItsPasswordOnly(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		id := f.replied(t, "U1-1")
		c, _ := f.store.Get(ctx, id)
		v, err := f.store.Lookup(ctx, c.Number, "pass-1234", "addr-1")
		must(t, err)
		if v.Unit != "城东派出所" || v.Reply != "答复" || !v.CanRate || !v.CanReview || len(v.Stages) != 4 {
			t.Errorf("public view: %+v", v)
		}
		wrong := func(number, password string) error {
			_, err := f.store.Lookup(ctx, number, password, "addr-2")
			return err
		}
		e1, e2 := wrong(c.Number, "wrong-pass"), wrong("202600000000", "pass-1234")
		if !fault.Is(e1, fault.NotFound) || e1.Error() != e2.Error() {
			t.Errorf("wrong password %v and unknown number %v must answer alike", e1, e2)
		}
		// A case without a password is never shown outside.
		r, err := f.store.Receive(ctx, appeals.Intake{Channel: "hotline", Kind: "咨询", Content: "x"}, dispatcher)
		must(t, err)
		if err := wrong(r.Number, ""); err == nil || err.Error() != e1.Error() {
			t.Errorf("a case without a password: %v", err)
		}
		// The person rates the reply and asks for a review through the same check.
		must(t, f.store.RateReply(ctx, c.Number, "pass-1234", "addr-1", "基本满意"))
		must(t, f.store.AskReview(ctx, c.Number, "pass-1234", "addr-1"))
		c, _ = f.store.Get(ctx, id)
		if c.Callback != appeals.Basic || c.ReviewLevel != 1 || c.Status != appeals.StatusAccepted {
			t.Errorf("after rating and review: %+v", c)
		}
		if err := f.store.AskReview(ctx, c.Number, "wrong-pass", "addr-1"); !fault.Is(err, fault.NotFound) {
			t.Errorf("a review with a wrong password: %v", err)
		}
	})
}

func TestGuessesAreThrottledAcrossProcesses(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		id := f.replied(t, "U2")
		c, _ := f.store.Get(ctx, id)
		// A second store on the same database stands for another serve process.
		other := appeals.NewStore(db, f.keys, f.log, func(context.Context) (appeals.WorkingDays, error) { return weekdays{}, nil },
			testUnits, appeals.DefaultConfig)
		for i := 0; i < appeals.DefaultConfig.GuessesPerCase; i++ {
			s := f.store
			if i%2 == 1 {
				s = other
			}
			// From a different address each time: the per-case limit still holds.
			if _, err := s.Lookup(ctx, c.Number, "wrong-pass", "addr-"+string(rune('a'+i))); !fault.Is(err, fault.NotFound) {
				t.Fatalf("guess %d: %v", i+1, err)
			}
		}
		if _, err := other.Lookup(ctx, c.Number, "pass-1234", "addr-z"); !fault.Is(err, fault.RateLimited) {
			t.Errorf("the right password after %d wrong ones: %v", appeals.DefaultConfig.GuessesPerCase, err)
		}
		// An hour later the case opens again.
		f.clock.now = f.clock.now.Add(61 * 60e9)
		if _, err := other.Lookup(ctx, c.Number, "pass-1234", "addr-z"); err != nil {
			t.Errorf("an hour later: %v", err)
		}
		// Per address: guesses at many numbers from one address run out too.
		var err error
		for i := 0; i <= appeals.DefaultConfig.GuessesPerAddress; i++ {
			_, err = f.store.Lookup(ctx, "2026000000"+string(rune('0'+i%10))+string(rune('0'+i/10)), "x", "addr-many")
		}
		if !fault.Is(err, fault.RateLimited) {
			t.Errorf("guess %d from one address: %v", appeals.DefaultConfig.GuessesPerAddress+1, err)
		}
		must(t, f.store.SweepGuesses(ctx))
	})
}

// A burst of a thousand concurrent wrong guesses at one case: exactly the
// per-case allowance reaches the password check, the rest are refused
// before it, and the heap stays small because hashes queue.
func TestBurstOfGuessesIsBounded(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		id := f.replied(t, "U2")
		c, _ := f.store.Get(ctx, id)
		runtime.GC()
		stop := peakHeap()
		var wrong, limited, other atomic.Int64
		var wg sync.WaitGroup
		for i := 0; i < 1000; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := f.store.Lookup(ctx, c.Number, "wrong-pass", "burst-"+strconv.Itoa(i))
				switch {
				case fault.Is(err, fault.NotFound):
					wrong.Add(1)
				case fault.Is(err, fault.RateLimited):
					limited.Add(1)
				default:
					other.Add(1)
					t.Log(err)
				}
			}()
		}
		wg.Wait()
		peak := stop()
		if wrong.Load() != int64(appeals.DefaultConfig.GuessesPerCase) || limited.Load() != 1000-wrong.Load() || other.Load() != 0 {
			t.Errorf("%d checked, %d refused, %d failed otherwise", wrong.Load(), limited.Load(), other.Load())
		}
		t.Logf("peak heap %.1f MiB", float64(peak)/(1<<20))
		if peak > 128<<20 {
			t.Errorf("peak heap %d MiB during the burst", peak>>20)
		}
	})
}
