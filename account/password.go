package account

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"pingyi/fault"
)

// argon2id parameters: OWASP's recommended minimum (19 MiB, 2 passes, 1
// lane). A sign-in costs ~30 ms of one core, which several processes on 2
// cores can afford, and the parameters are stored in each hash, so raising
// them later re-hashes nobody's password by force.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
	saltLen      = 16
)

// MinPasswordLength is the shortest password a person may choose.
const MinPasswordLength = 10

// HashPassword returns an argon2id hash in the PHC string format.
func HashPassword(password string) string {
	return HashPasswordWith(password, argonTime, argonMemory, argonThreads)
}

// HashPasswordWith is HashPassword at another cost (passes, KiB, lanes),
// for secrets that are not staff passwords: the appeals ledger's case
// passwords. CheckPassword checks either, reading the cost from the hash.
func HashPasswordWith(password string, time, memory uint32, threads uint8) string {
	salt := make([]byte, saltLen)
	rand.Read(salt)
	return phcWith(salt, argon2.IDKey([]byte(password), salt, time, memory, threads, argonKeyLen), time, memory, threads)
}

// DummyHash is a hash at the given cost that matches no password: checked
// against when the thing asked for does not exist, so that the answer takes
// as long as when it does.
func DummyHash(time, memory uint32, threads uint8) string {
	return phcWith(make([]byte, saltLen), make([]byte, argonKeyLen), time, memory, threads)
}

func phcWith(salt, key []byte, time, memory uint32, threads uint8) string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, memory, time, threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// dummyHash is checked against when a login is unknown, so that the answer
// takes as long as for a known login and does not reveal which exist. Only
// its parameters matter, and they are HashPassword's; its key matches no
// password. It is written out rather than hashed, which would cost every
// command and every start-up 35 ms and 20 MB.
var dummyHash = DummyHash(argonTime, argonMemory, argonThreads)

// CheckPassword reports whether password matches a hash made by HashPassword.
func CheckPassword(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	var memory, time uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &time, &threads); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, time, memory, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// checkNewPassword enforces the password policy for a chosen password.
func checkNewPassword(login, password string) error {
	if utf8.RuneCountInString(password) < MinPasswordLength {
		return fault.Invalidf("password must have at least %d characters", MinPasswordLength)
	}
	if strings.EqualFold(password, login) {
		return fault.Invalidf("password must differ from the login")
	}
	return nil
}

// oneTimePassword is shown once to whoever creates an account; the user
// replaces it at first sign-in. 12 characters from an alphabet without
// look-alikes (0/O, 1/l/I), ~70 bits.
func oneTimePassword() string {
	const alphabet = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789"
	out := make([]byte, 0, 12)
	buf := make([]byte, 1)
	for len(out) < cap(out) {
		rand.Read(buf)
		// Reject bytes past the largest multiple of the alphabet's size, so
		// every character is equally likely.
		if int(buf[0]) < 256-256%len(alphabet) {
			out = append(out, alphabet[int(buf[0])%len(alphabet)])
		}
	}
	return string(out)
}
