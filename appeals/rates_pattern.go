package appeals

// The bits of a case's settled pattern: what it adds to each rate once all
// its marks have passed. Migration 0093 computes the same for the rows it
// found, so these numbers are fixed.
const (
	patternAssigned = 1 << iota
	patternResponseNum
	patternResponseDen
	patternOnTimeNum
	patternOnTimeDen
	patternResolvedNum
	patternResolvedDen
	patternSatisfiedNum
	patternSatisfiedDen
	patternSettledNum
	patternSettledDen
)

// settled returns the moment of r's latest mark and what r adds to the
// rates as of that moment or any later one: each mark it has, and the
// score of its latest callback (rateSQL's latestCallbackSQL once both
// callbacks have passed).
func (r rateMarks) settled() (finalUs int64, pattern int) {
	finalUs = r.ReceivedUs
	for _, mark := range []struct {
		us  *int64
		bit int
	}{
		{r.AssignedUs, patternAssigned},
		{r.ResponseNumUs, patternResponseNum}, {r.ResponseDenUs, patternResponseDen},
		{r.OnTimeNumUs, patternOnTimeNum}, {r.OnTimeDenUs, patternOnTimeDen},
		{r.ResolutionNumUs, patternResolvedNum}, {r.ResolutionDenUs, patternResolvedDen},
		{r.SettledNumUs, patternSettledNum}, {r.SettledDenUs, patternSettledDen},
		{r.CallbackUs, 0}, {r.PrevCallbackUs, 0},
	} {
		if mark.us != nil {
			finalUs = max(finalUs, *mark.us)
			pattern |= mark.bit
		}
	}
	score := r.PrevCallbackScore
	if r.CallbackUs != nil {
		score = r.CallbackScore
	} else if r.PrevCallbackUs == nil {
		score = nil
	}
	if score != nil && *score == 2 {
		pattern |= patternSatisfiedNum
	}
	if score != nil && *score >= 1 {
		pattern |= patternSatisfiedDen
	}
	return finalUs, pattern
}

// patternCounts is what n cases of pattern add to the rates (of assigned
// cases only: pendingSQL counts no other).
func patternCounts(month, pattern int, n int64) rateCounts {
	r := rateCounts{Month: month, Cases: n}
	for _, b := range []struct {
		bit int
		dst *int64
	}{
		{patternResponseNum, &r.ResponseNum}, {patternResponseDen, &r.ResponseDen},
		{patternOnTimeNum, &r.OnTimeNum}, {patternOnTimeDen, &r.OnTimeDen},
		{patternResolvedNum, &r.ResolvedNum}, {patternResolvedDen, &r.ResolvedDen},
		{patternSatisfiedNum, &r.SatisfiedNum}, {patternSatisfiedDen, &r.SatisfiedDen},
		{patternSettledNum, &r.SettledNum}, {patternSettledDen, &r.SettledDen},
	} {
		if pattern&b.bit != 0 {
			*b.dst = n
		}
	}
	return r
}
