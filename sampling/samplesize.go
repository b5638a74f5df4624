package sampling

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

var ErrSampleSizeInput = errors.New("样本量计算参数不对 (invalid sample-size input)")

// ErrSampleSizeTooLarge means the inputs ask for more interviews or contacts
// than MaxSampleSize: a margin so narrow, or a response rate so low, that
// no survey could be planned on it (and past about 9.2e18 the count would
// no longer fit in an int).
var ErrSampleSizeTooLarge = errors.New("样本量过大 (sample size too large)")

// MaxSampleSize bounds the completes and contacts a plan may ask for: ten
// million, well above any survey of a city's public services, and far
// below where float64 → int conversion overflows.
const MaxSampleSize = 10_000_000

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
	// Checked before any conversion to int, and on n0 so that the answer
	// does not depend on the population: a margin of 1e-200 makes n0
	// infinite, and 1e-9 makes it larger than an int holds.
	if !(plan.N0 <= MaxSampleSize) {
		return SampleSizePlan{}, fmt.Errorf("%w: margin %v needs %.3g completed interviews, more than %d", ErrSampleSizeTooLarge, in.Margin, plan.N0, MaxSampleSize)
	}
	plan.N = plan.N0
	if in.Population > 0 {
		plan.N = plan.N0 / (1 + (plan.N0-1)/float64(in.Population))
	}
	plan.Completes = ceilQuotient(plan.N)
	contacts := float64(plan.Completes) / in.ResponseRate
	if in.Population > 0 && contacts > float64(in.Population) {
		plan.Contacts, plan.Capped = in.Population, true
		return plan, nil
	}
	if !(contacts <= MaxSampleSize) {
		return SampleSizePlan{}, fmt.Errorf("%w: response rate %v needs %.3g contacts, more than %d", ErrSampleSizeTooLarge, in.ResponseRate, contacts, MaxSampleSize)
	}
	plan.Contacts = ceilQuotient(contacts)
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
