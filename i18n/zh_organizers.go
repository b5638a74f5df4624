package i18n

// zhOrganizers translates the messages of organisers (issue 11): who a
// campaign and an account belong to.
var zhOrganizers = map[string]string{
	"no organiser %q (create it with pingyi organizer add, or with a campaign of its own)": "没有组织单位 %q（请用 pingyi organizer add 创建，或随其测评活动的定义创建）",
	"organiser %q is not one of yours to give":                                             "组织单位 %q 不属于您，不能分配给账号",
	"organiser %q is not one of yours: your account covers %s":                             "组织单位 %q 不属于您：您的账号管辖 %s",
	"the organiser has problems":                                                           "组织单位信息有误",
	"an organiser's code is 1 to 64 letters, digits, '.', '-' or '_'":                      "组织单位代码为 1 至 64 个字母、数字、“.”、“-”或“_”",
	"no organiser %q": "没有组织单位 %q",
	"organiser %q is under %q: it cannot also be above it":                            "组织单位 %q 隶属于 %q，不能同时是其上级",
	"only members of the committee of organiser %q approve its campaigns' score runs": "只有组织单位 %q 的考评委员会成员才能审定其测评活动的计分结果",
	"organizer must be an object {\"code\": …, \"name\": …} or the organiser's name":  "organizer 必须是对象 {\"code\": …, \"name\": …} 或组织单位名称",
	"%q is not a code: 1 to 64 letters, digits, '.', '-' or '_'":                      "%q 不是有效代码：应为 1 至 64 个字母、数字、“.”、“-”或“_”",
	"the organiser's name is longer than 200 characters":                              "组织单位名称超过 200 个字符",
}

// zhSeries translates what the pages say of a unit that its series's
// previous campaign did not have.
var zhSeries = map[string]string{
	"new: not in %d": "新增：%d 年无此单位",
	"This unit was not in %s: it has no change since then.": "%s 中没有本单位，无从比较变化。",
}
