package sampling

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"testing"
)

// benchFrame builds a sorted frame of total entries over nStrata strata of
// uneven size (about 600 to 4,800 each), with 64-hex-digit keys like
// PhoneKey's. Keys share one backing string so that building ten million
// of them costs one allocation, and the benchmark measures the draw.
func benchFrame(nStrata, total int) ([]Entry, []Stratum) {
	strata := make([]Stratum, nStrata)
	left := total
	for h := range strata {
		n := 600 + h*7919%4205
		if h == nStrata-1 {
			n = left
		}
		strata[h] = Stratum{Key: fmt.Sprintf("U%04d", h), N: n}
		left -= n
	}
	arena := make([]byte, 0, total*64)
	var word [8]byte
	for h, s := range strata {
		for k := range s.N {
			// 16 digits counting up keep each stratum sorted; 48
			// scrambled digits fill the rest, as a hash would.
			binary.BigEndian.PutUint64(word[:], uint64(k))
			arena = hex.AppendEncode(arena, word[:])
			x := uint64(h)<<32 | uint64(k)
			for range 3 {
				x += 0x9e3779b97f4a7c15
				z := (x ^ x>>30) * 0xbf58476d1ce4e5b9
				binary.BigEndian.PutUint64(word[:], (z^z>>27)*0x94d049bb133111eb)
				arena = hex.AppendEncode(arena, word[:])
			}
		}
	}
	keys := string(arena)
	frame := make([]Entry, 0, total)
	for _, s := range strata {
		for range s.N {
			i := len(frame) * 64
			frame = append(frame, Entry{Stratum: s.Key, Key: keys[i : i+64]})
		}
	}
	return frame, strata
}

// BenchmarkDraw draws 200,000 cases, allocated proportionally with at least
// 20 per stratum, from a 10,000,000-entry frame in 3,700 strata: digest and
// selection together, as a real draw and its verification run.
func BenchmarkDraw(b *testing.B) {
	frame, strata := benchFrame(3700, 10_000_000)
	alloc, err := Allocate(strata, 200_000, Proportional, 20)
	if err != nil {
		b.Fatal(err)
	}
	p := DrawParams{Seed: testSeed(), Witness: "benchmark", Allocation: alloc}
	for _, workers := range []int{1, drawWorkers()} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res, err := draw(p, frameOf(frame), workers, drawChunk)
				if err != nil {
					b.Fatal(err)
				}
				if res.Record.FrameEntries != int64(len(frame)) {
					b.Fatal("frame not fully read")
				}
			}
		})
	}
}
