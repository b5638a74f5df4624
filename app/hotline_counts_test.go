package app_test

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/scoring"
	"pingyi/survey"
)

// A score run of a campaign whose index weighs the hotline takes the
// ledger's counts through app, as of the end of the hotline's period, and
// gives the composite computed by hand (apptest.HotlineCampaign); the run
// keeps the counts, and its digest covers them.
func TestScoreRunWeighsTheLedgerByHand(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.HotlineCampaign()
		ctx := context.Background()
		run, res, err := h.App.Results.Create(ctx, "2026-annual", audit.Actor{Login: "cli"})
		if err != nil {
			t.Fatal(err)
		}
		byCode := map[string]scoring.UnitResult{}
		for _, u := range res.Units {
			byCode[u.UnitCode] = u
		}
		near := func(p *float64, want float64) bool { return p != nil && math.Abs(*p-want) < 1e-9 }
		rates := func(c *scoring.Components) [5][2]int {
			var out [5][2]int
			for k, code := range scoring.RateCodes {
				out[k] = [2]int{c.Hotline.Rates[code].Numerator, c.Hotline.Rates[code].Denominator}
			}
			return out
		}
		u := byCode["U001"]
		if c := u.Components; c == nil || c.Hotline.Cases != 5 || rates(c) != [5][2]int{{4, 5}, {3, 5}, {3, 4}, {2, 3}, {0, 0}} ||
			!near(c.Hotline.Score, 68.5) || !near(c.Survey.Index, 100) || !near(u.Index, 93.7) {
			t.Errorf("U001: index %v, components %+v", u.Index, u.Components)
		}
		s := byCode["U001-1"]
		if c := s.Components; c == nil || c.Hotline.Cases != 3 || rates(c) != [5][2]int{{3, 3}, {2, 3}, {2, 2}, {1, 1}, {0, 0}} ||
			!near(c.Hotline.Score, 600.0/7) || c.Hotline.Rates["satisfaction"].Counted || !near(s.Index, 64+120.0/7) {
			t.Errorf("U001-1: index %v, components %+v", s.Index, s.Components)
		}
		e := byCode["U002"]
		if c := e.Components; c == nil || c.Hotline.Cases != 2 || c.Hotline.Score != nil || !near(e.Index, 80) ||
			!slices.Contains(e.Flags, scoring.FlagNoHotline) {
			t.Errorf("U002: index %v, flags %v, components %+v", e.Index, e.Flags, e.Components)
		}
		// The run keeps the counts as of 1 April (the period's end, before the run).
		hot, asOf, err := run.Hotline()
		if err != nil || hot == nil || hot.Units[0].Cases != 5 || asOf == nil || !asOf.Equal(time.Date(2026, 3, 31, 16, 0, 0, 0, time.UTC)) {
			t.Fatalf("stored hotline: %+v as of %v, %v", hot, asOf, err)
		}
		// The digest covers the counts: a run over other counts has another digest.
		cfg, err := run.ScoringConfig(mustStructure(t, h))
		if err != nil {
			t.Fatal(err)
		}
		again, err := scoring.InputDigest(cfg, h.App.Responses.CountedResponses(ctx, mustStructure(t, h), new(int)))
		if err != nil || again != run.InputDigest {
			t.Fatalf("the stored configuration does not reproduce the digest: %v", err)
		}
		cfg.Hotline.Units[0].Rates[0].Num--
		other, _ := scoring.InputDigest(cfg, h.App.Responses.CountedResponses(ctx, mustStructure(t, h), new(int)))
		if other == run.InputDigest {
			t.Error("the input digest does not cover the appeal counts")
		}
	})
}

func mustStructure(t *testing.T, h *apptest.Harness) *survey.Structure {
	t.Helper()
	st, err := h.App.Survey.Structure(context.Background(), "2026-annual")
	if err != nil {
		t.Fatal(err)
	}
	return st
}
