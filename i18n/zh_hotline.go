package i18n

// zhHotline translates the messages about the hotline component of a
// campaign definition (SPEC Scoring step 8).
var zhHotline = map[string]string{
	"unknown component %q (the components are survey and hotline)":                  "未知的组成部分 %q（组成部分只有 survey 和 hotline）",
	"a component's weight must be a positive number":                                "组成部分的权重必须是正数",
	"the survey component needs a weight":                                           "满意度调查部分需要权重",
	"components weighs the hotline: give its settings (from, to, rates, min_cases)": "components 中含热线权重：请给出 hotline 设置（from、to、rates、min_cases）",
	"hotline settings are given but components has no hotline weight":               "给出了 hotline 设置，但 components 中没有热线权重",
	"the period must end after it starts (to after from)":                           "期间的结束日期必须晚于开始日期（to 晚于 from）",
	"unknown rate %q (one of response, on_time, resolution, satisfaction, settled)": "未知的比率 %q（应为 response、on_time、resolution、satisfaction、settled 之一）",
	"at least one rate needs a positive weight":                                     "至少一项比率需要正的权重",
	"min_cases is required and must be at least 1":                                  "min_cases 必填，且至少为 1",
	"min_rate_n must be at least 1":                                                 "min_rate_n 至少为 1",
}
