package review

import (
	"context"

	"pingyi/results"
	"pingyi/scoring"
)

// Report is a campaign's quality flags as the committee reviews them.
type Report struct {
	Settings Settings `json:"settings"`
	*Detection
	// Units maps a unit's code to its flags: insufficient_sample and
	// wide_interval from the run, ballot_stuffing from the checks.
	Units map[string][]string `json:"units"`
}

// Flags checks a campaign's counted responses now and, when run is given,
// that run's intervals and samples.
func (s *Store) Flags(ctx context.Context, code string, run *results.Run) (*Report, error) {
	st, set, err := s.campaign(ctx, code)
	if err != nil {
		return nil, err
	}
	facts, err := s.responses.CountedFacts(ctx, st)
	if err != nil {
		return nil, err
	}
	det, err := Detect(st.ScoringConfig(), facts, set.Flags)
	if err != nil {
		return nil, err
	}
	rep := &Report{Settings: set, Detection: det, Units: map[string][]string{}}
	if run != nil {
		units, err := run.UnitResults()
		if err != nil {
			return nil, err
		}
		for _, u := range units {
			rep.Units[u.UnitCode] = append(rep.Units[u.UnitCode], UnitFlags(u, set.Flags)...)
		}
	}
	for _, b := range det.Bursts {
		if f := rep.Units[b.UnitCode]; len(f) == 0 || f[len(f)-1] != FlagBallotStuffing {
			rep.Units[b.UnitCode] = append(f, FlagBallotStuffing)
		}
	}
	return rep, nil
}

// UnitFlags are the flags a score run's result for a unit raises.
func UnitFlags(u scoring.UnitResult, th Thresholds) []string {
	out := append([]string(nil), u.Flags...)
	if u.CILow != nil && u.CIHigh != nil && *u.CIHigh-*u.CILow > th.WideInterval {
		out = append(out, FlagWideInterval)
	}
	return out
}
