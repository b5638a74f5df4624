package signing

import (
	"bytes"
	"testing"
	"time"
)

func TestSignatureChecksOnlyTheSignedDocument(t *testing.T) {
	s, err := NewSigner(DefaultOrganizer, bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	key := s.Key(time.Now())
	doc := []byte(`{"format":"x"}` + "\n")
	sig := s.Sign(doc)
	if err := Verify(key, doc, sig); err != nil {
		t.Fatalf("a fresh signature does not verify: %v", err)
	}
	if Verify(key, []byte(`{"format":"y"}`+"\n"), sig) == nil {
		t.Error("a changed document verifies")
	}
	bad := bytes.Clone(sig)
	bad[0] ^= 1
	if Verify(key, doc, bad) == nil {
		t.Error("an altered signature verifies")
	}
	other, _ := NewSigner(DefaultOrganizer, bytes.Repeat([]byte{8}, 32))
	forged := key
	forged.PublicKey = other.Key(time.Now()).PublicKey
	if Verify(forged, doc, other.Sign(doc)) == nil {
		t.Error("a key listed under another key's id verifies")
	}
}
