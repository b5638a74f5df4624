package results

import (
	"encoding/json"
	"testing"
	"time"

	"pingyi/scoring"
)

// A run without a hotline component stores exactly the configuration runs
// stored before step 8 existed; one with it adds the moment of its counts.
func TestStoredConfigOfARunWithoutHotlineIsUnchanged(t *testing.T) {
	cfg := scoring.Config{Units: []scoring.Unit{{Code: "U1", Category: "c"}}, Groups: []scoring.Group{{Code: "g", Weight: 1, MinSample: 2}},
		Bootstrap: 10, Seed: 7, TieDecimals: 2}
	before, _ := json.Marshal(cfg)
	now, _ := json.Marshal(storedConfig{Config: cfg})
	if string(before) != string(now) {
		t.Fatalf("stored config changed:\n%s\n%s", before, now)
	}
	at := time.Date(2026, 3, 31, 16, 0, 0, 0, time.UTC)
	cfg.Hotline = &scoring.Hotline{Survey: 0.8, Hotline: 0.2, MinCases: 1, MinRateN: 1, Units: []scoring.HotlineCounts{{Cases: 3}}}
	raw, _ := json.Marshal(storedConfig{Config: cfg, HotlineAsOf: &at})
	h, asOf, err := (&Run{Config: string(raw)}).Hotline()
	if err != nil || h == nil || h.Units[0].Cases != 3 || asOf == nil || !asOf.Equal(at) {
		t.Fatalf("read back: %+v %v %v", h, asOf, err)
	}
}
