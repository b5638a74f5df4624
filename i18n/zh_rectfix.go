package i18n

// The follow-up of a case's rectification on the dispatcher's case page,
// and last year's rectification beside each unit on the review console.
var zhRectfix = map[string]string{
	"How the person judged the rectification":      "群众对整改的评价",
	"Last year's rectification: %d/%d closed":      "上年整改 %d/%d 已销号",
	"Record the follow-up":                         "记录回访",
	"Rectification of this case":                   "本件整改",
	"Task %d":                                      "任务 %d",
	"The person is asked when the task is closed.": "任务销号后回访群众。",
	"choose 满意, 基本满意, 不满意 or 未联系上":                 "请选择满意、基本满意、不满意或未联系上",
	"closed on %s":                                 "%s 销号",
	"task %d of this case asks for no follow-up: it is not closed, or it came from another case": "本件的任务 %d 无需回访：尚未销号，或不是本件的任务",
	"the person's answer is missing": "请填写群众的评价",
}

// Keyed values of this area, for pages.
var enRectfixKeys = map[string]string{
	"appeal_stage:followup": "Follow-up of the rectification",
}

var zhRectfixKeys = map[string]string{
	"appeal_stage:followup": "整改回访",
}
