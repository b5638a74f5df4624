package app

import (
	"context"
	"time"

	"pingyi/appeals"
	"pingyi/scoring"
)

// hotlineCounts gives a score run the appeals ledger's counts for step 8
// of the scoring (the hotline component). It lives here, where both
// packages are wired, so that results does not import appeals.
type hotlineCounts struct{ appeals *appeals.Store }

// HotlineCounts reports, for each unit code in order, the counts behind
// its five rates over the cases received in [from, to), as of asOf; a
// department's counts include its stations'. A unit without cases has
// zero counts.
func (h hotlineCounts) HotlineCounts(ctx context.Context, units []string, from, to, asOf time.Time) ([]scoring.HotlineCounts, error) {
	rates, err := h.appeals.Rates(ctx, from, to, asOf, false)
	if err != nil {
		return nil, err
	}
	byUnit := make(map[string]appeals.UnitRates, len(rates))
	for _, r := range rates {
		byUnit[r.Unit] = r
	}
	out := make([]scoring.HotlineCounts, len(units))
	for i, code := range units {
		r, ok := byUnit[code]
		if !ok {
			continue
		}
		out[i].Cases = int(r.Cases)
		for k, rate := range [...]appeals.Rate{
			scoring.RateResponse:     r.Response,
			scoring.RateOnTime:       r.OnTime,
			scoring.RateResolution:   r.Resolution,
			scoring.RateSatisfaction: r.Satisfaction,
			scoring.RateSettled:      r.Settled,
		} {
			out[i].Rates[k] = scoring.RateCount{Num: int(rate.Num), Den: int(rate.Den)}
		}
	}
	return out, nil
}
