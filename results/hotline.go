package results

import (
	"context"
	"encoding/json"
	"time"

	"pingyi/fault"
	"pingyi/scoring"
	"pingyi/survey"
)

// AppealCounts gives a score run the appeal counts of step 8 (SPEC Scoring):
// for each unit code, in order, the counts of the cases assigned to it or
// to a unit below it, received in [from, to), as of asOf. The appeals
// ledger answers it through app, so this package does not import it.
type AppealCounts interface {
	HotlineCounts(ctx context.Context, units []string, from, to, asOf time.Time) ([]scoring.HotlineCounts, error)
}

// UseAppeals sets where runs of a definition with a hotline component get
// their appeal counts.
func (s *Store) UseAppeals(a AppealCounts) { s.appeals = a }

// storedConfig is a run's config column: the scoring configuration, the
// hotline's appeal counts included, and for a run with a hotline component
// the moment T its counts were taken as of. A run without one stores
// exactly what runs stored before step 8 existed.
type storedConfig struct {
	scoring.Config
	HotlineAsOf *time.Time `json:"HotlineAsOf,omitempty"`
}

// hotline fills in cfg.Hotline for a campaign whose definition has a
// hotline component: its appeal counts as of T = the period's end, or now
// if earlier. It returns T, or nil without a hotline component.
func (s *Store) hotline(ctx context.Context, st *survey.Structure, cfg *scoring.Config) (*time.Time, error) {
	h := st.ScoringHotline()
	if h == nil {
		return nil, nil
	}
	from, to, _ := st.HotlinePeriod()
	if s.appeals == nil {
		return nil, fault.Conflictf("campaign %q weighs the hotline, and this installation has no appeals ledger to count it from", st.Campaign.Code)
	}
	asOf := s.db.Now()
	if to.Before(asOf) {
		asOf = to
	}
	codes := make([]string, len(cfg.Units))
	for i, u := range cfg.Units {
		codes[i] = u.Code
	}
	counts, err := s.appeals.HotlineCounts(ctx, codes, from, to, asOf)
	if err != nil {
		return nil, err
	}
	h.Units = counts
	cfg.Hotline = h
	return &asOf, nil
}

// Hotline returns the hotline component the run was computed with, the
// appeal counts of its units included, and the moment they were counted
// as of; nil without a hotline component.
func (r *Run) Hotline() (*scoring.Hotline, *time.Time, error) {
	var c storedConfig
	if err := json.Unmarshal([]byte(r.Config), &c); err != nil {
		return nil, nil, err
	}
	return c.Hotline, c.HotlineAsOf, nil
}

// ScoringConfig is the configuration the run was computed with: the
// campaign's, with the run's hotline component and appeal counts, so that
// a check of the run's inputs or a publication of it uses exactly its
// counts.
func (r *Run) ScoringConfig(st *survey.Structure) (scoring.Config, error) {
	cfg := st.ScoringConfig()
	h, _, err := r.Hotline()
	if err != nil {
		return cfg, err
	}
	if h != nil && len(h.Units) != len(cfg.Units) {
		return cfg, fault.Conflictf("run %d has appeal counts for %d units, the campaign has %d", r.ID, len(h.Units), len(cfg.Units))
	}
	cfg.Hotline = h
	return cfg, nil
}

// runDetail is the audit detail of a new run: for a run with a hotline
// component, also the moment its appeal counts were taken as of.
func runDetail(run *Run, asOf *time.Time) map[string]any {
	d := map[string]any{"run": run.ID, "input_digest": run.InputDigest, "result_digest": run.ResultDigest, "responses": run.Responses}
	if asOf != nil {
		d["hotline_as_of"] = asOf.UTC().Format(time.RFC3339Nano)
	}
	return d
}
