package survey

import (
	"fmt"

	"pingyi/scoring"
)

// ahp checks the optional pairwise matrix: one row and column per main
// indicator, in the order listed, and consistent enough (CR < 0.1).
func (c *checker) ahp(d *Definition) {
	if d.AHP == nil {
		return
	}
	main := 0
	for _, ind := range d.Indicators {
		if !ind.Auxiliary {
			main++
		}
	}
	if len(d.AHP) != main {
		c.addf("ahp", "the ahp matrix needs one row per main indicator: %d rows for %d main indicators", len(d.AHP), main)
		return
	}
	for i, row := range d.AHP {
		if len(row) != main {
			c.addf(fmt.Sprintf("ahp[%d]", i), "row %d has %d entries; the matrix must be %d × %d", i+1, len(row), main, main)
			return
		}
	}
	if _, err := scoring.AHP(d.AHP); err != nil {
		c.addf("ahp", "%s", err.Error())
	}
}

// mainWeights returns the weights of the main indicators in order: from the
// AHP matrix when there is one, otherwise as given.
func mainWeights(d *Definition) ([]float64, float64, error) {
	if d.AHP != nil {
		res, err := scoring.AHP(d.AHP)
		if err != nil {
			return nil, 0, err
		}
		return res.Weights, res.CR, nil
	}
	var w []float64
	for _, ind := range d.Indicators {
		if !ind.Auxiliary {
			w = append(w, *ind.Weight)
		}
	}
	return w, 0, nil
}
