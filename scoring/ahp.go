package scoring

import (
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/mat"

	"pingyi/fault"
)

// AHPResult is the outcome of an analytic hierarchy process matrix.
type AHPResult struct {
	Weights   []float64 // normalised principal eigenvector, summing to 1
	LambdaMax float64   // principal eigenvalue
	CI        float64   // consistency index (λmax − n)/(n − 1)
	CR        float64   // consistency ratio CI / RI(n); 0 for n ≤ 2
}

// maxAHPOrder is the largest matrix with a random index in the SPEC.
const maxAHPOrder = 10

// saatyRI is Saaty's random consistency index for a matrix of order n,
// 3 ≤ n ≤ 10, as the SPEC lists it.
func saatyRI(n int) float64 {
	return [...]float64{3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49}[n]
}

// reciprocalTolerance bounds |a_ij·a_ji − 1|. Entries are written as
// decimals (the SPEC writes 1/3 as 0.3333); three or more significant
// decimals are within 0.1% of the reciprocal, so 1% accepts them with room
// to spare while still rejecting a misplaced cell such as 3 where 1/3
// belongs (product 9) or 0.25 against 3.
const reciprocalTolerance = 0.01

// ahpMaxCR is the SPEC's acceptance limit for the consistency ratio.
const ahpMaxCR = 0.1

// AHP derives indicator weights from a pairwise comparison matrix: entry
// [i][j] says how much more important indicator i is than j. It rejects a
// matrix that is not square, larger than 10×10 (no random index is defined),
// has an entry that is not a positive number, a diagonal entry other than 1,
// a pair of entries that are not reciprocal, or a consistency ratio of 0.1 or
// more. In that last case the computed result is returned with the error.
func AHP(matrix [][]float64) (AHPResult, error) {
	n := len(matrix)
	if err := checkAHPMatrix(matrix); err != nil {
		return AHPResult{}, err
	}
	flat := make([]float64, 0, n*n)
	for _, row := range matrix {
		flat = append(flat, row...)
	}
	var eig mat.Eigen
	if !eig.Factorize(mat.NewDense(n, n, flat), mat.EigenRight) {
		return AHPResult{}, fault.Invalidf("AHP matrix: the eigen decomposition did not converge")
	}
	values := eig.Values(nil)
	// A positive matrix has a real principal eigenvalue larger in modulus
	// than all others (Perron–Frobenius); take the largest real part.
	k := 0
	for j, v := range values {
		if real(v) > real(values[k]) {
			k = j
		}
	}
	var vectors mat.CDense
	eig.VectorsTo(&vectors)
	res := AHPResult{Weights: make([]float64, n), LambdaMax: real(values[k])}
	var sum float64
	for i := range n {
		v := vectors.At(i, k)
		if math.Abs(imag(v)) > 1e-9*cmplx.Abs(v) {
			return AHPResult{}, fault.Invalidf("AHP matrix: the principal eigenvector is not real")
		}
		res.Weights[i] = real(v)
		sum += real(v)
	}
	for i := range res.Weights {
		res.Weights[i] /= sum // also fixes the eigenvector's arbitrary sign
		if !(res.Weights[i] > 0) {
			return AHPResult{}, fault.Invalidf("AHP matrix: the principal eigenvector is not positive")
		}
	}
	if n > 2 {
		// λmax ≥ n for a positive reciprocal matrix; a hair below n is
		// rounding, not better than perfect consistency.
		res.CI = math.Max(0, (res.LambdaMax-float64(n))/float64(n-1))
		res.CR = res.CI / saatyRI(n)
	}
	if res.CR >= ahpMaxCR {
		return res, fault.Invalidf("AHP matrix is inconsistent: CR = %.3f ≥ %.2f", res.CR, ahpMaxCR)
	}
	return res, nil
}

func checkAHPMatrix(a [][]float64) error {
	n := len(a)
	switch {
	case n == 0:
		return fault.Invalidf("AHP matrix is empty")
	case n > maxAHPOrder:
		return fault.Invalidf("AHP matrix is %d×%d: Saaty's random index, needed for the consistency ratio, is defined only up to 10×10", n, n)
	}
	for i, row := range a {
		if len(row) != n {
			return fault.Invalidf("AHP matrix is not square: row %d has %d entries, want %d", i+1, len(row), n)
		}
	}
	for i, row := range a {
		for j, x := range row {
			if !isFinite(x) || x <= 0 {
				return fault.Invalidf("AHP matrix entry at row %d, column %d is %v: entries must be positive numbers", i+1, j+1, x)
			}
		}
		if row[i] != 1 {
			return fault.Invalidf("AHP matrix entry at row %d, column %d is %v: the diagonal must be 1", i+1, i+1, row[i])
		}
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			if p := float64(a[i][j] * a[j][i]); math.Abs(p-1) > reciprocalTolerance {
				return fault.Invalidf("AHP matrix is not reciprocal: the entries at row %d, column %d (%v) and row %d, column %d (%v) multiply to %.4g, not 1",
					i+1, j+1, a[i][j], j+1, i+1, a[j][i], p)
			}
		}
	}
	return nil
}
