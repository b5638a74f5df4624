package collection

import (
	"context"
	"encoding/json"
	"slices"

	"pingyi/fault"
	"pingyi/survey"
)

// ScreenedUnits returns the codes of the units a screened respondent said they
// dealt with, and whether they have chosen yet.
func (d *Draft) ScreenedUnits() ([]string, bool) {
	if d == nil || d.Screened == nil {
		return nil, false
	}
	var codes []string
	if json.Unmarshal([]byte(*d.Screened), &codes) != nil {
		return nil, false
	}
	return codes, true
}

// Candidates are the positions of the units a respondent of group may be
// asked about before any screening: the group's units, narrowed by the
// invitation's batch when it names some.
func Candidates(st *survey.Structure, group int, batch *Batch) []int {
	units := st.ScopeUnits(group)
	if codes := batch.UnitCodes(); codes != nil {
		units = slices.DeleteFunc(units, func(u int) bool { return !slices.Contains(codes, st.Units[u].Code) })
	}
	return units
}

// RespondentUnits are the units a respondent's form asks about, in
// document order: the candidates, narrowed to a screened respondent's
// choice once they have made it.
func RespondentUnits(st *survey.Structure, group int, batch *Batch, d *Draft) []int {
	units := Candidates(st, group, batch)
	if chosen, ok := d.ScreenedUnits(); ok {
		set := make(map[string]bool, len(chosen))
		for _, code := range chosen {
			set[code] = true
		}
		units = slices.DeleteFunc(units, func(u int) bool { return !set[st.Units[u].Code] })
	}
	return units
}

// within is what a submission is bounded by beyond its group's scope:
// the batch's units and the respondent's screened choice, or nil.
func within(batch *Batch, d *Draft) []string {
	codes := batch.UnitCodes()
	chosen, ok := d.ScreenedUnits()
	switch {
	case !ok:
		return codes
	case codes == nil:
		return chosen
	}
	return slices.DeleteFunc(slices.Clone(chosen), func(c string) bool { return !slices.Contains(codes, c) })
}

// SaveScreen keeps a screened respondent's choice of units (positions),
// which must lie among candidates. Answers to units no longer chosen are
// dropped, so that the draft holds only what the form will show, and the
// respondent goes on at the first page.
func (s *Service) SaveScreen(ctx context.Context, draftID int64, st *survey.Structure, candidates, chosen []int) error {
	if len(chosen) == 0 {
		return fault.WithProblems([]fault.Problem{fault.P("units", "tick at least one unit you dealt with in the last year")},
			"the page has %d problems", 1)
	}
	var problems []fault.Problem
	codes := make([]string, 0, len(chosen))
	keep := make(map[int]bool, len(chosen))
	for _, u := range chosen {
		if !slices.Contains(candidates, u) {
			problems = append(problems, fault.P("units", "unit %q is not among the units this form asks about", st.Units[u].Code))
			continue
		}
		keep[u] = true
		codes = append(codes, st.Units[u].Code)
	}
	if len(problems) > 0 {
		return fault.WithProblems(problems, "the page has %d problems", len(problems))
	}
	raw, _ := json.Marshal(codes)
	screened := string(raw)
	return s.changeDraft(ctx, draftID, st, func(c *Content) {
		for cell := range c.Ratings {
			if !keep[cell.Unit] {
				delete(c.Ratings, cell)
			}
		}
		for u := range c.Comments {
			if !keep[u] {
				delete(c.Comments, u)
			}
		}
	}, map[string]any{"screened": screened, "page": 1})
}
