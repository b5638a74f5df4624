package sampling

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"
	"strings"
)

// DrawParams are the inputs of a draw, all fixed before it runs (see Seed
// for the order in which they are fixed and published).
type DrawParams struct {
	Seed       Seed
	Witness    string     // public value fixed after the commitment
	Allocation Allocation // n_h per stratum; a stratum not listed gets 0
}

// DrawRecord is what is stored and published about a draw: together with
// the revealed seed and the frame it is everything VerifyDraw needs, and it
// holds no phone number.
type DrawRecord struct {
	Version      string // encoding version, "pingyi/draw/v1"
	Commitment   string // SeedCommitment of the seed
	Witness      string
	Allocation   Allocation
	FrameDigest  string // FrameDigester's digest of the frame drawn from
	FrameEntries int64
	SampleDigest string // SampleDigest of the selected cases
}

// DrawResult is a draw's record and its list.
type DrawResult struct {
	Record DrawRecord
	Strata []StratumSample // by stratum key; Cases in priority order
}

var ErrDrawVersion = errors.New("抽样记录版本不支持 (unsupported draw record version)")

// Draw selects, in each stratum, the Allocation[stratum] entries with the
// smallest Priority under DrawSeed(p.Seed, p.Witness), and fingerprints the
// frame on the way. frame must yield the entries sorted by (stratum, key),
// each once (see FrameDigester); it is read exactly once.
//
// Priorities are hashed on up to maxDrawWorkers goroutines while this one
// reads and digests the frame. Which goroutine handles which entries does
// not change the result, because each stratum's selection is the set of its
// smallest priorities, whatever order they are met in.
func Draw(p DrawParams, frame iter.Seq2[Entry, error]) (DrawResult, error) {
	return draw(p, frame, drawWorkers(), drawChunk)
}

func draw(p DrawParams, frame iter.Seq2[Entry, error], workers, chunk int) (DrawResult, error) {
	if len(p.Witness) > maxFieldLen {
		return DrawResult{}, fmt.Errorf("%w: more than %d bytes", ErrWitness, maxFieldLen)
	}
	summary, strata, err := runDraw(DrawSeed(p.Seed, p.Witness), p.Allocation, frame, workers, chunk)
	if err != nil {
		return DrawResult{}, err
	}
	rec := DrawRecord{
		Version:      drawSeedTag,
		Commitment:   SeedCommitment(p.Seed),
		Witness:      p.Witness,
		Allocation:   maps.Clone(p.Allocation),
		FrameDigest:  summary.Digest,
		FrameEntries: summary.Entries,
		SampleDigest: SampleDigest(strata),
	}
	return DrawResult{Record: rec, Strata: strata}, nil
}

// Verification says which parts of a published draw could be re-derived.
type Verification struct {
	SeedMatches   bool // the revealed seed hashes to the published commitment
	FrameMatches  bool // the frame has the recorded digest and size
	SampleMatches bool // the re-derived list has the recorded SampleDigest
	Recomputed    DrawResult
}

// Identical is the verdict `pingyi sample verify` prints.
func (v Verification) Identical() bool { return v.SeedMatches && v.FrameMatches && v.SampleMatches }

// VerifyDraw re-runs a published draw from its record, the revealed seed and
// the frame, and compares. It returns an error when the list cannot be
// re-derived at all (unreadable or unsorted frame, a stratum smaller than
// its allocation); the Verification then still holds the seed check.
// To check that the list stored for the call queue is the published one,
// compare SampleDigest of the stored list with the record as well.
func VerifyDraw(rec DrawRecord, seed Seed, frame iter.Seq2[Entry, error]) (Verification, error) {
	v := Verification{SeedMatches: VerifySeed(seed, rec.Commitment)}
	if rec.Version != drawSeedTag {
		return v, fmt.Errorf("%w: %q", ErrDrawVersion, rec.Version)
	}
	res, err := Draw(DrawParams{Seed: seed, Witness: rec.Witness, Allocation: rec.Allocation}, frame)
	if err != nil {
		return v, err
	}
	v.Recomputed = res
	v.FrameMatches = res.Record.FrameDigest == rec.FrameDigest && res.Record.FrameEntries == rec.FrameEntries
	v.SampleMatches = res.Record.SampleDigest == rec.SampleDigest
	return v, nil
}

const sampleTag = "pingyi/sample/v1"

// WriteSample writes the canonical bytes of a list of selected cases:
//
//	u32(len tag) ‖ "pingyi/sample/v1"
//	for each stratum with at least one case, by stratum key:
//	    u32(len stratum) ‖ stratum ‖ u64(number of cases)
//	    for each case in priority order: u32(len key) ‖ key
//
// big-endian throughout. Priorities and frame sizes are left out: they
// follow from the seed and the frame, and a list kept in a database can be
// encoded from its keys and order alone. Strata are written sorted, whatever
// order strata is in; the cases are written in the order given.
func WriteSample(w io.Writer, strata []StratumSample) error {
	sorted := slices.Clone(strata)
	slices.SortStableFunc(sorted, func(a, b StratumSample) int { return strings.Compare(a.Stratum, b.Stratum) })
	buf := appendField(nil, sampleTag)
	for _, s := range sorted {
		if len(s.Cases) == 0 {
			continue
		}
		buf = appendField(buf, s.Stratum)
		buf = binary.BigEndian.AppendUint64(buf, uint64(len(s.Cases)))
		for _, c := range s.Cases {
			buf = appendField(buf, c.Key)
			if len(buf) >= 1<<16 {
				if _, err := w.Write(buf); err != nil {
					return err
				}
				buf = buf[:0]
			}
		}
	}
	_, err := w.Write(buf)
	return err
}

// SampleDigest is lowercase hex SHA-256 of WriteSample's bytes.
func SampleDigest(strata []StratumSample) string {
	h := sha256.New()
	_ = WriteSample(h, strata) // a hash never fails to write
	return hex.EncodeToString(h.Sum(nil))
}
