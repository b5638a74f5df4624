package sampling

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Seed is the operator's secret random value for one draw.
//
// The protocol that lets a special supervisor check that nobody picked the
// numbers by hand:
//
//  1. The frame is frozen and its FrameDigest published, with the
//     Allocation: neither may change once the witness is known.
//  2. The operator generates a Seed (NewSeed with crypto/rand) and publishes
//     SeedCommitment(seed) = SHA-256 of its 32 bytes. The seed stays secret.
//  3. Only then is the witness fixed and published: a value nobody could
//     know at step 2, e.g. digits the supervisor types in at the draw, or a
//     public lottery result of a later date. Without it the operator could
//     try seeds in private until one gave a list it liked, and commit to
//     that one; the witness makes every such try worthless.
//  4. The draw runs from the seed and the witness (DrawSeed) and its record,
//     with the SampleDigest, is published.
//  5. The seed is revealed once the record is published (the list is fixed
//     by then, so knowing the seed no longer helps anyone). Anyone can check it
//     against the commitment (sha256sum of the 32 raw bytes, or VerifySeed)
//     and re-derive the list (VerifyDraw, `pingyi sample verify`).
type Seed [32]byte

var (
	ErrSeed    = errors.New("种子格式不对 (malformed seed)")
	ErrWitness = errors.New("见证值过长 (witness too long)")
)

// NewSeed reads a seed from r, which should be crypto/rand.Reader; it is a
// parameter so that tests can be repeatable.
func NewSeed(r io.Reader) (Seed, error) {
	var s Seed
	if _, err := io.ReadFull(r, s[:]); err != nil {
		return Seed{}, fmt.Errorf("reading seed: %w", err)
	}
	return s, nil
}

// ParseSeed reads the 64 hex digits Hex writes.
func ParseSeed(h string) (Seed, error) {
	var s Seed
	b, err := hex.DecodeString(strings.TrimSpace(h))
	if err != nil || len(b) != len(s) {
		return Seed{}, ErrSeed
	}
	copy(s[:], b)
	return s, nil
}

// Hex is the seed as 64 lowercase hex digits, the form it is revealed in.
func (s Seed) Hex() string { return hex.EncodeToString(s[:]) }

// SeedCommitment is what is published before the draw: lowercase hex of
// SHA-256 over the seed's 32 raw bytes, nothing else, so that anyone can
// check it with `echo SEEDHEX | xxd -r -p | sha256sum`.
func SeedCommitment(s Seed) string {
	sum := sha256.Sum256(s[:])
	return hex.EncodeToString(sum[:])
}

// VerifySeed reports whether s is the seed behind commitment (hex, either
// case).
func VerifySeed(s Seed, commitment string) bool {
	want, err := hex.DecodeString(strings.TrimSpace(commitment))
	sum := sha256.Sum256(s[:])
	return err == nil && subtle.ConstantTimeCompare(want, sum[:]) == 1
}

// drawSeedTag separates the draw seed from every other SHA-256 this package
// computes, and names the version of the draw's encoding.
const drawSeedTag = "pingyi/draw/v1"

// DrawSeed mixes the operator's seed with the witness into the 32 bytes the
// priorities are computed from:
//
//	SHA-256( u32(len tag) ‖ "pingyi/draw/v1" ‖ seed (32 bytes) ‖ u32(len witness) ‖ witness )
//
// where u32 is a 4-byte big-endian length and witness is its UTF-8 bytes.
func DrawSeed(s Seed, witness string) [32]byte {
	b := appendField(nil, drawSeedTag)
	b = append(b, s[:]...)
	b = appendField(b, witness)
	return sha256.Sum256(b)
}

// appendField appends s with its length in front, so that no two different
// sequences of fields encode to the same bytes ("ab"+"c" is not "a"+"bc").
func appendField(b []byte, s string) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}
