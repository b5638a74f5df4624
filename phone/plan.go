package phone

import (
	"context"
	"crypto/rand"
	"errors"
	"math"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/sampling"
	"pingyi/secret"
	"pingyi/survey"
)

// PlanInput is the design of a draw: how many completed interviews, shared
// among units how, with how large an overdraw, released in how many
// replicates, excluding whom.
type PlanInput struct {
	// Design is stratified (by unit, the default) or simple (one simple
	// random sample of the whole frame, no quota per unit).
	Design       string  `json:"design" form:"design"`
	Method       string  `json:"method" form:"method"`       // stratified: equal, proportional or neyman
	Completes    int     `json:"completes" form:"completes"` // completed interviews wanted, in all
	Minimum      int     `json:"minimum" form:"minimum"`     // completes per unit at least (or its whole frame)
	ResponseRate float64 `json:"response_rate" form:"response_rate"`
	Replicates   int     `json:"replicates" form:"replicates"`
	// ContactedMonths excludes numbers that had a call attempt in this many
	// months, in any campaign; 0 excludes none.
	ContactedMonths int `json:"contacted_months" form:"contacted_months"`
	// DefaultSD and SDs are the expected standard deviations of a unit's
	// score, for Neyman allocation: SDs by unit code, DefaultSD for the rest.
	DefaultSD float64            `json:"default_sd" form:"default_sd"`
	SDs       map[string]float64 `json:"sds" form:"-"`
}

var methods = map[string]sampling.Method{"equal": sampling.Equal, "proportional": sampling.Proportional, "neyman": sampling.Neyman}

// ParseSDs reads the SD list of the planning form: one "UNIT SD" per line.
func ParseSDs(text string) (map[string]float64, error) {
	out := map[string]float64{}
	for i, line := range strings.Split(text, "\n") {
		f := strings.Fields(strings.ReplaceAll(line, ",", " "))
		if len(f) == 0 {
			continue
		}
		sd, err := strconv.ParseFloat(f[len(f)-1], 64)
		if len(f) != 2 || err != nil {
			return nil, fault.WithProblems([]fault.Problem{fault.P("sds", "line %d must be a unit code and a number, such as \"U001 12.5\"", i+1)},
				"the standard deviations cannot be read")
		}
		out[f[0]] = sd
	}
	return out, nil
}

func (in PlanInput) check(st *survey.Structure) []fault.Problem {
	var problems []fault.Problem
	if in.Design != Stratified && in.Design != Simple {
		problems = append(problems, fault.P("design", "the design must be stratified or simple"))
	}
	if _, ok := methods[in.Method]; !ok && in.Design != Simple {
		problems = append(problems, fault.P("method", "the allocation method must be equal, proportional or neyman"))
	}
	if in.Completes < 1 {
		problems = append(problems, fault.P("completes", "the number of completed interviews must be at least 1"))
	}
	if in.Minimum < 0 {
		problems = append(problems, fault.P("minimum", "the minimum per unit must not be negative"))
	}
	if !(in.ResponseRate > 0 && in.ResponseRate <= 1) {
		problems = append(problems, fault.P("response_rate", "the expected response rate must be above 0 and at most 1"))
	}
	if in.Replicates < 1 || in.Replicates > 20 {
		problems = append(problems, fault.P("replicates", "the number of replicates must be between %d and %d", 1, 20))
	}
	if in.ContactedMonths < 0 || in.ContactedMonths > 60 {
		problems = append(problems, fault.P("contacted_months", "the months of the contacted exclusion must be between %d and %d", 0, 60))
	}
	if !(in.DefaultSD >= 0) || math.IsInf(in.DefaultSD, 0) {
		problems = append(problems, fault.P("default_sd", "a standard deviation must be a number, 0 or more"))
	}
	for unit, sd := range in.SDs {
		if _, ok := st.UnitIndex(unit); !ok {
			problems = append(problems, fault.P("sds."+unit, "unknown unit %q", unit))
		} else if !(sd >= 0) || math.IsInf(sd, 0) {
			problems = append(problems, fault.P("sds."+unit, "a standard deviation must be a number, 0 or more"))
		}
	}
	return problems
}

// Plan freezes the campaign's frame and fixes a draw on it: numbers on the
// do-not-call list or called in the last ContactedMonths months leave the
// frame, the frozen frame is digested, the quotas (completes per unit) are
// allocated and overdrawn by the response rate into the cases to draw, and
// a fresh seed is committed to. The seed is stored sealed; only its
// commitment is shown until the draw is executed.
func (s *Store) Plan(ctx context.Context, code string, in PlanInput, actor audit.Actor) (Draw, error) {
	if in.Design == "" {
		in.Design = Stratified
	}
	if in.Design == Simple {
		// One stratum: no allocation among units to choose.
		in.Method, in.Minimum, in.SDs, in.DefaultSD = Simple, 0, nil, 0
	}
	st, err := s.survey.Structure(ctx, code)
	if err != nil {
		return Draw{}, err
	}
	if problems := in.check(st); len(problems) > 0 {
		return Draw{}, fault.WithProblems(problems, "the draw plan has %d problems", len(problems))
	}
	if st.Campaign.Status != survey.Draft && st.Campaign.Status != survey.Open {
		return Draw{}, fault.Conflictf("campaign %q is %s: no draw can be planned", code, st.Campaign.Status)
	}
	seed, err := sampling.NewSeed(rand.Reader)
	if err != nil {
		return Draw{}, err
	}
	var d Draw
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		f, found, err := s.frameOf(s.forUpdate(tx), st.Campaign.ID)
		switch {
		case err != nil:
			return err
		case !found || f.Entries == 0:
			return fault.Conflictf("campaign %q has no contacts to draw from: import the units' contact lists first", code)
		case f.FrozenAt != nil:
			return fault.Conflictf("campaign %q already has a draw", code)
		}
		dnc, contacted, err := s.exclude(tx, f, in.ContactedMonths)
		if err != nil {
			return err
		}
		dig := sampling.NewFrameDigester()
		for e, err := range drawFrame(tx, f.ID, in.Design) {
			if err != nil {
				return err
			}
			if err := dig.Add(e); err != nil {
				return err
			}
		}
		sum := dig.Sum()
		if sum.Entries == 0 {
			return fault.Conflictf("every contact of campaign %q was excluded: nobody is left to call", code)
		}
		strata, err := allocate(in, sum)
		if err != nil {
			return err
		}
		now := s.db.Now()
		d = Draw{CampaignID: st.Campaign.ID, FrameID: f.ID, Status: Planned, Design: in.Design, Method: in.Method,
			Completes: in.Completes, Minimum: in.Minimum, ResponseRate: in.ResponseRate, Replicates: in.Replicates,
			ContactedMonths: in.ContactedMonths, ExcludedDNC: dnc, ExcludedContacted: contacted,
			FrameDigest: sum.Digest, FrameEntries: sum.Entries, Commitment: sampling.SeedCommitment(seed),
			SeedSealed: s.keys.Seal(secret.Draw, seed[:]), PlannedBy: actor.Login, PlannedAt: now}
		if err := tx.Model(&f).Updates(map[string]any{"frozen_at": now, "entries": sum.Entries}).Error; err != nil {
			return err
		}
		if err := tx.Create(&d).Error; err != nil {
			return err
		}
		for i := range strata {
			strata[i].DrawID = d.ID
		}
		if err := tx.CreateInBatches(strata, s.insertBatch(10)).Error; err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "phone.draw.plan", Object: "campaign:" + code,
			Detail: map[string]any{"draw": d.ID, "design": d.Design, "method": d.Method, "completes": d.Completes, "minimum": d.Minimum,
				"response_rate": d.ResponseRate, "replicates": d.Replicates, "contacted_months": d.ContactedMonths,
				"excluded_do_not_call": dnc, "excluded_contacted": contacted, "frame_digest": d.FrameDigest,
				"frame_entries": d.FrameEntries, "commitment": d.Commitment}})
	})
	return d, err
}

// allocate shares the completes among the frame's strata and overdraws
// each stratum's quota by the response rate, up to the stratum's size.
func allocate(in PlanInput, sum sampling.FrameSummary) ([]Stratum, error) {
	keys := make([]sampling.Stratum, 0, len(sum.Sizes))
	for k, n := range sum.Sizes {
		sd := in.DefaultSD
		if v, ok := in.SDs[k]; ok {
			sd = v
		}
		keys = append(keys, sampling.Stratum{Key: k, N: n, SD: sd})
	}
	method, ok := methods[in.Method]
	if !ok {
		method = sampling.Equal // a simple random draw: one stratum takes all
	}
	quota, err := sampling.Allocate(keys, in.Completes, method, in.Minimum)
	if err != nil {
		return nil, allocationError(err, in, sum)
	}
	out := make([]Stratum, 0, len(keys))
	for _, k := range keys {
		drawn, err := sampling.Overdraw(quota[k.Key], in.ResponseRate)
		if err != nil {
			return nil, allocationError(err, in, sum)
		}
		drawn = min(drawn, k.N)
		batch := 0
		if drawn > 0 {
			batch = (drawn + in.Replicates - 1) / in.Replicates
		}
		st := Stratum{Stratum: k.Key, FrameSize: k.N, Quota: quota[k.Key], Drawn: drawn, BatchSize: batch}
		if in.Method == "neyman" {
			sd := k.SD
			st.SD = &sd
		}
		out = append(out, st)
	}
	return out, nil
}

// allocationError says in the planner's terms why sampling refused.
func allocationError(err error, in PlanInput, sum sampling.FrameSummary) error {
	switch {
	case errors.Is(err, sampling.ErrSampleTooLarge):
		return fault.Invalidf("the frame holds %d contacts, fewer than the %d completed interviews wanted", sum.Entries, in.Completes)
	case errors.Is(err, sampling.ErrBelowMinimum):
		return fault.Invalidf("%d completed interviews cannot give every one of the %d units its minimum of %d", in.Completes, len(sum.Sizes), in.Minimum)
	case errors.Is(err, sampling.ErrNoVariance):
		return fault.Invalidf("Neyman allocation needs an expected standard deviation above 0 for at least one unit")
	}
	return fault.Invalidf("the allocation cannot be computed from these inputs")
}
