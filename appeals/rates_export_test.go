package appeals

import (
	"context"
	"math"
	"time"
)

// RatesAllPending is Rates with every case sent down pendingSQL, comparing
// each of its marks: what the settled patterns must reproduce.
func (s *Store) RatesAllPending(ctx context.Context, from, to, asOf time.Time, byMonth bool) ([]UnitRates, error) {
	return s.rates(ctx, from, to, asOf, byMonth, math.MinInt64, false)
}

// RatesByPattern is Rates counting the settled cases by scanning their
// patterns, never from the totals kept by month.
func (s *Store) RatesByPattern(ctx context.Context, from, to, asOf time.Time, byMonth bool) ([]UnitRates, error) {
	return s.rates(ctx, from, to, asOf, byMonth, asOf.UnixMicro(), false)
}
