package app

import (
	"context"

	"pingyi/calendar"
	"pingyi/phone"
)

// callingDays gives the phone survey the working-day calendar as it stands
// whenever it reads its calling rules, so holidays are no calling days and
// adjusted working days are, and a year an administrator corrects counts
// at once in every serve process.
func callingDays(cal *calendar.Calendar) func(ctx context.Context) (phone.WorkingDays, error) {
	return func(ctx context.Context) (phone.WorkingDays, error) {
		days, err := cal.Load(ctx)
		if err != nil {
			return nil, err
		}
		return days, nil
	}
}
