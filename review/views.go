package review

import (
	"context"
	"time"

	"pingyi/fault"
	"pingyi/responses"
	"pingyi/results"
	"pingyi/scoring"
	"pingyi/survey"
)

// The committee's pages and the public page each get what they show from
// one call here: web/ lays it out, and nothing about the review is worked
// out twice.

// Console is what the committee's review console shows of a campaign: its
// runs and publications, the publication it is compared with, and for the
// chosen run its approvals, flags, results and each unit's change.
type Console struct {
	Structure *survey.Structure
	Runs      []results.Run
	Versions  []Publication
	Compared  *Comparison // nil: no earlier publication to compare with
	// Run is the chosen run; nil when the campaign has none yet, and then
	// so are the fields below.
	Run     *results.Run
	Status  *RunStatus
	Flags   *Report
	Units   []scoring.UnitResult
	Changes map[string]*PreviousUnit // by unit code; absent: not published then
}

// Console gathers the console of run runID, or with 0 of the latest run.
func (s *Store) Console(ctx context.Context, code string, runID int64) (*Console, error) {
	v := &Console{}
	var err error
	if v.Structure, err = s.survey.Structure(ctx, code); err != nil {
		return nil, err
	}
	if v.Runs, err = s.runs.List(ctx, code); err != nil {
		return nil, err
	}
	if v.Versions, err = s.Versions(ctx, code); err != nil {
		return nil, err
	}
	_, prevPub, prevContent, err := s.Previous(ctx, v.Structure.Campaign)
	if err != nil {
		return nil, err
	}
	v.Compared = comparisonOf(prevPub, prevContent)
	if runID == 0 && len(v.Runs) > 0 {
		runID = v.Runs[0].ID // the latest: the runs are listed already
	}
	if runID == 0 {
		return v, nil
	}
	if v.Run, err = s.runs.Get(ctx, code, runID); err != nil {
		return nil, err
	}
	if v.Status, err = s.Status(ctx, code, v.Run); err != nil {
		return nil, err
	}
	if v.Flags, err = s.Flags(ctx, code, v.Run); err != nil {
		return nil, err
	}
	if v.Units, err = v.Run.UnitResults(); err != nil {
		return nil, err
	}
	before := baselineOf(prevContent)
	v.Changes = map[string]*PreviousUnit{}
	for _, u := range v.Units {
		if p := before.changeOf(u); p != nil {
			v.Changes[u.UnitCode] = p
		}
	}
	return v, nil
}

// UnitView is one unit's full result: what the committee drills down to
// from a run and, once published, what the unit's liaison sees.
type UnitView struct {
	Structure *survey.Structure
	Unit      int // position in the structure
	Run       *results.Run
	Result    scoring.UnitResult
	// Answers are the distribution of answers and the comments of the
	// responses that counted when the run was made (or published).
	Answers  responses.UnitAnswers
	Flags    []string
	Tier     string // published only
	Previous *PreviousUnit
	Compared *Comparison
	// Publication is the version the liaison sees; nil on the console.
	Publication *Publication
	// Stations are the results of the units directly below this one, in
	// campaign order: the drill-down from a department to its stations.
	Stations []scoring.UnitResult
}

// Unit gathers the committee's view of a unit in run runID (0: the latest).
func (s *Store) Unit(ctx context.Context, code, unit string, runID int64) (*UnitView, error) {
	st, err := s.survey.Structure(ctx, code)
	if err != nil {
		return nil, err
	}
	run, err := s.runs.RunOrLatest(ctx, code, runID)
	if err == nil && run == nil {
		err = fault.NotFoundf("campaign %q has no score run yet", code)
	}
	if err != nil {
		return nil, err
	}
	v, err := s.unitView(ctx, st, unit, run, run.CreatedAt)
	if err != nil {
		return nil, err
	}
	report, err := s.Flags(ctx, code, run)
	if err != nil {
		return nil, err
	}
	v.Flags = report.Units[unit]
	_, prevPub, prevContent, err := s.Previous(ctx, st.Campaign)
	if err != nil {
		return nil, err
	}
	v.Compared, v.Previous = comparisonOf(prevPub, prevContent), baselineOf(prevContent).changeOf(v.Result)
	return v, nil
}

// PublishedUnit gathers a unit's view in the campaign's latest
// publication: the numbers of the published run and the answers that
// counted when it was published. Nothing is shown before publication.
func (s *Store) PublishedUnit(ctx context.Context, code, unit string) (*UnitView, error) {
	pub, content, err := s.Get(ctx, code, 0)
	if err != nil {
		return nil, err
	}
	st, err := s.survey.Structure(ctx, code)
	if err != nil {
		return nil, err
	}
	run, err := s.RunOf(ctx, code, pub)
	if err != nil {
		return nil, err
	}
	v, err := s.unitView(ctx, st, unit, run, pub.PublishedAt)
	if err != nil {
		return nil, err
	}
	v.Publication, v.Compared = pub, content.Comparison
	for _, pu := range content.Units {
		if pu.UnitCode == unit {
			v.Tier, v.Previous = pu.Tier, pu.Previous
		}
	}
	return v, nil
}

func (s *Store) unitView(ctx context.Context, st *survey.Structure, unit string, run *results.Run, asOf time.Time) (*UnitView, error) {
	units, err := run.UnitResults()
	if err != nil {
		return nil, err
	}
	pos, ok := st.UnitIndex(unit)
	if !ok {
		return nil, fault.NotFoundf("campaign %q has no unit %q", st.Campaign.Code, unit)
	}
	v := &UnitView{Structure: st, Unit: pos, Run: run}
	for _, u := range units {
		if u.UnitCode == unit {
			v.Result = u
		}
		if u.Parent == unit {
			v.Stations = append(v.Stations, u)
		}
	}
	if v.Answers, err = s.responses.AnswersAbout(ctx, st, pos, asOf); err != nil {
		return nil, err
	}
	return v, nil
}

// PublicView is what the public page of a published version shows.
type PublicView struct {
	Publication *Publication
	Content     *Content
	Versions    []Publication
}

// Public gathers the public page of a version; the caller has checked
// with Head that it exists (and whether the reader's copy is current).
func (s *Store) Public(ctx context.Context, code string, version int) (*PublicView, error) {
	pub, content, err := s.Get(ctx, code, version)
	if err != nil {
		return nil, err
	}
	versions, err := s.Versions(ctx, code)
	if err != nil {
		return nil, err
	}
	return &PublicView{Publication: pub, Content: content, Versions: versions}, nil
}
