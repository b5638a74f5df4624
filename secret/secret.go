// Package secret derives every key Pingyi needs from one master key, and
// seals and hashes personal data with them.
//
// The master key (PINGYI_SECRET_KEY) never enters the database: a stolen
// database dump must not reveal a phone number or link a hashed IP back to a
// person. Each purpose gets its own HKDF-derived key, so a hash made for one
// purpose (device ids) can never be replayed as another (phone matching).
package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// KeySize is the length of the master key in bytes.
const KeySize = 32

// Purpose names what a derived key is for.
type Purpose string

const (
	Phone    Purpose = "phone"    // sealing and matching phone numbers
	IP       Purpose = "ip"       // hashing respondents' IP addresses
	Device   Purpose = "device"   // hashing per-device cookies
	Invite   Purpose = "invite"   // deriving invitation tokens
	CSRF     Purpose = "csrf"     // anti-forgery tokens
	Identity Purpose = "identity" // anything else that must be unlinkable
	Audit    Purpose = "audit"    // chaining the audit log
	Draw     Purpose = "draw"     // sealing a phone draw's seed until it is revealed
	Contacts Purpose = "contacts" // wrapping data keys (see DataKey)
)

// Keys holds the derived keys. It is safe for concurrent use.
type Keys struct {
	derived map[Purpose][]byte
}

var purposes = []Purpose{Phone, IP, Device, Invite, CSRF, Identity, Audit, Draw, Contacts}

// New checks the master key and returns the key ring.
func New(master []byte) (*Keys, error) {
	if len(master) != KeySize {
		return nil, fmt.Errorf("secret key must be %d bytes, got %d", KeySize, len(master))
	}
	// Derived once: hashing an IP or a device id is on the submission path.
	k := &Keys{derived: map[Purpose][]byte{}}
	for _, p := range purposes {
		key, err := hkdf.Key(sha256.New, master, nil, "pingyi/"+string(p), 32)
		if err != nil {
			return nil, err
		}
		k.derived[p] = key
	}
	return k, nil
}

// Parse reads a master key written as 64 hex digits or as base64.
func Parse(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if b, err := hex.DecodeString(s); err == nil && len(b) == KeySize {
		return b, nil
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil && len(b) == KeySize {
			return b, nil
		}
	}
	return nil, errors.New("secret key must be 32 bytes written as 64 hex digits or base64 (generate one with: openssl rand -hex 32)")
}

// Generate returns a fresh random master key.
func Generate() []byte {
	b := make([]byte, KeySize)
	rand.Read(b)
	return b
}

func (k *Keys) derive(p Purpose) []byte {
	key, ok := k.derived[p]
	if !ok {
		panic("secret: unknown purpose " + string(p)) // a programming error
	}
	return key
}

// Hash returns a keyed hash (HMAC-SHA256, hex) of data for a purpose: equal
// inputs give equal hashes, so duplicates can be matched without the data.
func (k *Keys) Hash(p Purpose, data string) string {
	m := hmac.New(sha256.New, k.derive(p))
	m.Write([]byte(data))
	return hex.EncodeToString(m.Sum(nil))
}

// MAC returns the raw HMAC-SHA256 of data for a purpose.
func (k *Keys) MAC(p Purpose, data []byte) []byte {
	m := hmac.New(sha256.New, k.derive(p))
	m.Write(data)
	return m.Sum(nil)
}

// Seal encrypts plaintext with AES-256-GCM under the purpose's key. The
// random nonce is prepended; the purpose is bound as additional data.
func (k *Keys) Seal(p Purpose, plaintext []byte) []byte {
	return k.aeadSeal(p, plaintext, string(p))
}

// Open decrypts what Seal produced for the same purpose.
func (k *Keys) Open(p Purpose, sealed []byte) ([]byte, error) {
	return k.aeadOpen(p, sealed, string(p))
}

func (k *Keys) aeadSeal(p Purpose, plaintext []byte, label string) []byte {
	aead := k.aead(p)
	nonce := make([]byte, aead.NonceSize())
	rand.Read(nonce)
	return aead.Seal(nonce, nonce, plaintext, []byte(label))
}

func (k *Keys) aeadOpen(p Purpose, sealed []byte, label string) ([]byte, error) {
	aead := k.aead(p)
	if len(sealed) < aead.NonceSize() {
		return nil, errors.New("sealed value too short")
	}
	nonce, body := sealed[:aead.NonceSize()], sealed[aead.NonceSize():]
	out, err := aead.Open(nil, nonce, body, []byte(label))
	if err != nil {
		return nil, errors.New("sealed value cannot be opened with this key")
	}
	return out, nil
}

func (k *Keys) aead(p Purpose) cipher.AEAD {
	block, err := aes.NewCipher(k.derive(p))
	if err != nil {
		panic(err) // the derived key is always 32 bytes
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	return aead
}

// Token returns n random bytes as unpadded base64url, for session ids, API
// tokens and device cookies.
func Token(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Digest is the plain SHA-256 (hex) used to store bearer secrets (session
// ids, API tokens): they are random, so no key is needed to make them
// unguessable, and lookups must work in every serve process.
func Digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
