package review

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"pingyi/responses"
	"pingyi/scoring"
)

// flagWorld builds counted responses for Detect: 12 units in one
// category, three main indicators, SPEC's scale (A 100, B 80, C 60, D 0,
// X 不了解).
type flagWorld struct {
	t     *testing.T
	cfg   scoring.Config
	facts []responses.Facts
	at    time.Time
}

const (
	optA, optB, optC, optD, optX = 0, 1, 2, 3, 4
)

func newFlagWorld(t *testing.T) *flagWorld {
	cfg := scoring.Config{
		Indicators: []scoring.Indicator{{Code: "i1", Weight: 1}, {Code: "i2", Weight: 1}, {Code: "i3", Weight: 1}},
		Options: []scoring.Option{{Code: "A", Score: 100, Satisfied: true}, {Code: "B", Score: 80, Satisfied: true},
			{Code: "C", Score: 60, Satisfied: true}, {Code: "D", Score: 0}, {Code: "X", Excluded: true}},
		Groups: []scoring.Group{{Code: "public", Weight: 1, MinSample: 1}},
	}
	for u := range 12 {
		cfg.Units = append(cfg.Units, scoring.Unit{Code: fmt.Sprintf("U%02d", u), Category: "c"})
	}
	return &flagWorld{t: t, cfg: cfg, at: time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)}
}

// add stores a form; options[u] is its option for unit u on every
// indicator, -1 for a unit left out.
func (w *flagWorld) add(ref, device, ip string, channel responses.Channel, at time.Time, seconds int, options []int) {
	var ratings []responses.Rating
	for u, o := range options {
		if o < 0 {
			continue
		}
		for i := range 3 {
			ratings = append(ratings, responses.Rating{Unit: u, Indicator: i, Option: o})
		}
	}
	answers, err := responses.EncodeAnswers(ratings, 3)
	if err != nil {
		w.t.Fatal(err)
	}
	f := responses.Facts{ID: int64(len(w.facts) + 1), Ref: ref, Channel: channel, SubmittedAt: at, DeviceHash: device, IPHash: ip, Answers: answers}
	if seconds > 0 {
		started := at.Add(-time.Duration(seconds) * time.Second)
		f.StartedAt = &started
	}
	w.facts = append(w.facts, f)
}

// ordinary adds n honest forms two hours apart, each on its own device,
// rating every unit with a varied mix of A, B, C and X around 75.
func (w *flagWorld) ordinary(n int) {
	x := uint32(12345)
	for i := range n {
		opts := make([]int, 12)
		for u := range opts {
			x = x*1103515245 + 12345
			opts[u] = []int{optB, optC, optB, optC, optX, optA, optC}[(x>>16)%7]
		}
		w.add(fmt.Sprintf("N%03d", i), fmt.Sprintf("dev-%d", i), fmt.Sprintf("ip-%d", i%7), responses.Web, w.at.Add(time.Duration(i)*2*time.Hour), 600, opts)
	}
}

// only returns options rating just unit u with o.
func only(u, o int) []int {
	opts := slices.Repeat([]int{-1}, 12)
	opts[u] = o
	return opts
}

func TestBurstFromOneDeviceIsFlaggedWithItsEvidence(t *testing.T) {
	w := newFlagWorld(t)
	w.ordinary(60)
	burstAt := w.at.Add(50 * time.Hour).Add(7 * time.Minute)
	for i := range 10 { // exactly k = 10 forms, the last exactly t = 30 minutes after the first
		w.add(fmt.Sprintf("B%02d", i), "dev-burst", "ip-burst", responses.Web, burstAt.Add(time.Duration(i)*200*time.Second), 300, only(3, optA))
	}
	for i := range 9 { // one form short of a burst
		w.add(fmt.Sprintf("S%02d", i), "dev-short", "ip-short", responses.Web, burstAt.Add(time.Duration(i)*time.Minute), 300, only(5, optA))
	}
	for i := range 12 { // a burst that rates as everyone does: no gap, no flag
		w.add(fmt.Sprintf("H%02d", i), "dev-office", "ip-office", responses.Web, burstAt.Add(time.Duration(i)*time.Minute), 300, only(6, optC))
	}
	for i := range 12 { // kinder on average, but all over the scale: a gap, but within chance
		w.add(fmt.Sprintf("K%02d", i), "dev-kiosk", "ip-kiosk", responses.Web, burstAt.Add(time.Duration(i)*time.Minute), 300, only(9, []int{optA, optA, optA, optA, optA, optD}[i%6]))
	}
	th := DefaultSettings().Flags
	det, err := Detect(w.cfg, w.facts, th)
	if err != nil {
		t.Fatal(err)
	}
	if len(det.Bursts) != 1 {
		t.Fatalf("%d bursts, want 1: %+v", len(det.Bursts), det.Bursts)
	}
	b := det.Bursts[0]
	if b.UnitCode != "U03" || len(b.Refs) != 10 || b.Forms != 10 || b.Mean != 100 || b.Others != 51 || !b.To.Equal(b.From.Add(30*time.Minute)) {
		t.Fatalf("burst evidence: %+v", b)
	}
	if len(b.Sources) != 2 || b.Sources[0].Kind != "device" || b.Sources[1].Kind != "ip" || b.Sources[0].Key != "dev-burst" {
		t.Fatalf("sources %+v, want device and ip merged", b.Sources)
	}
	if b.Gap < th.BurstGap || b.Gap != b.Mean-b.OthersMean || b.Batch != batchLabel("burst", b.Refs) {
		t.Fatalf("gap %v, mean %v, others %v, batch %s", b.Gap, b.Mean, b.OthersMean, b.Batch)
	}

	// Without the test of chance, the kiosk's kinder but scattered forms
	// would be flagged too.
	loose := th
	loose.BurstT = 0
	if det, _ := Detect(w.cfg, w.facts, loose); len(det.Bursts) != 2 || det.Bursts[1].UnitCode != "U09" || det.Bursts[1].T >= th.BurstT {
		t.Fatalf("without t: %+v", det.Bursts)
	}

	// Stretch the burst past t: two windows of fewer than k forms each.
	for i := range 10 {
		w.facts[60+i].SubmittedAt = burstAt.Add(time.Duration(i) * 201 * time.Second)
	}
	if det, _ = Detect(w.cfg, w.facts, th); len(det.Bursts) != 0 {
		t.Fatalf("forms spread over more than t minutes flagged: %+v", det.Bursts)
	}
}

func TestManyFormsAboutOneUnitInAShortWindowAreFlagged(t *testing.T) {
	w := newFlagWorld(t)
	w.ordinary(60)
	at := w.at.Add(30*time.Hour + 17*time.Minute)
	for i := range 30 { // thirty phones in twenty minutes, all 满意 for U07
		w.add(fmt.Sprintf("W%02d", i), fmt.Sprintf("phone-%d", i), fmt.Sprintf("ip-w%d", i), responses.Web, at.Add(time.Duration(i)*40*time.Second), 400, only(7, optA))
	}
	for i := range 40 { // a paper import stamps forms with one time: not a burst
		w.add(fmt.Sprintf("P%02d", i), "", "", responses.Paper, at, 0, only(8, optA))
	}
	det, err := Detect(w.cfg, w.facts, DefaultSettings().Flags)
	if err != nil {
		t.Fatal(err)
	}
	if len(det.Bursts) != 1 || det.Bursts[0].UnitCode != "U07" || det.Bursts[0].Sources[0].Kind != "time" || len(det.Bursts[0].Refs) != 30 {
		t.Fatalf("bursts %+v, want U07's thirty forms by time", det.Bursts)
	}
}

func TestIdenticalStraightAndFastForms(t *testing.T) {
	w := newFlagWorld(t)
	w.ordinary(20)
	copyOf := []int{optA, optB, optC, optA, optB, optC, optX, optX, optA, optA, optB, optD} // 10 units × 3 = 30 valid cells
	for i := range 3 {
		w.add(fmt.Sprintf("I%d", i), fmt.Sprintf("d-i%d", i), "", responses.Web, w.at.Add(time.Duration(i)*time.Hour), 500, copyOf)
	}
	for i := range 5 { // identical, but one unit: 3 cells, as honest short forms are
		w.add(fmt.Sprintf("J%d", i), "", "", responses.Phone, w.at.Add(time.Duration(i)*time.Hour), 0, only(2, optA))
	}
	all := slices.Repeat([]int{optB}, 12)
	all[4] = optX // 不了解 is not an answer that breaks the line
	w.add("L1", "", "", responses.Paper, w.at, 0, all)
	nine := slices.Repeat([]int{optB}, 12)
	nine[0], nine[1], nine[2] = -1, -1, -1
	w.add("L2", "", "", responses.Paper, w.at, 0, nine) // 9 units: below StraightUnits
	w.add("F1", "d-f1", "", responses.Web, w.at, 89, only(1, optC))
	w.add("F2", "d-f2", "", responses.Web, w.at, 90, only(1, optC))

	det, err := Detect(w.cfg, w.facts, DefaultSettings().Flags)
	if err != nil {
		t.Fatal(err)
	}
	if len(det.Identical) != 1 || !slices.Equal(det.Identical[0].Refs, []string{"I0", "I1", "I2"}) || det.Identical[0].Cells != 30 || det.Identical[0].Units != 10 {
		t.Fatalf("identical: %+v", det.Identical)
	}
	if len(det.Straight) != 1 || det.Straight[0].Ref != "L1" || det.Straight[0].Option != "B" || det.Straight[0].Units != 11 {
		t.Fatalf("straight-lining: %+v", det.Straight)
	}
	if len(det.Fast) != 1 || det.Fast[0].Ref != "F1" || det.Fast[0].Seconds != 89 {
		t.Fatalf("fast: %+v", det.Fast)
	}
	if det.Checked != len(w.facts) || len(det.Bursts) != 0 {
		t.Fatalf("checked %d, bursts %+v", det.Checked, det.Bursts)
	}
}

func TestUnitFlagsFromTheRun(t *testing.T) {
	x := func(v float64) *float64 { return &v }
	th := DefaultSettings().Flags
	wide := scoring.UnitResult{Flags: []string{}, CILow: x(70), CIHigh: x(80.01)}
	narrow := scoring.UnitResult{Flags: []string{}, CILow: x(70), CIHigh: x(80)}
	none := scoring.UnitResult{Flags: []string{scoring.FlagInsufficientSample}}
	if got := UnitFlags(wide, th); !slices.Equal(got, []string{FlagWideInterval}) {
		t.Errorf("wide: %v", got)
	}
	if got := UnitFlags(narrow, th); len(got) != 0 {
		t.Errorf("exactly the threshold is not wide: %v", got)
	}
	if got := UnitFlags(none, th); !slices.Equal(got, []string{FlagInsufficientSample}) {
		t.Errorf("insufficient: %v", got)
	}
}
