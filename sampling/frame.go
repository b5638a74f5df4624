package sampling

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
)

// Entry is one case of the frame, without personal data: Stratum is the
// stratum key (the department or station code) and Key the case's
// non-personal identity, normally PhoneKey of its number.
type Entry struct {
	Stratum string
	Key     string
}

// maxFieldLen bounds stratum keys, entry keys and witnesses; far above any
// real one, it keeps every length inside the 4-byte prefix.
const maxFieldLen = 1024

var (
	ErrEntry      = errors.New("抽样框条目不对 (invalid frame entry)")
	ErrFrameOrder = errors.New("抽样框未按（层，键）排序或有重复 (frame not sorted by stratum and key, or has a duplicate)")
)

func checkEntry(e Entry) error {
	switch {
	case e.Stratum == "" || e.Key == "":
		return fmt.Errorf("%w: empty stratum or key", ErrEntry)
	case len(e.Stratum) > maxFieldLen || len(e.Key) > maxFieldLen:
		return fmt.Errorf("%w: stratum or key longer than %d bytes", ErrEntry, maxFieldLen)
	}
	return nil
}

// entryLess is the frame's order: by stratum, then key, both compared byte
// by byte. A database must stream in the same order, i.e. with a binary
// collation (MySQL: ORDER BY stratum COLLATE utf8mb4_bin, key COLLATE
// utf8mb4_bin); a case-insensitive collation is caught as ErrFrameOrder.
func entryLess(a, b Entry) bool {
	if a.Stratum != b.Stratum {
		return a.Stratum < b.Stratum
	}
	return a.Key < b.Key
}

const (
	frameTag     = "pingyi/frame/v1"
	digestBuffer = 32 << 10
)

// FrameDigester fingerprints a frame as it streams past, holding only the
// previous entry, so a frame of ten million rows never sits in memory.
//
// The digest is lowercase hex of SHA-256 over
//
//	u32(len tag) ‖ "pingyi/frame/v1"
//	for each entry, sorted by (stratum, key):  u32(len stratum) ‖ stratum ‖ u32(len key) ‖ key
//	u64(number of entries)
//
// with big-endian u32/u64. Because the entries are taken in sorted order,
// the digest depends on what the frame holds and not on the order its rows
// were imported in; the caller sorts (a database index does), and Add refuses
// an entry that is out of order or repeated, since a case listed twice would
// have twice the chance of selection.
type FrameDigester struct {
	h     hash.Hash
	last  Entry
	count int64
	run   int // entries of last.Stratum so far
	sizes map[string]int
	buf   []byte
}

// NewFrameDigester starts an empty frame.
func NewFrameDigester() *FrameDigester {
	return &FrameDigester{
		h:     sha256.New(),
		sizes: make(map[string]int),
		buf:   appendField(make([]byte, 0, digestBuffer+2*maxFieldLen+8), frameTag),
	}
}

// Add takes the next entry of the sorted frame.
func (d *FrameDigester) Add(e Entry) error {
	if err := checkEntry(e); err != nil {
		return err
	}
	if d.count > 0 && !entryLess(d.last, e) {
		return fmt.Errorf("%w: entry %d", ErrFrameOrder, d.count+1)
	}
	// Buffered: one Write per entry costs more than the hashing itself.
	d.buf = appendField(appendField(d.buf, e.Stratum), e.Key)
	if len(d.buf) >= digestBuffer {
		d.h.Write(d.buf)
		d.buf = d.buf[:0]
	}
	// Strata arrive contiguous, so count in a local run rather than
	// look the map up ten million times.
	if e.Stratum != d.last.Stratum {
		d.flushRun()
	}
	d.last = e
	d.run++
	d.count++
	return nil
}

func (d *FrameDigester) flushRun() {
	if d.run > 0 {
		d.sizes[d.last.Stratum] = d.run
	}
	d.run = 0
}

// FrameSummary is what a digested frame is known by.
type FrameSummary struct {
	Digest  string         // lowercase hex SHA-256, as documented on FrameDigester
	Entries int64          // number of entries
	Sizes   map[string]int // N_h, entries per stratum
}

// Sum finishes the digest. The digester must not be used afterwards.
func (d *FrameDigester) Sum() FrameSummary {
	d.flushRun()
	d.h.Write(binary.BigEndian.AppendUint64(d.buf, uint64(d.count)))
	return FrameSummary{Digest: hex.EncodeToString(d.h.Sum(nil)), Entries: d.count, Sizes: d.sizes}
}
