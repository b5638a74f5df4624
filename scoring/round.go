package scoring

import (
	"math"
	"strconv"
)

// RoundHalfAway rounds x to the given number of decimals, halves away from
// zero, as a person would round the number Go prints for x: the rounding is
// done on the shortest decimal that reads back as x (what
// strconv.FormatFloat(x, 'f', -1, 64) prints), not on the binary value. So
// 2.675, whose binary value is 2.67499999999999982236431605997495353221893310546875,
// rounds to 2.68 as it does on paper. NaN and ±Inf are returned unchanged;
// decimals < 0 is treated as 0.
func RoundHalfAway(x float64, decimals int) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	decimals = max(decimals, 0)
	key := appendRoundedScaled(nil, x, decimals)
	key = append(key, 'e', '-')
	key = strconv.AppendInt(key, int64(decimals), 10)
	v, _ := strconv.ParseFloat(string(key), 64)
	return v
}

// FormatRounded prints x rounded as RoundHalfAway rounds it, with exactly
// decimals digits after the point.
func FormatRounded(x float64, decimals int) string {
	return strconv.FormatFloat(RoundHalfAway(x, decimals), 'f', decimals, 64)
}

// appendRoundedScaled appends to dst the decimal integer N = x·10^d rounded
// half away from zero, computed digit by digit on the shortest decimal
// representation of x: an optional '-', then the digits of N without leading
// zeros ("0" for zero, never "-0"). Two numbers tie at d decimals exactly
// when their appended forms are equal, which is how ranks compare indices;
// no binary scaling is involved, so no rounding error can split or join a
// tie. x must be finite.
func appendRoundedScaled(dst []byte, x float64, d int) []byte {
	var buf [32]byte
	s := strconv.AppendFloat(buf[:0], math.Abs(x), 'e', -1, 64) // "d.ddde±XX"
	var digits [24]byte
	k, exp := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits[k] = c
			k++
		case c == 'e':
			exp, _ = strconv.Atoi(string(s[i+1:]))
			i = len(s)
		}
	}
	// |x| = 0.D × 10^(exp+1) with D = digits[:k]; N keeps the first p digits.
	p := exp + 1 + d
	var n []byte
	switch {
	case x == 0 || p < 0:
		n = []byte{'0'}
	case p >= k:
		n = append(digits[:k:k], zeros(p-k)...)
	default:
		n = digits[:p:p]
		if digits[p] >= '5' {
			n = incrementDecimal(n)
		}
		if len(n) == 0 {
			n = []byte{'0'}
		}
	}
	if x < 0 && !(len(n) == 1 && n[0] == '0') {
		dst = append(dst, '-')
	}
	return append(dst, n...)
}

// incrementDecimal adds 1 to the decimal digits n, growing it on carry-out.
func incrementDecimal(n []byte) []byte {
	for i := len(n) - 1; i >= 0; i-- {
		if n[i] < '9' {
			n[i]++
			return n
		}
		n[i] = '0'
	}
	return append([]byte{'1'}, n...)
}

func zeros(n int) []byte {
	z := make([]byte, n)
	for i := range z {
		z[i] = '0'
	}
	return z
}
