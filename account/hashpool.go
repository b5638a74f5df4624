package account

import (
	"context"
	"time"

	"pingyi/fault"
)

// ConcurrentHashes is how many argon2id hashes one process computes at
// once. Each holds 19 MiB for ~30 ms of a core: two bound sign-in to about
// 40 MiB live (twice that before the collector catches up), whatever the
// number of callers, and still admit some 60 sign-ins a second — more
// than a city's staff ever need, and more would only queue for the cores.
const ConcurrentHashes = 2

// HashWait is how long a sign-in waits for a hash slot before it is told
// to come back: past it, the server is being flooded, and waiting longer
// only piles up connections.
const HashWait = 5 * time.Second

// hashWait is HashWait, lowered by tests.
var hashWait = HashWait

// hashPool bounds the password hashes computed at once.
type hashPool chan struct{}

func newHashPool() hashPool { return make(hashPool, ConcurrentHashes) }

// errBusy answers a sign-in that found no hash slot in time.
func errBusy() error {
	return fault.RateLimitedf("sign-in is busy; try again in %d s", max(1, int(hashWait/time.Second)))
}

// acquire takes a slot, waiting at most hashWait. The caller releases it.
func (p hashPool) acquire(ctx context.Context) error {
	timer := time.NewTimer(hashWait)
	defer timer.Stop()
	select {
	case p <- struct{}{}:
		return nil
	case <-timer.C:
		return errBusy()
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (p hashPool) release() { <-p }

// check runs CheckPassword in a slot.
func (p hashPool) check(ctx context.Context, hash, password string) (bool, error) {
	if err := p.acquire(ctx); err != nil {
		return false, err
	}
	defer p.release()
	return CheckPassword(hash, password), nil
}

// hash runs HashPassword in a slot.
func (p hashPool) hash(ctx context.Context, password string) (string, error) {
	if err := p.acquire(ctx); err != nil {
		return "", err
	}
	defer p.release()
	return HashPassword(password), nil
}
