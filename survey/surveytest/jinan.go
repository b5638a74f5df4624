package surveytest

import (
	"fmt"
	"iter"
	"math/rand/v2"

	"pingyi/survey"
)

// A Jinan-sized campaign (issue 11, item 5): 128 departments and, under 72
// of them, 3,700 stations and windows (levels 2 and 3), 3,828 units in all;
// 42,000 respondents, the public among them screening for the units they
// dealt with. Everything is derived from fixed seeds: two calls give the
// same campaign and the same answers.
const (
	JinanDepartments     = 128
	JinanParents         = 72 // departments with stations
	JinanStations        = 3700
	JinanUnits           = JinanDepartments + JinanStations
	JinanRespondentCount = 42000
	// JinanPublic of the respondents are the screened public; the rest
	// are deputies and officials, who rate departments.
	JinanPublic = 36000
)

var jinanCategories = []survey.CategoryDef{
	{Code: "enforcement", Name: "执法监管类"}, {Code: "service", Name: "社会服务类"},
	{Code: "economy", Name: "经济管理类"}, {Code: "party", Name: "党群工作类"},
}

// hasStations spreads the 72 departments with stations over the 128: nine
// of every sixteen.
func hasStations(dept int) bool { return dept%16 < 9 }

// JinanDefinition is the campaign: departments D001…D128, stations
// D001-S01…, every sixth of a department's stations a window (level 3)
// under the station before it.
func JinanDefinition() survey.Definition {
	f := func(x float64) *float64 { return &x }
	d := survey.Definition{Code: "jinan-2026", Name: "2026年度济南市社会满意度测评（生成）", Organizer: survey.OrganizerDef{Code: "default", Name: "市社会满意度测评工作领导小组办公室"},
		Year: 2026, Period: "annual", Categories: jinanCategories}
	d.Scale = []survey.OptionDef{
		{Code: "A", Label: "满意", Score: f(100), Satisfied: true}, {Code: "B", Label: "比较满意", Score: f(80), Satisfied: true},
		{Code: "C", Label: "基本满意", Score: f(60), Satisfied: true}, {Code: "D", Label: "不满意", Score: f(0)},
		{Code: "X", Label: "不了解", Excluded: true},
	}
	d.Indicators = []survey.IndicatorDef{
		{Code: "efficiency", Name: "服务效率", Weight: f(1)}, {Code: "attitude", Name: "服务态度", Weight: f(1)},
		{Code: "quality", Name: "服务质量", Weight: f(1)}, {Code: "overall", Name: "总体满意度", Auxiliary: true},
	}
	d.Groups = []survey.GroupDef{
		{Code: "public", Name: "群众、企业及社会组织代表", Weight: f(0.6), Units: &survey.UnitScope{Screen: true}},
		{Code: "deputies", Name: "人大代表、政协委员", Weight: f(0.25), Units: &survey.UnitScope{Levels: []int{1}}},
		{Code: "officials", Name: "党政机关干部", Weight: f(0.15), Units: &survey.UnitScope{Levels: []int{1}}},
	}
	perParent, extra := JinanStations/JinanParents, JinanStations%JinanParents
	parents := 0
	for dept := range JinanDepartments {
		code := fmt.Sprintf("D%03d", dept+1)
		cat := jinanCategories[dept%len(jinanCategories)].Code
		d.Units = append(d.Units, survey.UnitDef{Code: code, Name: fmt.Sprintf("市直部门%03d", dept+1), Category: cat})
		if !hasStations(dept) {
			continue
		}
		n := perParent
		if parents < extra {
			n++
		}
		parents++
		for s := range n {
			parent, name := code, fmt.Sprintf("市直部门%03d第%d站所", dept+1, s+1)
			if s%6 == 5 {
				parent, name = fmt.Sprintf("%s-S%02d", code, s), fmt.Sprintf("市直部门%03d第%d站所服务窗口", dept+1, s)
			}
			d.Units = append(d.Units, survey.UnitDef{Code: fmt.Sprintf("%s-S%02d", code, s+1), Name: name, Category: cat, Parent: &parent})
		}
	}
	return d
}

// JinanRating is one rating, by position in the definition's lists (the
// stored structure keeps their order).
type JinanRating struct{ Unit, Indicator, Option int }

// JinanRespondent is one respondent's form: their group (position) and the
// units they chose or were given, each rated on every indicator.
type JinanRespondent struct {
	Group   int
	Units   []int
	Ratings []JinanRating
}

// JinanRespondents yields the campaign's 42,000 respondents in order: the
// public each chose one department and two to five stations or windows;
// deputies and officials rate ten departments. Each unit has a fixed
// quality, so that indices and ranks differ.
func JinanRespondents(d survey.Definition) iter.Seq[JinanRespondent] {
	var departments, stations []int
	for i, u := range d.Units {
		if u.Parent == nil {
			departments = append(departments, i)
		} else {
			stations = append(stations, i)
		}
	}
	quality := make([]float64, len(d.Units))
	q := rand.New(rand.NewPCG(2026, 11))
	for i := range quality {
		quality[i] = 0.35 + 0.6*q.Float64()
	}
	return func(yield func(JinanRespondent) bool) {
		rng := rand.New(rand.NewPCG(20261121, 3828))
		for i := range JinanRespondentCount {
			r := JinanRespondent{}
			if i < JinanPublic {
				r.Units = append(r.Units, departments[rng.IntN(len(departments))])
				for range 2 + rng.IntN(4) {
					r.Units = appendNew(r.Units, stations[rng.IntN(len(stations))])
				}
			} else {
				r.Group = 1 + (i-JinanPublic)%2
				for range 10 {
					r.Units = appendNew(r.Units, departments[rng.IntN(len(departments))])
				}
			}
			for _, u := range r.Units {
				for ind := range d.Indicators {
					r.Ratings = append(r.Ratings, JinanRating{Unit: u, Indicator: ind, Option: option(rng.Float64(), quality[u])})
				}
			}
			if !yield(r) {
				return
			}
		}
	}
}

// option draws an answer for a unit of quality q (the chance of 满意 or
// 比较满意); one answer in thirty is 不了解.
func option(x, q float64) int {
	switch {
	case x < q*0.6:
		return 0
	case x < q:
		return 1
	case x < q+(1-q)*0.6:
		return 2
	case x < 0.967:
		return 3
	}
	return 4
}

func appendNew(units []int, u int) []int {
	for _, x := range units {
		if x == u {
			return units
		}
	}
	return append(units, u)
}
