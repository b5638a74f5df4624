package appeals

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"pingyi/fault"
)

// Case passwords use lighter argon2id settings than staff accounts: 4 MiB
// and one pass (~2.5 ms of one core) against 19 MiB and two (~30 ms). /q
// must answer 200 lookups a second with p99 under 200 ms on two shared
// cores, the password check included; measured, the hash was two thirds
// of a lookup's CPU at 8 MiB. What protects a case is not the cost of one
// hash but the lock-out: ten wrong guesses an hour per case and thirty
// per address (lookup.go), counted in the database, so an online attacker
// gets ten tries an hour at a case, and an offline one needs the database
// and still pays a memory-hard hash per guess. At most four hashes run at
// once, so a burst of a thousand guesses holds 16 MiB, not 4 GiB, and the
// rest queue. The parameters are stored in each hash: raising them later
// re-hashes no one by force.
const (
	caseArgonTime    = 1
	caseArgonMemory  = 4 * 1024
	caseArgonThreads = 1
	caseArgonKeyLen  = 32
	caseSaltLen      = 16

	// concurrentPasswordChecks bounds the memory a burst of /q guesses can
	// take to this many times 4 MiB; the rest wait their turn.
	concurrentPasswordChecks = 4

	minCasePassword = 6
	maxCasePassword = 64
)

func checkCasePassword(p string) error {
	n := utf8.RuneCountInString(p)
	if n < minCasePassword || n > maxCasePassword {
		return fault.Invalidf("the case password must be %d to %d characters long", minCasePassword, maxCasePassword)
	}
	return nil
}

func hashCasePassword(password string) string {
	salt := make([]byte, caseSaltLen)
	rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, caseArgonTime, caseArgonMemory, caseArgonThreads, caseArgonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, caseArgonMemory, caseArgonTime,
		caseArgonThreads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// dummyCaseHash is checked when a number is unknown, so that the answer
// takes as long as for a known one.
var dummyCaseHash = fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, caseArgonMemory, caseArgonTime,
	caseArgonThreads, base64.RawStdEncoding.EncodeToString(make([]byte, caseSaltLen)),
	base64.RawStdEncoding.EncodeToString(make([]byte, caseArgonKeyLen)))

// matchCasePassword checks password against a stored hash, a few at a time.
func (s *Store) matchCasePassword(ctx context.Context, hash, password string) (bool, error) {
	select {
	case s.hashing <- struct{}{}:
		defer func() { <-s.hashing }()
	case <-ctx.Done():
		return false, ctx.Err()
	}
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, nil
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m > 64*1024 || t > 10 {
		return false, nil
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false, nil
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
