package phone

import (
	"errors"

	"pingyi/fault"
	"pingyi/sampling"
)

// SampleSize is the calculator of the planning form and of the API: the
// plan, or why it cannot be computed, in the reader's words.
func SampleSize(in sampling.SampleSizeInput) (sampling.SampleSizePlan, error) {
	plan, err := sampling.CalculateSampleSize(in)
	switch {
	case errors.Is(err, sampling.ErrResponseRate):
		return plan, fault.WithProblems([]fault.Problem{fault.P("response_rate", "the expected response rate must be above 0 and at most 1")}, "the sample size cannot be computed")
	case errors.Is(err, sampling.ErrSampleSizeTooLarge):
		return plan, fault.WithProblems([]fault.Problem{fault.P("margin", "the margin of error or the response rate asks for more than %d interviews or contacts: widen the margin", sampling.MaxSampleSize)}, "the sample size cannot be computed")
	case err != nil:
		return plan, fault.Invalidf("the sample size cannot be computed: the margin must be above 0, the confidence between 0 and 1, the population 0 or more, and either a proportion below 1 or a standard deviation, not both")
	}
	return plan, nil
}
