package secret

import (
	"bytes"
	"encoding/hex"
	"path/filepath"
	"strings"
	"testing"
)

func testKeys(t *testing.T) *Keys {
	t.Helper()
	k, err := New(bytes.Repeat([]byte{7}, KeySize))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestSealOpenRoundTripAndPurposeBinding(t *testing.T) {
	k := testKeys(t)
	sealed := k.Seal(Phone, []byte("13812341234"))
	if bytes.Contains(sealed, []byte("13812341234")) {
		t.Fatal("sealed value contains the plaintext")
	}
	got, err := k.Open(Phone, sealed)
	if err != nil || string(got) != "13812341234" {
		t.Fatalf("Open = %q, %v", got, err)
	}
	if _, err := k.Open(IP, sealed); err == nil {
		t.Fatal("a value sealed for phones opened under another purpose")
	}
	other, _ := New(bytes.Repeat([]byte{8}, KeySize))
	if _, err := other.Open(Phone, sealed); err == nil {
		t.Fatal("a value opened under another master key")
	}
	if bytes.Equal(sealed, k.Seal(Phone, []byte("13812341234"))) {
		t.Fatal("two seals of the same value are identical: nonce reused")
	}
}

func TestHashIsKeyedAndPurposeSeparated(t *testing.T) {
	k := testKeys(t)
	a, b := k.Hash(IP, "10.0.0.1"), k.Hash(IP, "10.0.0.1")
	if a != b || len(a) != 64 {
		t.Fatalf("hash not deterministic or wrong length: %s %s", a, b)
	}
	if a == k.Hash(Device, "10.0.0.1") {
		t.Fatal("hashes of two purposes are equal")
	}
	other, _ := New(bytes.Repeat([]byte{8}, KeySize))
	if a == other.Hash(IP, "10.0.0.1") {
		t.Fatal("hash does not depend on the master key")
	}
}

func TestParse(t *testing.T) {
	raw := bytes.Repeat([]byte{0xab}, KeySize)
	for _, s := range []string{hex.EncodeToString(raw), " " + hex.EncodeToString(raw) + "\n", "q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s="} {
		got, err := Parse(s)
		if err != nil || !bytes.Equal(got, raw) {
			t.Errorf("Parse(%q) = %x, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "abcd", strings.Repeat("z", 64)} {
		if _, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) accepted a bad key", s)
		}
	}
}

func TestLoadOrCreateFileKeepsTheKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pingyi.db.key")
	first, created, err := LoadOrCreateFile(path)
	if err != nil || !created {
		t.Fatalf("first load: created=%v err=%v", created, err)
	}
	second, created, err := LoadOrCreateFile(path)
	if err != nil || created || !bytes.Equal(first, second) {
		t.Fatalf("second load changed the key: created=%v err=%v", created, err)
	}
}

func TestDataKeyOpensOnlyItsOwnLabelAndMaster(t *testing.T) {
	k := testKeys(t)
	dk, wrapped := k.NewDataKey("draw:1")
	sealed := dk.Seal([]byte("13800138000"))
	again, err := k.OpenDataKey("draw:1", wrapped)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := again.Open(sealed); err != nil || string(got) != "13800138000" {
		t.Fatalf("round trip: %q, %v", got, err)
	}
	if _, err := k.OpenDataKey("draw:2", wrapped); err == nil {
		t.Fatal("a key wrapped for draw:1 unwrapped as draw:2")
	}
	other, _ := k.NewDataKey("draw:1")
	if _, err := other.Open(sealed); err == nil {
		t.Fatal("another data key opened the value")
	}
	if bytes.Contains(wrapped, []byte("13800138000")) || len(wrapped) < 32 {
		t.Fatalf("wrapped key looks wrong: %d bytes", len(wrapped))
	}
}
