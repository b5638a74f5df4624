// Package scoring is being written on its own branch; this file stands in
// for its AHP function until that branch is merged, and refuses rather than
// guess weights.
package scoring

import "errors"

// AHPResult is the principal-eigenvector weighting of a pairwise matrix.
type AHPResult struct {
	Weights           []float64
	LambdaMax, CI, CR float64
}

// AHP is not available until the scoring package lands.
func AHP(m [][]float64) (AHPResult, error) {
	return AHPResult{}, errors.New("AHP weights are not available in this build")
}
