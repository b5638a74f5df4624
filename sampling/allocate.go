package sampling

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// Stratum is one stratum of the frame as allocation sees it.
type Stratum struct {
	Key string
	N   int     // frame size N_h
	SD  float64 // expected standard deviation S_h, used by Neyman only
}

// Method is how a sample is shared among strata.
type Method int

const (
	// Equal gives every stratum the same share.
	Equal Method = iota + 1
	// Proportional gives stratum h a share in proportion to N_h.
	Proportional
	// Neyman gives stratum h a share in proportion to N_h·S_h, the
	// allocation with the smallest variance of the stratified mean.
	Neyman
)

// Allocation is how many cases each stratum gets, by stratum key.
type Allocation map[string]int

var (
	ErrAllocationInput = errors.New("分配参数不对 (invalid allocation input)")
	ErrSampleTooLarge  = errors.New("样本量超过抽样框总数 (sample size exceeds the frame)")
	ErrBelowMinimum    = errors.New("样本量不足以满足每层最低样本数 (sample size below the per-stratum minimum)")
	ErrNoVariance      = errors.New("奈曼分配需要至少一层标准差大于0 (Neyman allocation needs a stratum with SD > 0)")
)

// Allocate shares n cases among strata by method, giving every stratum at
// least minimum cases (or all of it, when it is smaller) and never more than
// its frame size.
//
// The shares are x_h = clamp(λ·w_h, lo_h, N_h), with w_h = 1, N_h or N_h·S_h
// by method, lo_h = min(minimum, N_h), and the one λ that makes Σ x_h = n.
// A stratum that would get more than it holds is thus capped, and what it
// cannot take goes to the others in proportion to their own w_h, which is
// the same as capping and re-allocating the excess until nothing is over.
// Should every stratum with w_h > 0 be full (Neyman with some S_h = 0), the
// rest is shared equally among the strata with w_h = 0.
//
// The shares are then rounded by largest remainder: each stratum gets
// ⌊x_h⌋ and the units still missing go to the largest fractional parts,
// equal parts (to 1e-9) in ascending Key order. The result sums to n exactly.
func Allocate(strata []Stratum, n int, method Method, minimum int) (Allocation, error) {
	if err := checkAllocationInput(strata, n, method, minimum); err != nil {
		return nil, err
	}
	lo, hi, w := make([]float64, len(strata)), make([]float64, len(strata)), make([]float64, len(strata))
	var sumLo, sumHi int
	for i, s := range strata {
		lo[i], hi[i], w[i] = float64(min(minimum, s.N)), float64(s.N), allocationWeight(s, method)
		sumLo += min(minimum, s.N)
		sumHi += s.N
	}
	switch {
	case n > sumHi:
		return nil, fmt.Errorf("%w: n = %d, frame = %d", ErrSampleTooLarge, n, sumHi)
	case n < sumLo:
		return nil, fmt.Errorf("%w: n = %d, minimums need %d", ErrBelowMinimum, n, sumLo)
	}
	x, ok := waterFill(w, lo, hi, float64(n))
	if !ok {
		// Every stratum with weight is full: fill the rest equally.
		for i := range w {
			if w[i] > 0 {
				lo[i], w[i] = hi[i], 0
			} else {
				w[i] = 1
			}
		}
		if x, ok = waterFill(w, lo, hi, float64(n)); !ok {
			return nil, fmt.Errorf("%w: cannot place %d cases", ErrAllocationInput, n)
		}
	}
	return roundLargestRemainder(strata, x, n), nil
}

func allocationWeight(s Stratum, m Method) float64 {
	switch m {
	case Proportional:
		return float64(s.N)
	case Neyman:
		return float64(s.N) * s.SD
	}
	return 1
}

func checkAllocationInput(strata []Stratum, n int, method Method, minimum int) error {
	if len(strata) == 0 {
		return fmt.Errorf("%w: no strata", ErrAllocationInput)
	}
	if n < 0 || minimum < 0 {
		return fmt.Errorf("%w: n = %d and minimum = %d must not be negative", ErrAllocationInput, n, minimum)
	}
	if method < Equal || method > Neyman {
		return fmt.Errorf("%w: unknown method %d", ErrAllocationInput, method)
	}
	seen := make(map[string]bool, len(strata))
	anySD := false
	for _, s := range strata {
		switch {
		case s.Key == "":
			return fmt.Errorf("%w: a stratum has no key", ErrAllocationInput)
		case seen[s.Key]:
			return fmt.Errorf("%w: stratum %q listed twice", ErrAllocationInput, s.Key)
		case s.N < 0:
			return fmt.Errorf("%w: stratum %q has N = %d", ErrAllocationInput, s.Key, s.N)
		case s.SD < 0 || math.IsNaN(s.SD) || math.IsInf(s.SD, 0):
			return fmt.Errorf("%w: stratum %q has SD = %v", ErrAllocationInput, s.Key, s.SD)
		}
		seen[s.Key] = true
		anySD = anySD || s.SD > 0 && s.N > 0
	}
	if method == Neyman && !anySD {
		return ErrNoVariance
	}
	return nil
}

// waterFill finds x_h = clamp(λ·w_h, lo_h, hi_h) with Σ x_h = target. The
// sum is piecewise linear and non-decreasing in λ, with kinks at lo_h/w_h and
// hi_h/w_h; it finds the piece that reaches target and solves it exactly.
// It reports false when even λ = ∞ falls short. Needs Σ lo_h ≤ target.
func waterFill(w, lo, hi []float64, target float64) ([]float64, bool) {
	var kinks []float64
	for i := range w {
		if w[i] > 0 && lo[i] < hi[i] {
			kinks = append(kinks, lo[i]/w[i], hi[i]/w[i])
		}
	}
	sort.Float64s(kinks)
	sum := func(λ float64) float64 {
		var s float64
		for i := range w {
			s += clamp(λ*w[i], lo[i], hi[i])
		}
		return s
	}
	// λ·w_h at a kink can miss hi_h by an ulp; do not let that hide the
	// piece that reaches target.
	reach := target - 1e-9*math.Max(1, target)
	k := sort.Search(len(kinks), func(j int) bool { return sum(kinks[j]) >= reach })
	if k == len(kinks) {
		if sum(0) >= reach {
			return clampAll(0, w, lo, hi), true
		}
		return nil, false
	}
	left, right := 0.0, kinks[k]
	if k > 0 {
		left = kinks[k-1]
	}
	// Between two neighbouring kinks each stratum is either stuck at a
	// bound or moves with λ; solve the moving part for the remainder.
	var fixed, free float64
	for i := range w {
		switch {
		case w[i] == 0 || lo[i] == hi[i] || right <= lo[i]/w[i]:
			fixed += lo[i]
		case left >= hi[i]/w[i]:
			fixed += hi[i]
		default:
			free += w[i]
		}
	}
	λ := right
	if free > 0 {
		λ = (target - fixed) / free
	}
	return clampAll(λ, w, lo, hi), true
}

func clamp(v, lo, hi float64) float64 { return math.Min(math.Max(v, lo), hi) }

func clampAll(λ float64, w, lo, hi []float64) []float64 {
	x := make([]float64, len(w))
	for i := range w {
		x[i] = clamp(λ*w[i], lo[i], hi[i])
	}
	return x
}

// roundLargestRemainder turns the real shares x into integers summing to n,
// keeping each within [min(minimum, N_h), N_h] (x is already inside, and
// integer bounds survive floor and floor+1).
func roundLargestRemainder(strata []Stratum, x []float64, n int) Allocation {
	out := make(Allocation, len(strata))
	order := make([]int, len(strata))
	frac := make([]int64, len(strata))
	left := n
	for i, s := range strata {
		f := math.Floor(x[i])
		out[s.Key] = int(f)
		left -= int(f)
		// Quantised so that parts equal up to float noise tie exactly
		// and fall to the Key order.
		frac[i] = int64(math.Round((x[i] - f) * 1e9))
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool {
		i, j := order[a], order[b]
		if frac[i] != frac[j] {
			return frac[i] > frac[j]
		}
		return strata[i].Key < strata[j].Key
	})
	for progress := true; left > 0 && progress; {
		progress = false
		for _, i := range order {
			if left > 0 && out[strata[i].Key] < strata[i].N {
				out[strata[i].Key]++
				left--
				progress = true
			}
		}
	}
	return out
}
