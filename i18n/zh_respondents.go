package i18n

// Texts of the respondents' side: paper-form imports, exports, the web
// form, invitations, the open link's defences and the submission API.
var zhRespondents = map[string]string{
	// Paper-form imports.
	"%d more problems are not listed": "另有 %d 处问题未列出",
	"%d responses of the file are already stored in this campaign; nothing was imported": "文件中有 %d 份答卷已存在于本测评中，未导入任何数据",
	"group is empty":                                                          "评价主体为空",
	"indicator_code is empty":                                                 "指标编码为空",
	"unit_code is empty":                                                      "单位编码为空",
	"option is empty":                                                         "选项为空",
	"response_ref is empty":                                                   "答卷编号为空",
	"response_ref is longer than 64 characters":                               "答卷编号超过 64 个字符",
	"stratum is longer than 64 characters":                                    "分层名称超过 64 个字符",
	"response %q has a different %s on line %d":                               "答卷 %q 的 %s 与第 %d 行不一致",
	"response %q has another comment on unit %q on line %d":                   "答卷 %[1]q 在第 %[3]d 行对单位 %[2]q 已有另一条意见",
	"response %q is already stored in this campaign":                          "答卷 %q 已存在于本测评中",
	"response %q rates no unit":                                               "答卷 %q 没有评价任何单位",
	"response %q rates unit %q on %q twice (first on line %d)":                "答卷 %q 对单位 %q 的指标 %q 评价了两次（首次在第 %d 行）",
	"submitted_at must be an RFC 3339 time such as 2026-11-21T09:30:00+08:00": "submitted_at 应为 RFC 3339 格式的时间，例如 2026-11-21T09:30:00+08:00",
	"the file cannot be read as responses":                                    "无法将该文件读取为答卷",
	"the file has %d problems; nothing was imported":                          "文件有 %d 处问题，未导入任何数据",
	"the file holds no responses":                                             "文件中没有答卷",
	"the file needs a %q column":                                              "文件需要 %q 列",
	"no campaign %d":                                                          "没有编号为 %d 的测评",
	"no response %d":                                                          "没有编号为 %d 的答卷",
}
