package scoring

import (
	"strconv"
	"strings"
	"testing"
)

// stationsConfig: department D with stations S1, S2 and S3 below it, and
// department E beside it, all in one category; one main indicator scored
// 100 or 0, and two groups, min_sample 2.
func stationsConfig() Config {
	return Config{
		Units: []Unit{
			{Code: "D", Category: "c"}, {Code: "S1", Category: "c", Parent: "D"},
			{Code: "S2", Category: "c", Parent: "D", Level: 2}, {Code: "S3", Category: "c", Parent: "D"},
			{Code: "E", Category: "c"},
		},
		Indicators:  []Indicator{{Code: "i", Weight: 1}},
		Options:     []Option{{Code: "A", Score: 100, Satisfied: true}, {Code: "Z", Score: 0}},
		Groups:      []Group{{Code: "public", Weight: 1, MinSample: 2}, {Code: "experts", Weight: 1, MinSample: 2}},
		Bootstrap:   50,
		Seed:        11,
		TieDecimals: 2,
	}
}

const (
	unitD, unitS1, unitS2, unitS3, unitE = 0, 1, 2, 3, 4
	publicG, expertsG                    = 0, 1
	optHigh, optLow                      = 0, 1
)

// stationsResponses: D scores 100 (3 public), S1 0 (2 public), S2 100 (4
// public, and 1 expert below min_sample), S3 has 1 response and no index,
// E 50 (2 public: one 100, one 0).
func stationsResponses() []Response {
	var rs []Response
	add := func(group, unit, opt, times int) {
		for range times {
			rs = append(rs, Response{Ref: string(rune('a'+len(rs))) + "r", Group: group, Weight: 1,
				Ratings: []Rating{{Unit: unit, Indicator: 0, Option: opt}}})
		}
	}
	add(publicG, unitD, optHigh, 3)
	add(publicG, unitS1, optLow, 2)
	add(publicG, unitS2, optHigh, 4)
	add(expertsG, unitS2, optHigh, 1)
	add(publicG, unitS3, optHigh, 1)
	add(publicG, unitE, optHigh, 1)
	add(publicG, unitE, optLow, 1)
	return rs
}

// TestDepartmentsAndStationsAreRankedApart: a department scoring 100 and
// its station scoring 0 are not ranked against each other: departments
// rank among departments, stations among stations, in the point estimate
// and in every replicate.
func TestDepartmentsAndStationsAreRankedApart(t *testing.T) {
	res := mustRun(t, stationsConfig(), stationsResponses())
	want := []struct {
		code   string
		index  float64
		rank   int
		parent string
		level  int
	}{
		{"D", 100, 1, "", 0}, {"S1", 0, 2, "D", 2}, {"S2", 100, 1, "D", 2}, {"S3", -1, 0, "D", 2}, {"E", 50, 2, "", 0},
	}
	for u, w := range want {
		got := res.Units[u]
		if got.UnitCode != w.code || got.Parent != w.parent || got.Level != w.level {
			t.Errorf("unit %d: %s parent %q level %d, want %s parent %q level %d", u, got.UnitCode, got.Parent, got.Level, w.code, w.parent, w.level)
		}
		if w.rank == 0 {
			if got.Index != nil || got.Rank != nil {
				t.Errorf("%s: index %v rank %v, want none", w.code, got.Index, got.Rank)
			}
			continue
		}
		if got.Index == nil || *got.Index != w.index || *got.Rank != w.rank {
			t.Errorf("%s: index %v rank %v, want %v and %d", w.code, showIndex(got.Index), showRank(got.Rank), w.index, w.rank)
			continue
		}
		// Ranked among all five, a unit could place up to fifth in a
		// replicate; among its peers, no lower than their number (two
		// departments, three stations: S3 gains an index in a replicate
		// that draws its one response twice).
		peers := 2
		if w.level == 2 {
			peers = 3
		}
		if got.RankLow == nil || *got.RankLow < 1 || *got.RankHigh > peers {
			t.Errorf("%s: rank interval %s–%s, want within 1–%d", w.code, showRank(got.RankLow), showRank(got.RankHigh), peers)
		}
	}
}

// TestStationsSummaryByHand: D's stations are S1 (0, n 2), S2 (100, n 4 + 1
// expert below min_sample) and S3 (no index): count 3, with_index 2, mean
// (0·2 + 100·5)/7, min 0. E and the stations have none below them.
func TestStationsSummaryByHand(t *testing.T) {
	res := mustRun(t, stationsConfig(), stationsResponses())
	s := res.Units[unitD].Stations
	if s == nil {
		t.Fatal("D reports no stations summary")
	}
	if s.Count != 3 || s.WithIndex != 2 || s.Mean == nil || *s.Mean != 500.0/7 || s.Min == nil || *s.Min != 0 {
		t.Errorf("D's stations: %d, %d with index, mean %s, min %s; want 3, 2, %v, 0", s.Count, s.WithIndex, showIndex(s.Mean), showIndex(s.Min), 500.0/7)
	}
	for _, u := range []int{unitS1, unitS2, unitS3, unitE} {
		if res.Units[u].Stations != nil {
			t.Errorf("%s reports a stations summary but has nothing below it", res.Units[u].UnitCode)
		}
	}
}

// TestStationsNeverChangeTheirDepartment: D's numbers are the same whether
// its stations are there or not.
func TestStationsNeverChangeTheirDepartment(t *testing.T) {
	with := mustRun(t, stationsConfig(), stationsResponses())
	cfg := stationsConfig()
	cfg.Units = []Unit{cfg.Units[unitD], cfg.Units[unitE]}
	var alone []Response
	for _, r := range stationsResponses() {
		switch r.Ratings[0].Unit {
		case unitD:
			alone = append(alone, r)
		case unitE:
			r.Ratings = []Rating{{Unit: 1, Indicator: 0, Option: r.Ratings[0].Option}}
			alone = append(alone, r)
		}
	}
	without := mustRun(t, cfg, alone)
	d, a := with.Units[unitD], without.Units[0]
	if *d.Index != *a.Index || *d.SE != *a.SE || *d.Rank != *a.Rank || *d.SatisfactionRate != *a.SatisfactionRate {
		t.Errorf("D with stations: index %v se %v rank %d; alone: %v %v %d", *d.Index, *d.SE, *d.Rank, *a.Index, *a.SE, *a.Rank)
	}
}

// TestLevelsAreChecked: a parent that is no unit, a cycle, and a stated
// level its parents contradict are each refused, naming the unit.
func TestLevelsAreChecked(t *testing.T) {
	for _, tc := range []struct {
		name  string
		units []Unit
		want  string
	}{
		{"unknown parent", []Unit{{Code: "A", Category: "c", Parent: "Q"}}, `unit "A": parent "Q" is not another unit`},
		{"own parent", []Unit{{Code: "A", Category: "c", Parent: "A"}}, `unit "A": parent "A" is not another unit`},
		{"cycle", []Unit{{Code: "A", Category: "c", Parent: "B"}, {Code: "B", Category: "c", Parent: "A"}}, `unit "A": its parents form a cycle`},
		{"wrong level", []Unit{{Code: "A", Category: "c"}, {Code: "B", Category: "c", Parent: "A", Level: 3}}, `unit "B": level 3, but its parents put it at level 2`},
		{"department above level 1", []Unit{{Code: "A", Category: "c", Level: 2}}, `unit "A": level 2, but its parents put it at level 1`},
	} {
		cfg := tinyConfig()
		cfg.Units = tc.units
		_, err := Run(cfg, sliceSeq(nil))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to say %q", tc.name, err, tc.want)
		}
	}
}

// TestParentsEnterTheDigest: the same responses under a flat register and
// under one with stations digest differently (the levels decide the
// ranks), while a flat register's digest has no parents block at all.
func TestParentsEnterTheDigest(t *testing.T) {
	cfg := stationsConfig()
	withParents, err := InputDigest(cfg, sliceSeq(stationsResponses()))
	if err != nil {
		t.Fatal(err)
	}
	for u := range cfg.Units {
		cfg.Units[u].Parent, cfg.Units[u].Level = "", 0
	}
	flat, err := InputDigest(cfg, sliceSeq(stationsResponses()))
	if err != nil {
		t.Fatal(err)
	}
	if withParents == flat {
		t.Error("the input digest does not change when units move below others")
	}
}

func showRank(x *int) string {
	if x == nil {
		return "null"
	}
	return strconv.Itoa(*x)
}

func showIndex(x *float64) string {
	if x == nil {
		return "null"
	}
	return strconv.FormatFloat(*x, 'g', -1, 64)
}

// TestWriteTableNestsStations: in the terminal table each station follows
// its department, indented, stations in the order of their own ranks, and
// a summary line closes them; the other department follows.
func TestWriteTableNestsStations(t *testing.T) {
	res := mustRun(t, stationsConfig(), stationsResponses())
	var buf strings.Builder
	names := map[string]string{"c": "执法监管类", "D": "市公安局", "S1": "城东派出所", "S2": "城西派出所", "S3": "城南派出所", "E": "市税务局"}
	if err := WriteTable(&buf, res, names); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
	want := []string{"执法监管类", "  排名", "  1  市公安局", "    1  └ 城西派出所", "    2  └ 城东派出所", "    -  └ 城南派出所",
		"    站所 3 个，2 个有指数  均 71.43  最低 0.00", "  2  市税务局"}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), buf.String())
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) && !strings.HasPrefix(strings.Join(strings.Fields(lines[i]), " "), strings.Join(strings.Fields(w), " ")) {
			t.Errorf("line %d is %q, want it to begin %q", i, lines[i], w)
		}
	}
}
