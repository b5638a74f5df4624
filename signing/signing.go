// Package signing signs published versions and checks their signatures.
// Each organiser signs with a key of its own; the public halves are listed
// (current and retired) at /.well-known/pingyi-signing-keys, so anyone can
// check a version with no database and no secret.
//
// Ed25519 is the default algorithm; SM2 with SM3 (github.com/emmansun/gmsm)
// is there for deployments that must use the national algorithms.
//
// The private key: PINGYI_SIGNING_KEY, the organiser default's 32-byte
// seed, hex or base64 like PINGYI_SECRET_KEY, prefixed "sm2:" for an SM2
// key (never a flag). When it is not set, an Ed25519 seed is derived from
// PINGYI_SECRET_KEY, so a deployment signs with no extra set-up. Rotation: set a new
// PINGYI_SIGNING_KEY (or a new secret key) and restart; the first
// publication signed with the new key lists it from that moment and closes
// the validity of the organiser's previous key, which stays listed so that
// versions it signed can still be checked.
package signing

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/emmansun/gmsm/sm2"
)

// Ed25519 is the default algorithm's name in key lists and publications.
const Ed25519 = "ed25519"

// DefaultOrganizer is the organiser every campaign belongs to until
// organisers exist (issue 11); keys are per organiser code so that more
// can be added.
const DefaultOrganizer = "default"

// Key is one public key as listed at /.well-known/pingyi-signing-keys.
type Key struct {
	ID        string     `json:"id"`
	Organizer string     `json:"organizer"`
	Algorithm string     `json:"algorithm"`
	PublicKey string     `json:"public_key"` // hex
	ValidFrom time.Time  `json:"valid_from"`
	ValidTo   *time.Time `json:"valid_to"` // null while current
}

// KeyList is the document served at /.well-known/pingyi-signing-keys and
// read from signing-keys.json by `pingyi verify DIR`.
type KeyList struct {
	Keys []Key `json:"keys"`
}

// Find returns the key with this id, or nil.
func (l KeyList) Find(id string) *Key {
	for i := range l.Keys {
		if l.Keys[i].ID == id {
			return &l.Keys[i]
		}
	}
	return nil
}

// Signer signs with one organiser's private key.
type Signer struct {
	organizer string
	algorithm string
	private   ed25519.PrivateKey
	sm2       *sm2.PrivateKey
}

// NewSigner returns the Ed25519 signer of an organiser from a 32-byte seed.
func NewSigner(organizer string, seed []byte) (*Signer, error) {
	return NewSignerOf(organizer, Ed25519, seed)
}

// NewSignerOf returns an organiser's signer of the algorithm (Ed25519 or
// SM2) from a 32-byte seed.
func NewSignerOf(organizer, algorithm string, seed []byte) (*Signer, error) {
	if len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("a signing key must be %d bytes, got %d", ed25519.SeedSize, len(seed))
	}
	s := &Signer{organizer: organizer, algorithm: algorithm}
	switch algorithm {
	case Ed25519:
		s.private = ed25519.NewKeyFromSeed(seed)
	case SM2:
		s.sm2 = sm2Key(seed)
	default:
		return nil, fmt.Errorf("unknown signing algorithm %q (%s or %s)", algorithm, Ed25519, SM2)
	}
	return s, nil
}

// KeyID names a public key: its algorithm and the first 16 hex digits of
// the SHA-256 of its bytes, so the same key always has the same id.
func KeyID(algorithm string, public []byte) string {
	sum := sha256.Sum256(public)
	return algorithm + ":" + hex.EncodeToString(sum[:8])
}

// Key returns the signer's public key, valid from the given moment.
func (s *Signer) Key(from time.Time) Key {
	var pub []byte
	if s.sm2 != nil {
		pub = sm2Public(s.sm2)
	} else {
		pub = s.private.Public().(ed25519.PublicKey)
	}
	return Key{ID: KeyID(s.algorithm, pub), Organizer: s.organizer, Algorithm: s.algorithm,
		PublicKey: hex.EncodeToString(pub), ValidFrom: from}
}

// Organizer is the code of the organiser whose key this is.
func (s *Signer) Organizer() string { return s.organizer }

// Sign returns the signature file of a document: the signature in hex and
// a newline.
func (s *Signer) Sign(doc []byte) ([]byte, error) {
	sig := []byte(nil)
	if s.sm2 != nil {
		var err error
		if sig, err = sm2Sign(s.sm2, doc); err != nil {
			return nil, err
		}
	} else {
		sig = ed25519.Sign(s.private, doc)
	}
	return []byte(hex.EncodeToString(sig) + "\n"), nil
}

// Verify checks a signature file of doc against key k.
func Verify(k Key, doc, sigFile []byte) error {
	pub, err := hex.DecodeString(k.PublicKey)
	if err != nil {
		return fmt.Errorf("key %s: the public key is not hex", k.ID)
	}
	if KeyID(k.Algorithm, pub) != k.ID {
		return fmt.Errorf("key %s: its id is not that of its public key", k.ID)
	}
	sig, err := hex.DecodeString(strings.TrimSpace(string(sigFile)))
	if err != nil {
		return fmt.Errorf("the signature is not hex")
	}
	switch k.Algorithm {
	case Ed25519:
		if len(pub) != ed25519.PublicKeySize || !ed25519.Verify(pub, doc, sig) {
			err = fmt.Errorf("bad signature")
		}
	case SM2:
		err = sm2Verify(pub, doc, sig)
	default:
		return fmt.Errorf("key %s uses the algorithm %q, which this version of Pingyi cannot check", k.ID, k.Algorithm)
	}
	if err != nil {
		return fmt.Errorf("the signature does not match the document under key %s", k.ID)
	}
	return nil
}

// KeyFromHex is a key given as its public half in hex, as a public page
// shows it (`pingyi verify --key`): Ed25519 for 32 bytes, SM2 for an
// uncompressed point of 65. Its organiser and validity are unknown.
func KeyFromHex(s string) (Key, error) {
	pub, err := hex.DecodeString(strings.TrimSpace(s))
	var alg string
	switch {
	case err != nil:
	case len(pub) == ed25519.PublicKeySize:
		alg = Ed25519
	case len(pub) == 65 && pub[0] == 4:
		alg = SM2
	}
	if alg == "" {
		return Key{}, fmt.Errorf("a public key is 64 hex digits (Ed25519) or 130 starting with 04 (SM2)")
	}
	return Key{ID: KeyID(alg, pub), Algorithm: alg, PublicKey: hex.EncodeToString(pub)}, nil
}
