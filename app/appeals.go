package app

import (
	"context"

	"pingyi/appeals"
	"pingyi/calendar"
	"pingyi/survey"
)

// unitRegister gives the appeals ledger the organiser's register: the
// units of every campaign, so neither package imports the other.
type unitRegister struct{ survey *survey.Store }

func (r unitRegister) Units(ctx context.Context, codes ...string) ([]appeals.Unit, error) {
	units, err := r.survey.RegisterUnits(ctx, codes...)
	if err != nil {
		return nil, err
	}
	out := make([]appeals.Unit, len(units))
	for i, u := range units {
		out[i] = appeals.Unit{Code: u.Code, Name: u.Name, Parent: u.Parent}
	}
	return out, nil
}

// workingDays loads the calendar as it stands for each deadline the ledger
// computes, so a year an administrator corrects counts at once in every
// serve process.
func workingDays(cal *calendar.Calendar) func(ctx context.Context) (appeals.WorkingDays, error) {
	return func(ctx context.Context) (appeals.WorkingDays, error) {
		return cal.Load(ctx)
	}
}
