package i18n

// zhScope: who rates what (issue 11, item 2): a group's units, invitation
// batches narrowed to units, the screened form.
var zhScope = map[string]string{
	// The definition.
	`units must be "screen", {"levels": [1]} or {"list": ["U001"]}`: `units 必须为 "screen"、{"levels": [1]} 或 {"list": ["U001"]}`,
	"the group's units name no unit":                                "该群体的测评单位范围未列出任何单位",
	"no unit of the campaign is at level %d":                        "本次测评没有第 %d 级的单位",
	"unit %q is listed twice (first at %s.list[%d])":                "单位 %q 重复列出（首次在 %s.list[%d]）",
	// Refusals at submission, import and batch creation.
	"unit %q is not among the units group %q rates":                  "单位 %q 不在群体 %q 的测评范围内",
	"unit %q is not among the units this respondent was asked about": "单位 %q 不在该答卷人被询问的单位之内",
	"unit %q is not among the units this form asks about":            "单位 %q 不在本问卷询问的单位之内",
	"tick at least one unit you dealt with in the last year":         "请至少勾选一个近一年内打过交道的单位",
	// The screening page.
	"Which units did you deal with?": "您近一年与哪些单位打过交道？",
	"Tick the units you dealt with in the last year (%d in all): the form then asks only about those.": "请勾选近一年内您打过交道的单位（共 %d 个）：问卷只询问您勾选的单位。",
	"Chosen so far:":      "已勾选：",
	"Find a unit by name": "按名称查找单位",
	"Search":              "查找",
	"Continue":            "继续",
	"Units matching %q":   "名称含 %q 的单位",
	"No unit matches.":    "没有匹配的单位。",
	"%d more units match: type more of the name.":                                "另有 %d 个单位匹配：请输入更完整的名称。",
	"Show its %d stations":                                                       "显示其下属 %d 个站所",
	"the units you dealt with in the last year, which you choose first among %d": "您近一年打过交道的单位，先从 %d 个单位中勾选",
	"Change the units you chose":                                                 "修改所选单位",
	// Invitation batches.
	"Only these units (optional)": "仅限这些单位（可选）",
	"Unit codes, separated by spaces or commas: a station's service users rate that station. Empty: all of the group's units.": "单位代码，以空格或逗号分隔：例如让某站所的服务对象只评价该站所。留空：该群体的全部单位。",
}
