package web

import (
	"context"

	"pingyi/rectification"
	"pingyi/survey"
)

// consoleLastYear is how last year's rectification tasks of each unit
// ended, shown beside the unit on the console's ranking: the campaign the
// tasks belong to (for the link to its public list) and the rates by unit.
type consoleLastYear struct {
	Campaign *survey.Campaign
	Units    map[string]rectification.Rates
}

// Of is a unit's rates last year, nil when no task was opened for it.
func (l consoleLastYear) Of(unit string) *rectification.Rates {
	if r, ok := l.Units[unit]; ok && r.Opened > 0 {
		return &r
	}
	return nil
}

// consoleLastYearOf reads how the tasks of the campaign a campaign is
// compared with ended; empty when there is none.
func (s *Site) consoleLastYearOf(ctx context.Context, code string) (consoleLastYear, error) {
	prev, ended, err := s.Rectification.LastYear(ctx, code)
	if err != nil || prev == nil {
		return consoleLastYear{}, err
	}
	return consoleLastYear{Campaign: prev, Units: ended}, nil
}

// reviewConsoleLastYearRectification is what the console needs of
// rectification: last year's tasks, ended.
type reviewConsoleLastYearRectification interface {
	LastYear(ctx context.Context, code string) (*survey.Campaign, map[string]rectification.Rates, error)
}
