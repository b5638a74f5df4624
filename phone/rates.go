package phone

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"pingyi/fault"
	"pingyi/sampling"
)

// Tally is the AAPOR counts of a set of released cases and their rates.
type Tally struct {
	Key   string `json:"key"` // unit code or operator id; "" overall
	Cases int    `json:"cases"`
	// Called counts the cases with at least one recorded call; rates of a
	// sample nobody has called yet say nothing.
	Called int             `json:"called"`
	Counts sampling.Counts `json:"counts"`
	Rates  sampling.Rates  `json:"rates"`
}

// Outcomes are the outcome rates of a campaign's phone sample: overall, per
// unit and per operator.
type Outcomes struct {
	Overall   Tally   `json:"overall"`
	Units     []Tally `json:"units"`
	Operators []Tally `json:"operators"`
	// E is the e given for RR3, RR4, REF2 and CON2; when nil each tally
	// uses its own DefaultE.
	E *float64 `json:"e"`
}

// dispositionCount is a group of cases alike in what the rates need.
type dispositionCount struct {
	Unit           string
	Disposition    *string
	LastOperatorID *int64
	N              int
}

// Outcomes counts every released case once, by its disposition: the final
// one of a closed case, and for an open case the temporary disposition of
// its last attempt (what it would be closed with if calling stopped now),
// or 3.11 (not attempted) when nobody has called it yet. Cases never
// released were never in the sample and are not counted. A case counts for
// the operator who made its last attempt.
func (s *Store) Outcomes(ctx context.Context, code string, e *float64) (Outcomes, error) {
	if e != nil && !(*e >= 0 && *e <= 1) {
		return Outcomes{}, fault.WithProblems([]fault.Problem{fault.P("e", "e must be between 0 and 1")}, "the rates cannot be computed")
	}
	c, err := s.campaign(ctx, code)
	if err != nil {
		return Outcomes{}, err
	}
	groups, err := countsOf(s.db.WithContext(ctx), c.ID)
	if err != nil {
		return Outcomes{}, err
	}
	return tallyOutcomes(groups, e)
}

func tallyOutcomes(groups []dispositionCount, e *float64) (Outcomes, error) {
	overall := &Tally{}
	units, operators := map[string]*Tally{}, map[string]*Tally{}
	at := func(m map[string]*Tally, k string) *Tally {
		if m[k] == nil {
			m[k] = &Tally{Key: k}
		}
		return m[k]
	}
	for _, g := range groups {
		code := codeNotAttempted
		if g.Disposition != nil {
			code = *g.Disposition
		}
		d, ok := sampling.LookupDisposition(code)
		if !ok {
			return Outcomes{}, fmt.Errorf("case with unknown disposition %q", code)
		}
		targets := []*Tally{overall, at(units, g.Unit)}
		if g.LastOperatorID != nil {
			targets = append(targets, at(operators, fmt.Sprint(*g.LastOperatorID)))
		}
		for _, t := range targets {
			t.Cases += g.N
			if g.Disposition != nil {
				t.Called += g.N
			}
			t.Counts.Add(d, float64(g.N))
		}
	}
	out := Outcomes{E: e}
	var err error
	if out.Overall, err = withRates(*overall, e); err != nil {
		return out, err
	}
	for _, m := range []struct {
		from map[string]*Tally
		to   *[]Tally
	}{{units, &out.Units}, {operators, &out.Operators}} {
		for _, t := range m.from {
			r, err := withRates(*t, e)
			if err != nil {
				return out, err
			}
			*m.to = append(*m.to, r)
		}
		slices.SortFunc(*m.to, func(a, b Tally) int { return strings.Compare(a.Key, b.Key) })
	}
	return out, nil
}

func withRates(t Tally, e *float64) (Tally, error) {
	est := sampling.DefaultE(t.Counts)
	if e != nil {
		est = sampling.Rate{Value: *e, Defined: true}
	}
	var err error
	t.Rates, err = sampling.ComputeRates(t.Counts, est)
	return t, err
}

// countsOf groups a campaign's released cases by unit (the one served, in
// either design), disposition and last operator.
func countsOf(q *gorm.DB, campaignID int64) ([]dispositionCount, error) {
	var groups []dispositionCount
	return groups, q.Model(&phoneCase{}).Select("unit, disposition, last_operator_id, COUNT(*) AS n").
		Where("campaign_id = ? AND status <> ?", campaignID, Pending).Group("unit, disposition, last_operator_id").Scan(&groups).Error
}
