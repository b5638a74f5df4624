package i18n

// Texts about responses: submission, import and storage.
var zhResponse = map[string]string{
	"a response with one of these refs is already stored in campaign %q": "测评 %q 中已存在相同编号的答卷",
	"response ref %q must be 1 to 64 characters":                         "答卷编号 %q 应为 1 到 64 个字符",
	"response %s: unknown group":                                         "答卷 %s：未知的评价主体",
	"response %s: weight must be a number above 0":                       "答卷 %s：权重必须大于 0",
	"response %s: stratum is longer than 64 characters":                  "答卷 %s：分层名称超过 64 个字符",
	"response %s: rating %v is outside the campaign":                     "答卷 %s：评价 %v 不属于本测评",
	"response %s: %s": "答卷 %s：%s",
	"response %s: comment on a unit outside the campaign":                                                "答卷 %s：意见所针对的单位不属于本测评",
	"campaign %q is %s: responses are accepted only while it is open (paper forms also after it closes)": "测评 %q 当前状态为 %s：仅在收集期间接受答卷（纸质问卷截止后仍可导入）",
	"campaign %q is not open for responses (it is %s)":                                                   "测评 %q 当前未开放答卷（状态为 %s）",
	"unknown respondent group %q":                                                                        "未知的评价主体 %q",
	"channel must be web, phone or paper":                                                                "渠道应为 web、phone 或 paper",
	"weight must be a number above 0":                                                                    "权重必须大于 0",
	"unknown unit %q":                                                                                    "未知的单位 %q",
	"unknown indicator %q":                                                                               "未知的指标 %q",
	"unknown option %q":                                                                                  "未知的选项 %q",
	"unit %q is rated on %q twice (first at answers[%d])":                                                "单位 %q 的指标 %q 被评价了两次（首次在 answers[%d]）",
	"a comment may have at most %d characters":                                                           "意见建议最多 %d 个字",
	"the form rates no unit":                                                                             "答卷没有评价任何单位",
	"the response has %d problems":                                                                       "答卷有 %d 处问题",
}
