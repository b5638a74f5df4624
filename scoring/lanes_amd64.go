package scoring

import (
	"unsafe"

	"golang.org/x/sys/cpu"
)

// vectorLanes says whether addEntries may use lanes_amd64.s, and zmmLanes
// whether its AVX-512 loop; tests turn them off to compare the loops.
var (
	vectorLanes = cpu.X86.HasAVX2
	zmmLanes    = cpu.X86.HasAVX512F
)

// addEntriesAVX2 is addEntriesGo for 32-bit entries, with AVX2. Entries
// must hold valid unit and ys indices for acc and ys (counts builds them so).
//
//go:noescape
func addEntriesAVX2(acc *laneSums, entries []uint32, ys *float64, cw *[lanes]float64, c *[lanes]uint32)

// lanes_amd64.s addresses acc[u] as acc + 160·u with swy, sw and n at
// offsets 0, 64 and 128: this fails to compile if laneSums changes.
var _ = [1]struct{}{}[unsafe.Sizeof(laneSums{})-160+unsafe.Offsetof(laneSums{}.sw)-64+unsafe.Offsetof(laneSums{}.n)-128]

// addEntriesAVX512 is addEntriesAVX2 with AVX-512, under the same
// conditions.
//
//go:noescape
func addEntriesAVX512(acc *laneSums, entries []uint32, ys *float64, cw *[lanes]float64, c *[lanes]uint32)

func addEntries[E uint32 | uint64](acc []laneSums, entries []E, ys []float64, cw *[lanes]float64, c *[lanes]uint32) {
	if narrow, ok := any(entries).([]uint32); ok && vectorLanes && len(narrow) > 0 {
		if zmmLanes {
			addEntriesAVX512(&acc[0], narrow, &ys[0], cw, c)
		} else {
			addEntriesAVX2(&acc[0], narrow, &ys[0], cw, c)
		}
		return
	}
	addEntriesGo(acc, entries, ys, cw, c)
}
