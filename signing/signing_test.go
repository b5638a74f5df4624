package signing

import (
	"bytes"
	"testing"
	"time"
)

func TestSignatureChecksOnlyTheSignedDocument(t *testing.T) {
	for _, alg := range []string{Ed25519, SM2} {
		t.Run(alg, func(t *testing.T) {
			s, err := NewSignerOf(DefaultOrganizer, alg, bytes.Repeat([]byte{7}, 32))
			if err != nil {
				t.Fatal(err)
			}
			key := s.Key(time.Now())
			if again, _ := NewSignerOf(DefaultOrganizer, alg, bytes.Repeat([]byte{7}, 32)); again.Key(key.ValidFrom) != key {
				t.Fatal("the same seed gives another key")
			}
			doc := []byte(`{"format":"x"}` + "\n")
			sig, err := s.Sign(doc)
			if err != nil {
				t.Fatal(err)
			}
			if err := Verify(key, doc, sig); err != nil {
				t.Fatalf("a fresh signature does not verify: %v", err)
			}
			if Verify(key, []byte(`{"format":"y"}`+"\n"), sig) == nil {
				t.Error("a changed document verifies")
			}
			bad := bytes.Clone(sig)
			bad[len(bad)-3] ^= 1
			if Verify(key, doc, bad) == nil {
				t.Error("an altered signature verifies")
			}
			other, _ := NewSignerOf(DefaultOrganizer, alg, bytes.Repeat([]byte{8}, 32))
			forged := key
			forged.PublicKey = other.Key(time.Now()).PublicKey
			otherSig, _ := other.Sign(doc)
			if Verify(forged, doc, otherSig) == nil {
				t.Error("a key listed under another key's id verifies")
			}
		})
	}
	if _, err := NewSignerOf(DefaultOrganizer, "rsa", bytes.Repeat([]byte{7}, 32)); err == nil {
		t.Error("an unknown algorithm makes a signer")
	}
}
