package i18n

// zhHotlineIndex translates the messages of score runs with a hotline
// component (SPEC Scoring step 8) and what the pages show of it: the two
// parts of the index and the rates behind them.
var zhHotlineIndex = map[string]string{
	"Official holidays are never calling days; adjusted working days (调休上班) are when Monday to Friday all are.": "法定节假日不拨打；周一至周五均为拨打日时，调休上班日也拨打。",
	"campaign %q weighs the hotline, and this installation has no appeals ledger to count it from":              "测评 %q 计入热线得分，但本系统没有可供统计的诉求台账",
	"run %d has appeal counts for %d units, the campaign has %d":                                                "第 %d 次计分有 %d 个单位的诉求件数，而测评有 %d 个单位",
	"Survey index":       "测评指数",
	"Hotline score":      "热线得分",
	"Survey and hotline": "测评与热线",
	"The index combines the survey index and the hotline score of the appeal cases the unit handled.": "指数由满意度测评指数与该单位所办诉求的热线得分综合而成。",
	"This unit has too few appeal cases for a hotline score: it is judged by its survey alone.":       "该单位诉求件数不足，无热线得分，仅按测评指数评价。",
	"weight %s":       "权重 %s",
	"%d appeal cases": "诉求 %d 件",
	"Appeal rate":     "诉求办理指标",
	"Rate":            "比率",
	"Cases counted":   "件数",
	"Each unit's index combines its survey index (weight %s) with its hotline score (weight %s): 100 times the weighted mean of the rates of the appeal cases it and its stations handled in the period, over the rates with at least %d cases behind them. A unit with fewer than %d cases is judged by its survey alone. The counts are published in appeals.csv.": "各单位的指数由测评指数（权重 %s）与热线得分（权重 %s）综合而成：热线得分为该单位及其下属站所在期间内所办诉求各项比率的加权平均乘以 100，只计入件数不少于 %d 的比率。诉求少于 %d 件的单位仅按测评指数评价。各项件数公布于 appeals.csv。",
}

// zhHotlineKeys and enHotlineKeys name the appeal rates and the flag of a
// unit without a hotline score.
var zhHotlineKeys = map[string]string{
	"hotline_rate:response": "响应率", "hotline_rate:on_time": "按期办结率", "hotline_rate:resolution": "解决率",
	"hotline_rate:satisfaction": "满意率", "hotline_rate:settled": "息诉息访率",
	"flag:no_hotline": "无热线得分",
}

var enHotlineKeys = map[string]string{
	"hotline_rate:response": "Response", "hotline_rate:on_time": "Replied on time", "hotline_rate:resolution": "Resolved",
	"hotline_rate:satisfaction": "Satisfied", "hotline_rate:settled": "Settled",
	"flag:no_hotline": "no hotline score",
}
