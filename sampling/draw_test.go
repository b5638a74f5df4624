package sampling

import (
	"bytes"
	"errors"
	"iter"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

func testDraw(t *testing.T) (DrawParams, []Entry) {
	t.Helper()
	frame := syntheticFrame(25, 40)
	p := DrawParams{Seed: testSeed(), Witness: "supervisor: 4711", Allocation: testAllocation(frame, rand.New(rand.NewPCG(5, 6)))}
	return p, frame
}

func TestDrawMatchesDefinition(t *testing.T) {
	p, frame := testDraw(t)
	got, err := Draw(p, frameOf(frame))
	if err != nil {
		t.Fatal(err)
	}
	want := bruteForce(DrawSeed(p.Seed, p.Witness), p.Allocation, frame)
	if !reflect.DeepEqual(got.Strata, want) {
		t.Fatal("Draw differs from the definition")
	}
	sum, _ := digest(t, frame)
	rec := got.Record
	if rec.Version != "pingyi/draw/v1" || rec.Commitment != SeedCommitment(p.Seed) || rec.Witness != p.Witness ||
		!reflect.DeepEqual(rec.Allocation, p.Allocation) || rec.FrameDigest != sum.Digest ||
		rec.FrameEntries != int64(len(frame)) || rec.SampleDigest != SampleDigest(want) {
		t.Errorf("record %+v does not describe the draw", rec)
	}
}

// The list must not depend on how the work was split across goroutines.
func TestDrawIndependentOfScheduling(t *testing.T) {
	p, frame := testDraw(t)
	want, err := draw(p, frameOf(frame), 1, len(frame))
	if err != nil {
		t.Fatal(err)
	}
	var wantBytes bytes.Buffer
	_ = WriteSample(&wantBytes, want.Strata)
	for _, split := range []struct{ workers, chunk int }{{1, 1}, {2, 3}, {4, 7}, {3, 64}, {8, 4096}} {
		got, err := draw(p, frameOf(frame), split.workers, split.chunk)
		if err != nil {
			t.Fatal(err)
		}
		var gotBytes bytes.Buffer
		_ = WriteSample(&gotBytes, got.Strata)
		if !reflect.DeepEqual(got, want) || !bytes.Equal(gotBytes.Bytes(), wantBytes.Bytes()) {
			t.Errorf("%d workers, chunks of %d: result differs", split.workers, split.chunk)
		}
	}
}

func TestVerifyDraw(t *testing.T) {
	p, frame := testDraw(t)
	res, err := Draw(p, frameOf(frame))
	if err != nil {
		t.Fatal(err)
	}
	rec := res.Record
	otherSeed := p.Seed
	otherSeed[7] ^= 0x80
	changedKey := slices.Clone(frame)
	changedKey[123].Key = changedKey[123].Key[:60] + "beef"
	changedKey = sortedEntries(changedKey)
	withRecord := func(f func(*DrawRecord)) DrawRecord { r := rec; f(&r); return r }

	tests := []struct {
		name                string
		rec                 DrawRecord
		seed                Seed
		frame               []Entry
		seedOK, frameOK, ok bool
	}{
		{"same inputs", rec, p.Seed, frame, true, true, true},
		{"frame re-imported in another order", rec, p.Seed, sortedEntries(reversed(frame)), true, true, true},
		{"one entry's key changed", rec, p.Seed, changedKey, true, false, false},
		{"another seed revealed", rec, otherSeed, frame, false, true, false},
		{"witness edited", withRecord(func(r *DrawRecord) { r.Witness += "!" }), p.Seed, frame, true, true, false},
		{"sample digest edited", withRecord(func(r *DrawRecord) { r.SampleDigest = SeedCommitment(otherSeed) }), p.Seed, frame, true, true, false},
		{"allocation edited", withRecord(func(r *DrawRecord) {
			r.Allocation = Allocation{"S0003": 1}
		}), p.Seed, frame, true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := VerifyDraw(tt.rec, tt.seed, frameOf(tt.frame))
			if err != nil {
				t.Fatal(err)
			}
			if v.SeedMatches != tt.seedOK || v.FrameMatches != tt.frameOK || v.Identical() != tt.ok {
				t.Errorf("seed %v frame %v identical %v; want %v %v %v",
					v.SeedMatches, v.FrameMatches, v.Identical(), tt.seedOK, tt.frameOK, tt.ok)
			}
			if tt.ok && !reflect.DeepEqual(v.Recomputed.Strata, res.Strata) {
				t.Error("identical verdict but a different list")
			}
		})
	}
}

func reversed(s []Entry) []Entry {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}

func TestDrawErrors(t *testing.T) {
	p, frame := testDraw(t)
	boom := errors.New("connection reset")
	failing := func(yield func(Entry, error) bool) {
		for i, e := range frame {
			if i == 500 {
				yield(Entry{}, boom)
				return
			}
			if !yield(e, nil) {
				return
			}
		}
	}
	tooMuch := Allocation{"S0000": 41}
	tests := []struct {
		name  string
		p     DrawParams
		frame iter.Seq2[Entry, error]
		want  error
	}{
		{"frame read fails", p, failing, boom},
		{"frame unsorted", p, frameOf(reversed(frame)), ErrFrameOrder},
		{"stratum smaller than allocation", DrawParams{Seed: p.Seed, Allocation: tooMuch}, frameOf(frame), ErrStratumTooSmall},
		{"negative allocation", DrawParams{Seed: p.Seed, Allocation: Allocation{"S0000": -1}}, frameOf(frame), ErrAllocationInput},
		{"witness too long", DrawParams{Seed: p.Seed, Witness: string(make([]byte, maxFieldLen+1))}, frameOf(frame), ErrWitness},
	}
	for _, tt := range tests {
		if _, err := Draw(tt.p, tt.frame); !errors.Is(err, tt.want) {
			t.Errorf("%s: error = %v, want %v", tt.name, err, tt.want)
		}
	}
	rec := DrawRecord{Version: "pingyi/draw/v0"}
	if _, err := VerifyDraw(rec, p.Seed, frameOf(frame)); !errors.Is(err, ErrDrawVersion) {
		t.Errorf("old record version: error = %v", err)
	}
}

// WriteSample's layout, pinned by a digest computed in Python; strata are
// sorted and empty ones skipped whatever order they come in.
func TestSampleDigest(t *testing.T) {
	strata := []StratumSample{
		{Stratum: "U003", FrameSize: 9},
		{Stratum: "U002", Cases: []Case{{Key: "0f", Priority: 1}}},
		{Stratum: "U001", Cases: []Case{{Key: "ab", Priority: 1}, {Key: "aa", Priority: 2}}},
	}
	const want = "5220b41592773e32e077bce5a609b15e5dbe816bc0cc99eb9c367c65bd2e026e"
	if got := SampleDigest(strata); got != want {
		t.Errorf("SampleDigest = %s, want %s", got, want)
	}
	strata[2].Cases[0], strata[2].Cases[1] = strata[2].Cases[1], strata[2].Cases[0]
	if SampleDigest(strata) == want {
		t.Error("reordering cases within a stratum left the digest unchanged")
	}
}
