package appeals

import (
	"context"
	"runtime"
	"unicode/utf8"

	"pingyi/account"
	"pingyi/fault"
)

// Case passwords use lighter argon2id settings than staff accounts: 4 MiB
// and one pass (2.5-4 ms of one core, by the machine) against 19 MiB and
// two (~30 ms). /q must answer 200 lookups a second with p99 under 200 ms on two shared
// cores, the password check included; measured, the hash was two thirds
// of a lookup's CPU at 8 MiB. What protects a case is not the cost of one
// hash but the lock-out: ten wrong guesses an hour per case and thirty
// per address (lookup.go), counted in the database, so an online attacker
// gets ten tries an hour at a case, and an offline one needs the database
// and still pays a memory-hard hash per guess. At most one hash runs per
// core (concurrentPasswordChecks), so a burst of a thousand guesses holds
// 8 MiB on two cores, not 4 GiB, and the rest queue. The parameters are
// stored in each hash: raising them later re-hashes no one by force.
const (
	caseArgonTime    = 1
	caseArgonMemory  = 4 * 1024
	caseArgonThreads = 1

	minCasePassword = 6
	maxCasePassword = 64
)

// concurrentPasswordChecks is how many case passwords are checked at once,
// which bounds the memory a burst of /q guesses can take to this many
// times 4 MiB; the rest wait their turn. One per core: two hashes sharing
// a core evict each other's memory from its cache, and on two cores four
// at once served 140-157 lookups a second (p99 294-360 ms) where two
// served 202-205 (p99 158-171 ms), alternated on 2026-12-05.
func concurrentPasswordChecks() int { return max(1, runtime.GOMAXPROCS(0)) }

func checkCasePassword(p string) error {
	n := utf8.RuneCountInString(p)
	if n < minCasePassword || n > maxCasePassword {
		return fault.Invalidf("the case password must be %d to %d characters long", minCasePassword, maxCasePassword)
	}
	return nil
}

func hashCasePassword(password string) string {
	return account.HashPasswordWith(password, caseArgonTime, caseArgonMemory, caseArgonThreads)
}

// dummyCaseHash is checked when a number is unknown, so that the answer
// takes as long as for a known one.
var dummyCaseHash = account.DummyHash(caseArgonTime, caseArgonMemory, caseArgonThreads)

// matchCasePassword checks password against a stored hash, a few at a time.
func (s *Store) matchCasePassword(ctx context.Context, hash, password string) (bool, error) {
	select {
	case s.hashing <- struct{}{}:
		defer func() { <-s.hashing }()
	case <-ctx.Done():
		return false, ctx.Err()
	}
	return account.CheckPassword(hash, password), nil
}
