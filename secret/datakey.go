package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
)

// DataKey seals and opens values under one data key. Each phone draw's and
// each ledger year's contacts are sealed under a key of their own, stored
// only wrapped by the master key (purpose Contacts), so that destroying the
// wrapped key erases every copy of what it sealed — in logs, replicas and
// backups too. It is safe for concurrent use.
type DataKey struct {
	aead  cipher.AEAD
	label []byte // bound as additional data, so a value sealed for one draw or year opens for no other
}

// NewDataKey returns a fresh data key for label (e.g. "draw:12",
// "appeals:2026") and the same key wrapped by the master key, which is all
// the database may store.
func (k *Keys) NewDataKey(label string) (*DataKey, []byte) {
	raw := make([]byte, 32)
	rand.Read(raw)
	wrapped := k.aeadSeal(Contacts, raw, label)
	return newDataKey(raw, label), wrapped
}

// OpenDataKey unwraps a data key that NewDataKey wrapped for label.
func (k *Keys) OpenDataKey(label string, wrapped []byte) (*DataKey, error) {
	raw, err := k.aeadOpen(Contacts, wrapped, label)
	if err != nil {
		return nil, errors.New("data key cannot be unwrapped with this master key")
	}
	return newDataKey(raw, label), nil
}

func newDataKey(raw []byte, label string) *DataKey {
	block, err := aes.NewCipher(raw)
	if err != nil {
		panic(err) // raw is always 32 bytes
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	return &DataKey{aead: aead, label: []byte(label)}
}

// Seal encrypts plaintext with AES-256-GCM under the data key.
func (d *DataKey) Seal(plaintext []byte) []byte {
	nonce := make([]byte, d.aead.NonceSize())
	rand.Read(nonce)
	return d.aead.Seal(nonce, nonce, plaintext, d.label)
}

// Open decrypts what Seal produced.
func (d *DataKey) Open(sealed []byte) ([]byte, error) {
	n := d.aead.NonceSize()
	if len(sealed) < n {
		return nil, errors.New("sealed value too short")
	}
	out, err := d.aead.Open(nil, sealed[:n], sealed[n:], d.label)
	if err != nil {
		return nil, errors.New("sealed value cannot be opened with this key")
	}
	return out, nil
}
