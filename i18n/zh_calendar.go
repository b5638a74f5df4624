package i18n

// zhCalendar translates the working-day calendar's messages.
var zhCalendar = map[string]string{
	"the calendar file cannot be read":                                                  "无法读取工作日历文件",
	"the file lists more than %d days":                                                  "文件列出的日期超过 %d 天",
	"%s is listed twice (first on line %d)":                                             "%s 重复出现（首次在第 %d 行）",
	"the calendar file has %d problems; nothing was imported":                           "工作日历文件有 %d 处问题，未导入任何内容",
	"the file lists no days":                                                            "文件未列出任何日期",
	"the cell is not UTF-8 text":                                                        "该单元格不是 UTF-8 文本",
	"the date is missing":                                                               "缺少日期",
	"%q is not a date (write it as 2025-10-01)":                                         "%q 不是日期（请写作 2025-10-01）",
	"%s lies outside the years %d–%d":                                                   "%s 不在 %d–%d 年之间",
	"%q is not a kind of day: write holiday (放假, 休) or workday (上班, 班)":                 "%q 不是日期类型：请填写 放假（休、holiday）或 上班（班、workday）",
	"%s is not a Saturday or Sunday: only a weekend day can be an adjusted working day": "%s 不是周六或周日：只有周末才能调休上班",
	"another import changed the same years at the same moment; import the file again":   "另一次导入同时修改了相同年份，请重新导入该文件",
}
