package sampling

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

var ErrSampleSizeInput = errors.New("样本量计算参数不对 (invalid sample-size input)")

// SampleSizeInput is what a planner types into the sample-size page.
type SampleSizeInput struct {
	// Margin is the half-width e of the confidence interval, in the units
	// of the estimate: 0.05 is ±5 percentage points for a proportion, 2 is
	// ±2 points for a 0–100 score.
	Margin float64
	// Confidence is the confidence level, e.g. 0.95.
	Confidence float64
	// Population is N, the frame size; 0 means infinite (no correction).
	Population int
	// Proportion is the expected p; 0 means 0.5, the largest p(1−p).
	Proportion float64
	// SD is the expected standard deviation σ of a score. When it is
	// set, the score formula is used and Proportion must be 0.
	SD float64
	// ResponseRate is the expected share of drawn cases that end in a
	// completed interview, in (0, 1].
	ResponseRate float64
}

// SampleSizePlan is every figure of the working, so the page can show it.
type SampleSizePlan struct {
	Z          float64 // z = Φ⁻¹(1 − (1 − confidence)/2)
	Proportion float64 // p used; 0 when the score formula was used
	N0         float64 // z²·p(1−p)/e², or z²·σ²/e²
	N          float64 // n0 / (1 + (n0 − 1)/N); equals N0 when N is infinite
	Completes  int     // ⌈N⌉: completed interviews needed
	Contacts   int     // ⌈Completes / response rate⌉, at most the population
	// Capped is set when the population is too small to yield the
	// completes at that response rate: Contacts is then the whole frame.
	Capped bool
}

// CalculateSampleSize sizes a simple random sample for a margin of error.
// Rounding up uses the same float-noise rule as Overdraw.
func CalculateSampleSize(in SampleSizeInput) (SampleSizePlan, error) {
	if err := checkSampleSizeInput(in); err != nil {
		return SampleSizePlan{}, err
	}
	var plan SampleSizePlan
	plan.Z = distuv.UnitNormal.Quantile(1 - (1-in.Confidence)/2)
	variance := in.SD * in.SD
	if in.SD == 0 {
		plan.Proportion = in.Proportion
		if plan.Proportion == 0 {
			plan.Proportion = 0.5
		}
		variance = plan.Proportion * (1 - plan.Proportion)
	}
	plan.N0 = plan.Z * plan.Z * variance / (in.Margin * in.Margin)
	plan.N = plan.N0
	if in.Population > 0 {
		plan.N = plan.N0 / (1 + (plan.N0-1)/float64(in.Population))
	}
	plan.Completes = ceilQuotient(plan.N)
	plan.Contacts = ceilQuotient(float64(plan.Completes) / in.ResponseRate)
	if in.Population > 0 && plan.Contacts > in.Population {
		plan.Contacts, plan.Capped = in.Population, true
	}
	return plan, nil
}

func checkSampleSizeInput(in SampleSizeInput) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrSampleSizeInput}, args...)...)
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case !(in.Margin > 0) || !finite(in.Margin):
		return bad("margin of error %v must be positive", in.Margin)
	case !(in.Confidence > 0 && in.Confidence < 1):
		return bad("confidence %v must be in (0, 1)", in.Confidence)
	case in.Population < 0:
		return bad("population %d must not be negative", in.Population)
	case !(in.Proportion >= 0 && in.Proportion < 1):
		return bad("proportion %v must be in (0, 1)", in.Proportion)
	case !(in.SD >= 0) || !finite(in.SD):
		return bad("SD %v must not be negative", in.SD)
	case in.SD > 0 && in.Proportion != 0:
		return bad("give either a proportion or an SD, not both")
	case !(in.ResponseRate > 0 && in.ResponseRate <= 1):
		return fmt.Errorf("%w: got %v", ErrResponseRate, in.ResponseRate)
	}
	return nil
}
