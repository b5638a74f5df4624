package account

import (
	"context"
	"strings"
	"testing"
	"time"

	"pingyi/fault"
	"pingyi/i18n"
)

// With every slot taken for longer than a sign-in waits, the sign-in is
// told, in both languages, to come back later.
func TestAFullHashPoolAsksToComeBack(t *testing.T) {
	hashWait = 50 * time.Millisecond
	defer func() { hashWait = HashWait }()
	p := newHashPool()
	for range ConcurrentHashes {
		if err := p.acquire(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	_, err := p.check(context.Background(), dummyHash, "a password")
	if !fault.Is(err, fault.RateLimited) || time.Since(start) < hashWait {
		t.Fatalf("with no free slot: %v after %v", err, time.Since(start))
	}
	e, _ := fault.As(err)
	if !strings.Contains(e.Text(i18n.EN), "try again in 1 s") || e.Text(i18n.ZH) == e.Text(i18n.EN) {
		t.Fatalf("message: %q / %q", e.Text(i18n.EN), e.Text(i18n.ZH))
	}
	p.release()
	if ok, err := p.check(context.Background(), dummyHash, "a password"); err != nil || ok {
		t.Fatalf("with a slot free again: %v %v", ok, err)
	}
}
