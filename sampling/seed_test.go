package sampling

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

// testSeed is the bytes 0x00, 0x01, …, 0x1f.
func testSeed() Seed {
	var s Seed
	for i := range s {
		s[i] = byte(i)
	}
	return s
}

// The expected values below were computed outside Go (Python hashlib) from
// the byte layouts in the doc comments, so they pin the encoding, not just
// this implementation of it.
func TestSeedCommitment(t *testing.T) {
	const want = "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd"
	s := testSeed()
	if got := SeedCommitment(s); got != want {
		t.Fatalf("SeedCommitment = %s, want %s", got, want)
	}
	other := s
	other[31] ^= 1
	tests := []struct {
		name       string
		seed       Seed
		commitment string
		want       bool
	}{
		{"own commitment", s, want, true},
		{"upper case, padded", s, " " + strings.ToUpper(want) + "\n", true},
		{"another seed", other, want, false},
		{"truncated", s, want[:62], false},
		{"not hex", s, "zz" + want[2:], false},
		{"empty", s, "", false},
	}
	for _, tt := range tests {
		if got := VerifySeed(tt.seed, tt.commitment); got != tt.want {
			t.Errorf("%s: VerifySeed = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestDrawSeed(t *testing.T) {
	tests := []struct {
		witness, want string
	}{
		{"", "e305f6f6901dd6ef6225acbcdc42fc43526610fad4ac189b58e48d8869879015"},
		{"2026-11-21 福彩3D 517", "d47f583b5b4c13147f71d41afce0d4d462e07e8b00fd60a7c315266c1f65601b"},
	}
	for _, tt := range tests {
		got := DrawSeed(testSeed(), tt.witness)
		if hex.EncodeToString(got[:]) != tt.want {
			t.Errorf("DrawSeed(witness %q) = %x, want %s", tt.witness, got, tt.want)
		}
	}
}

func TestSeedHexRoundTrip(t *testing.T) {
	s, err := NewSeed(bytes.NewReader(bytes.Repeat([]byte{0xab}, 40)))
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseSeed(s.Hex())
	if err != nil || back != s {
		t.Fatalf("ParseSeed(Hex()) = %x, %v; want %x", back, err, s)
	}
	if _, err := NewSeed(bytes.NewReader(make([]byte, 31))); err == nil {
		t.Error("NewSeed accepted a short read")
	}
	for _, bad := range []string{"", "00", strings.Repeat("g", 64), strings.Repeat("0", 66)} {
		if _, err := ParseSeed(bad); !errors.Is(err, ErrSeed) {
			t.Errorf("ParseSeed(%q) error = %v, want ErrSeed", bad, err)
		}
	}
}
