package responses

import (
	"fmt"
	"math"

	"gorm.io/gorm"
)

// SetWeights sets the design weight of stored responses inside the caller's
// transaction. The phone survey uses it to keep its respondents' weights at
// N_h/n_h as more of a stratum's sample is released: the weight belongs to
// the design, which changes, not to the answers.
func SetWeights(tx *gorm.DB, responseIDs []int64, weight float64) error {
	if !(weight > 0) || math.IsInf(weight, 0) {
		return fmt.Errorf("design weight %v must be a positive number", weight)
	}
	for start := 0; start < len(responseIDs); start += 500 {
		chunk := responseIDs[start:min(start+500, len(responseIDs))]
		if err := tx.Model(&Response{}).Where("id IN ?", chunk).Update("weight", weight).Error; err != nil {
			return err
		}
	}
	return nil
}
