package scoring

import (
	"math/bits"

	"gonum.org/v1/gonum/mathext/prng"
)

// xoshiro is prng.Xoshiro256starstar seeded as gonum seeds it, written out
// so that a stratum's draws keep the generator's state in registers: called
// through gonum's method, every draw loaded and stored it, and drawing was a
// fifth of the bootstrap. TestXoshiroDrawsAsGonum holds the two together.
type xoshiro struct{ s0, s1, s2, s3 uint64 }

func newXoshiro(seed uint64) xoshiro {
	boot := prng.NewSplitMix64(seed)
	return xoshiro{boot.Uint64(), boot.Uint64(), boot.Uint64(), boot.Uint64()}
}

// resample adds to in[i] how often i comes up in len(in) draws, each
// boundedUint64(x, len(in)) exactly: Lemire's method redraws while the low
// word is below (2⁶⁴ − n) mod n, so a draw is kept when it is not.
func (x xoshiro) resample(in []uint32) xoshiro {
	n := uint64(len(in))
	if n == 0 {
		return x
	}
	threshold := -n % n
	s0, s1, s2, s3 := x.s0, x.s1, x.s2, x.s3
	for range n {
		for {
			out := bits.RotateLeft64(s1*5, 7) * 9
			t := s1 << 17
			s2 ^= s0
			s3 ^= s1
			s1 ^= s2
			s0 ^= s3
			s2 ^= t
			s3 = bits.RotateLeft64(s3, 45)
			if hi, lo := bits.Mul64(out, n); lo >= threshold {
				in[hi]++
				break
			}
		}
	}
	return xoshiro{s0, s1, s2, s3}
}
