package results

import (
	"encoding/json"

	"pingyi/scoring"
)

// UnitResults decodes a run's stored results, one per unit.
func (r *Run) UnitResults() ([]scoring.UnitResult, error) {
	var units []scoring.UnitResult
	return units, json.Unmarshal(r.Units, &units)
}
