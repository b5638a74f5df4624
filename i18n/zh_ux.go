package i18n

// zhUX: the confirmations of withdrawing invitations and revoking a batch
// of exclusions, the staff pages' charts and their text alternatives.
var zhUX = map[string]string{
	// withdrawing an invitation batch
	"Withdraw the %d unused invitations of batch #%d?":                                                                         "收回第 %[2]d 批中 %[1]d 个未使用的邀请链接？",
	"Unused, to be withdrawn":                                                                                                  "未使用（将被收回）",
	"The %d unused links stop working at once: whoever opens one is told it was withdrawn.":                                    "%d 个未使用的链接立即失效：打开链接的人会看到该邀请已收回。",
	"The %d responses already given through this batch are kept and still count.":                                              "通过本批邀请已提交的 %d 份答卷全部保留，照常计入。",
	"Tickets printed from this batch afterwards are marked void. A withdrawal cannot be undone: create a new batch if needed.": "此后打印本批邀请，每张都会标明作废。收回后不能恢复：如有需要，请新建一批邀请。",
	"Withdraw %d invitations":                                                   "收回 %d 个邀请链接",
	"The unused invitations of batch #%d are withdrawn.":                        "第 %d 批未使用的邀请链接已收回。",
	"batch #%d was withdrawn already":                                           "第 %d 批邀请已经收回",
	"every invitation of batch #%d has been used: there is nothing to withdraw": "第 %d 批邀请已全部使用，没有可收回的链接",
	"Every link used: nothing to withdraw":                                      "已全部使用，无可收回",
	// revoking a batch of exclusions
	"Revoke the %d exclusions of batch %s?": "撤销批次 %[2]s 的 %[1]d 项排除？",
	"Exclusions in force":                   "生效中的排除",
	"Responses to count again":              "将恢复计入的答卷",
	"These %d responses count again in the next score run; runs already computed are not changed.": "这 %d 份答卷将在下一次计分中重新计入；已完成的计分不受影响。",
	"The exclusions stay listed as revoked, with your name and reason, and in the audit log.":      "这些排除记录仍会列出，标明已撤销、撤销人和理由，并记入审计日志。",
	"Revoke %d exclusions":                                             "撤销 %d 项排除",
	"%d responses of batch %s count again.":                            "批次 %[2]s 的 %[1]d 份答卷已恢复计入。",
	"no exclusion of batch %q is in force: there is nothing to revoke": "批次 %q 没有生效中的排除，无需撤销",
	// the phone progress page's charts
	"Completes against the quota, per unit; the table below gives the numbers": "各单位成功访问数与配额对比图；具体数字见下表",
	"Calls per day":            "每日通话",
	"Calls":                    "通话次数",
	"Day":                      "日期",
	"Calls per day as a table": "每日通话数据表",
	"Calls and completes per day, China time; the table below gives the numbers": "每日通话次数与成功访问数（北京时间）；具体数字见下表",
}
