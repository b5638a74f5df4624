package scoring

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"math"
	"slices"
	"testing"
)

// The public responses — numbered by Canonical, with PublicRef as their
// refs, nothing else of the originals — give a run identical to the
// original's in every bit: what `pingyi verify` relies on.
func TestPublicResponsesReproduceTheRunBitForBit(t *testing.T) {
	cfg, stream := Synthetic(3000, 12, 4, 17)
	cfg.Bootstrap = 60
	want, err := Run(cfg, stream)
	if err != nil {
		t.Fatal(err)
	}
	var public []Response
	last := 0
	err = Canonical(cfg, stream, func(id int, r Response) error {
		if id != last+1 {
			t.Fatalf("position %d after %d", id, last)
		}
		last = id
		r.Ref = PublicRef(id)
		r.Ratings = append([]Rating(nil), r.Ratings...)
		public = append(public, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Run(cfg, sliceSeq(public))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(want.Units)
	b, _ := json.Marshal(got.Units)
	if !bytes.Equal(a, b) {
		t.Fatal("the public responses give other results than the originals")
	}
	if got.InputDigest == want.InputDigest {
		t.Fatal("the refs are not an input of the run's digest")
	}
	d0, _ := PublicInputDigest(cfg, sliceSeq(public), nil)
	d1, _ := PublicInputDigest(cfg, sliceSeq(public), make([]int, len(cfg.Groups)))
	withheld := make([]int, len(cfg.Groups))
	withheld[1] = 5
	d2, _ := PublicInputDigest(cfg, sliceSeq(public), withheld)
	if d0 != d1 || d0 == d2 || d0 == want.InputDigest {
		t.Fatalf("public digests: none withheld %s / zeros %s / five withheld %s (run's %s)", d0, d1, d2, want.InputDigest)
	}
	// The publisher's one pass gives the digest the verifier computes from
	// the file, a group withheld or not.
	for _, hide := range []int{-1, 1} {
		withheld := make([]bool, len(cfg.Groups))
		var kept []Response
		counts := make([]int, len(cfg.Groups))
		for _, r := range public {
			if r.Group == hide {
				withheld[hide] = true
				counts[hide]++
			} else {
				kept = append(kept, r)
			}
		}
		visited := 0
		digest, got, err := PublicData(cfg, stream, withheld, func(id int, r Response) error {
			if r.Ref = PublicRef(id); r.Ref != kept[visited].Ref || r.Weight != kept[visited].Weight {
				t.Fatalf("visit %d is response %s, want %s", visited, r.Ref, kept[visited].Ref)
			}
			visited++
			return nil
		})
		want, _ := PublicInputDigest(cfg, sliceSeq(kept), counts)
		if err != nil || digest != want || visited != len(kept) || !slices.Equal(got, counts) {
			t.Fatalf("withholding group %d: digest %s, from the kept responses %s; counts %v, want %v (%v)", hide, digest, want, got, counts, err)
		}
	}
}

// TestPublicInputDigestFollowsItsDocumentation rebuilds the public digest
// by hand from the package documentation.
func TestPublicInputDigestFollowsItsDocumentation(t *testing.T) {
	cfg := tinyConfig()
	rs := []Response{
		{Ref: PublicRef(2), Group: 1, Stratum: "东区", Weight: 2.5, Ratings: []Rating{rate(unitA1, indI1, optA)}},
		{Ref: PublicRef(1), Group: 0, Weight: 1},
	}
	var b bytes.Buffer
	u32 := func(n int) { b.Write(binary.BigEndian.AppendUint32(nil, uint32(n))) }
	u64 := func(n uint64) { b.Write(binary.BigEndian.AppendUint64(nil, n)) }
	str := func(s string) { u32(len(s)); b.WriteString(s) }
	f64 := func(x float64) { u64(math.Float64bits(x)) }
	boolean := func(v bool) { b.WriteByte(map[bool]byte{false: 0, true: 1}[v]) }
	b.WriteString("pingyi-public-input-v1\n")
	u32(len(cfg.Units))
	for _, u := range cfg.Units {
		str(u.Code)
		str(u.Category)
	}
	u32(len(cfg.Indicators))
	for _, i := range cfg.Indicators {
		str(i.Code)
		f64(i.Weight)
		boolean(i.Auxiliary)
	}
	u32(len(cfg.Options))
	for _, o := range cfg.Options {
		str(o.Code)
		f64(o.Score)
		boolean(o.Satisfied)
		boolean(o.Excluded)
	}
	u32(len(cfg.Groups))
	for _, g := range cfg.Groups {
		str(g.Code)
		f64(g.Weight)
		u64(uint64(g.MinSample))
	}
	u64(uint64(cfg.Bootstrap))
	u64(cfg.Seed)
	u64(uint64(cfg.TieDecimals))
	u32(2)
	u64(0)
	u64(7) // seven responses of the second group withheld
	u64(2)
	str("0000000001")
	u32(0)
	str("")
	f64(1)
	u32(0)
	str("0000000002")
	u32(1)
	str("东区")
	f64(2.5)
	u32(1)
	b.Write([]byte{0, unitA1, indI1, optA})
	sum := sha256.Sum256(b.Bytes())
	got, err := PublicInputDigest(cfg, sliceSeq(rs), []int{0, 7})
	if err != nil || got != hex.EncodeToString(sum[:]) {
		t.Errorf("digest %s (%v), by hand %x", got, err, sum)
	}
}
