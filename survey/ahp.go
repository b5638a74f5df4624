package survey

import (
	"fmt"

	"pingyi/fault"
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
		if e, ok := fault.As(err); ok {
			c.problems = append(c.problems, fault.Problem{Path: "ahp", Reason: e.Message})
		}
	}
}

// resolveAHP writes the weights an AHP matrix gives into the main
// indicators, for storage. They are derived once, when the matrix is set:
// an eigen solver may differ in the last bit between machines, and the
// weights of a campaign must not change because a unit was renamed on
// another server. keep holds the weights already stored for an unchanged
// matrix.
func resolveAHP(d *Definition, keep []float64) error {
	if d.AHP == nil {
		return nil
	}
	weights := keep
	if weights == nil {
		res, err := scoring.AHP(d.AHP)
		if err != nil {
			return err
		}
		weights = res.Weights
	}
	i := 0
	for k := range d.Indicators {
		if !d.Indicators[k].Auxiliary {
			w := weights[i]
			d.Indicators[k].Weight = &w
			i++
		}
	}
	return nil
}
