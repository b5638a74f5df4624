package demo

import (
	"fmt"

	"pingyi/organizer"
	"pingyi/survey"
)

func ptr[T any](v T) *T { return &v }

// Definition is the demo campaign's definition document.
func Definition() survey.Definition {
	d := survey.Definition{
		Code:        CampaignCode,
		Name:        "2026年度市直单位社会满意度测评（演示数据）",
		Organizer:   survey.OrganizerDef{Code: organizer.Default, Name: "市社会满意度测评工作领导小组办公室"},
		Description: "本测评由市社会满意度测评工作领导小组办公室组织，对市直单位的服务效率、服务态度和服务质量进行评价。答卷匿名，仅用于统计分析。",
		Year:        Year,
		Period:      "annual",
		Scale: []survey.OptionDef{
			{Code: "A", Label: "满意", Score: ptr(100.0), Satisfied: true},
			{Code: "B", Label: "比较满意", Score: ptr(80.0), Satisfied: true},
			{Code: "C", Label: "基本满意", Score: ptr(60.0), Satisfied: true},
			{Code: "D", Label: "不满意", Score: ptr(0.0)},
			{Code: "X", Label: "不了解", Excluded: true},
		},
		Indicators: []survey.IndicatorDef{
			{Code: "efficiency", Name: "服务效率", Weight: ptr(1.0)},
			{Code: "attitude", Name: "服务态度", Weight: ptr(1.0)},
			{Code: "quality", Name: "服务质量", Weight: ptr(1.0)},
			{Code: "overall", Name: "总体满意度", Auxiliary: true},
		},
		Groups: []survey.GroupDef{
			{Code: "public", Name: "群众、企业及社会组织代表", Weight: ptr(0.6), OpenLink: ptr(true)},
			{Code: "deputies", Name: "党代表、人大代表、政协委员", Weight: ptr(0.15)},
			{Code: "officials", Name: "市直机关干部", Weight: ptr(0.1)},
			{Code: "supervisors", Name: "特约监督员、行风评议员", Weight: ptr(0.05)},
			{Code: PhoneGroup, Name: "服务对象（电话回访）", Weight: ptr(0.1), MinSample: ptr(5), Source: survey.SourceDraw},
		},
		Scoring: survey.ScoringDef{MinSample: ptr(30), Bootstrap: ptr(1000), Seed: ptr(uint64(20261121)), TieDecimals: ptr(2)},
	}
	hotlineComponent(&d)
	n := 0
	for _, c := range categories {
		d.Categories = append(d.Categories, survey.CategoryDef{Code: c.code, Name: c.name})
		for _, name := range c.units {
			n++
			d.Units = append(d.Units, survey.UnitDef{Code: fmt.Sprintf("U%03d", n), Name: name, Category: c.code})
		}
	}
	return d
}

// PreviousDefinition is the previous year's campaign of the same series:
// the same units and method, a year earlier, already published, so the
// review console and the public page have a year to compare with.
func PreviousDefinition() survey.Definition {
	d := Definition()
	d.Code, d.Year = PreviousCode, 2025
	d.Name = "2025年度市直单位社会满意度测评（演示数据）"
	d.Scoring.Seed = ptr(uint64(20251121))
	// Last year's phone interviews came from a survey run outside Pingyi,
	// with its own weights.
	d.Groups[len(d.Groups)-1].Source = survey.SourceExternal
	d.Components, d.Hotline = nil, nil // the ledger began in 2026
	return d
}
