package responses

import (
	"gorm.io/gorm"

	"pingyi/fault"
	"pingyi/scoring"
)

// SetWeights sets the design weight of stored responses inside the caller's
// transaction. The phone survey uses it to keep its respondents' weights at
// N_h/n_h as more of a stratum's sample is released: the weight belongs to
// the design, which changes, not to the answers.
func SetWeights(tx *gorm.DB, responseIDs []int64, weight float64) error {
	if !scoring.ValidDesignWeight(weight) {
		return fault.Invalidf("the weight must be a number from %g to %g", scoring.MinDesignWeight, scoring.MaxDesignWeight)
	}
	for start := 0; start < len(responseIDs); start += 500 {
		chunk := responseIDs[start:min(start+500, len(responseIDs))]
		if err := tx.Model(&Response{}).Where("id IN ?", chunk).Update("weight", weight).Error; err != nil {
			return err
		}
	}
	return nil
}
