package sampling

import (
	"errors"
	"fmt"
	"math"
)

var ErrResponseRate = errors.New("预期应答率须在0到1之间 (expected response rate must be in (0, 1])")

// Overdraw is how many cases to draw so that, at the expected response rate,
// n of them end in a completed interview: ⌈n / rate⌉.
//
// rate is a float and most decimal rates are not exact in binary: 21/0.7
// comes out as 30.000000000000004, and a plain ceiling would draw 31. So a
// quotient within a billionth (relative) of an integer is taken as that
// integer; anything further above is rounded up. See ceilQuotient.
func Overdraw(n int, expectedResponseRate float64) (int, error) {
	if n < 0 {
		return 0, fmt.Errorf("%w: n = %d", ErrAllocationInput, n)
	}
	if !(expectedResponseRate > 0 && expectedResponseRate <= 1) {
		return 0, fmt.Errorf("%w: got %v", ErrResponseRate, expectedResponseRate)
	}
	return ceilQuotient(float64(n) / expectedResponseRate), nil
}

// ceilQuotient rounds a computed figure up to a whole number of cases,
// forgiving the float noise (far below 1e-9 relative) that decimal inputs
// leave. The cost is that a true value up to a billionth above an integer
// rounds down, which for case counts below 10^8 is never a whole case.
func ceilQuotient(q float64) int {
	if r := math.Round(q); math.Abs(q-r) <= 1e-9*math.Max(1, math.Abs(q)) {
		return int(r)
	}
	return int(math.Ceil(q))
}
