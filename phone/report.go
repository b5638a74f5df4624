package phone

import (
	"context"
	"strconv"

	"pingyi/i18n"
	"pingyi/survey"
)

// Report is what the overseers' progress page and its JSON twin show: the
// campaign's units, the progress of frame, draw and calls, and the outcome
// rates overall, per unit and per operator.
type Report struct {
	Structure *survey.Structure
	Progress  Progress
	Outcomes  Outcomes
}

// Report gathers a campaign's phone survey report; e is as for Outcomes.
func (s *Store) Report(ctx context.Context, code string, e *float64) (Report, error) {
	var r Report
	var err error
	if r.Structure, err = s.survey.Structure(ctx, code); err != nil {
		return r, err
	}
	if r.Progress, err = s.Progress(ctx, code); err != nil {
		return r, err
	}
	r.Outcomes, err = s.Outcomes(ctx, code, e)
	return r, err
}

// StratumNames name each unit by its code, and "*", the one stratum of a
// simple random draw, as the whole frame.
func StratumNames(st *survey.Structure, lang i18n.Lang) map[string]string {
	out := map[string]string{"*": i18n.T(lang, "the whole frame")}
	for _, u := range st.Units {
		out[u.Code] = u.Name
	}
	return out
}

// OperatorID is the operator an operator's tally counts (Outcomes keys
// them by id); 0 for the other tallies.
func (t Tally) OperatorID() int64 {
	id, _ := strconv.ParseInt(t.Key, 10, 64)
	return id
}
