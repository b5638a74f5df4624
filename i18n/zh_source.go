package i18n

// zhSource: responses bound to their source (a group's source, the one
// weight bound, staff submissions, imports naming drawn cases) and the
// draw verifiable from outside (the witness's event, the public draw).
var zhSource = map[string]string{
	// Group source and staff submissions.
	"a group whose source is draw answers only through the phone draw, not the open link":                                               "来源为抽样（draw）的群体只能通过电话抽样作答，不能使用公开链接",
	"source must be %q or %q (or absent), not %q":                                                                                       "source 必须为 %q 或 %q（或不填），不能是 %q",
	"group %q takes only the interviews of the phone draw's cases: record them in the phone console, or import them naming their cases": "群体 %q 只接受电话抽样样本的访问结果：请在电话访问台录入，或导入时注明样本编号",
	"the responses of group %q weigh 1: only a group whose source is external has weights of its own":                                   "群体 %q 的答卷权重为 1：只有来源为外部（external）的群体才有自己的权重",
	"the responses of group %q have no stratum: only a group whose source is external has strata of its own":                            "群体 %q 的答卷不分层：只有来源为外部（external）的群体才有自己的分层",
	"only an administrator may set the weight or stratum of a response of group %q":                                                     "只有管理员可以设置群体 %q 答卷的权重或分层",
	"only an administrator may enter the responses of group %q, whose source is external":                                               "群体 %q 的来源为外部，只有管理员可以录入其答卷",
	"group %q answers by invitation only: send the response with its invitation's token":                                                "群体 %q 仅限邀请作答：请随答卷提交其邀请码",
	// The one weight bound.
	"the weight must be a number from %g to %g":              "权重必须是 %g 到 %g 之间的数",
	"response %s: the weight must be a number from %g to %g": "答卷 %s：权重必须是 %g 到 %g 之间的数",
	// Imports naming drawn cases.
	"group %q is not drawn: its responses name no case":                                  "群体 %q 不来自抽样：其答卷不应注明样本编号",
	"group %q takes only the interviews of drawn cases: name the case":                   "群体 %q 只接受抽样样本的访问结果：请注明样本编号（case）",
	"case must be a case number, such as 1024":                                           "样本编号必须是数字，例如 1024",
	"the weight of a drawn case's interview comes from the draw: leave this cell empty":  "抽样样本访问结果的权重由抽样决定：此格请留空",
	"the stratum of a drawn case's interview comes from the draw: leave this cell empty": "抽样样本访问结果的分层由抽样决定：此格请留空",
	"case %d is named again (first on line %d)":                                          "样本 %d 重复出现（首次在第 %d 行）",
	"this campaign has no phone draw: responses naming cases cannot be imported":         "本次测评没有电话抽样：不能导入注明样本编号的答卷",
	"no case %d in this campaign's draw":                                                 "本次测评的抽样中没有样本 %d",
	"case %d is not released yet: it cannot have been interviewed":                       "样本 %d 尚未发放：不可能已经访问",
	"case %d already has its interview":                                                  "样本 %d 已有访问结果",
	// The witness and its public event.
	"name when the public event took place: it must be after the draw was planned":                                         "请填写公开事件发生的时间：必须晚于抽样计划的制定时间",
	"the event of %s has not taken place yet: a witness is the result of an event that is over":                            "%s 的事件尚未发生：见证值必须是已经发生的事件的结果",
	"the event of %s is not after the draw was planned (%s): its result could have been known when the seed was committed": "%s 的事件不晚于抽样计划的制定时间（%s）：其结果在承诺种子时可能已经知道",
	"the time of the event must read like 2026-12-05 21:15 (China time) or 2026-12-05T21:15:00+08:00":                      "事件时间的格式应为 2026-12-05 21:15（北京时间）或 2026-12-05T21:15:00+08:00",
	"When the event took place (China time): after the commitment above":                                                   "事件发生时间（北京时间）：须晚于上方的承诺值公布时间",
	"event of %s": "事件时间 %s",
	// The public draw.
	"campaign %q has no phone draw yet":      "测评 %q 尚无电话抽样",
	"campaign %q has no executed phone draw": "测评 %q 没有已执行的电话抽样",
	"campaign %q has no executed draw":       "测评 %q 没有已执行的抽样",
	"Phone draw committed %s:":               "电话抽样种子承诺（%s）：",
	"How the sample is drawn":                "样本如何抽取",
	"Phone draw":                             "电话抽样",
	"Allocation":                             "样本分配",
	"Stratum":                                "层",
	"The people called are drawn at random from the units' lists. The seed was committed before anyone could know the witness; once the draw is executed the seed is revealed, and anyone can check that the sample follows from them.": "受访者从各单位的服务对象名单中随机抽取。种子在任何人能知道见证值之前就已承诺；抽样执行后种子公开，任何人都可以核验样本确由它们产生。",
	"Once the results are published, each version offers the draw's record (draw.json) and its sample manifest (sample.csv: stratum and entry digest per case, no numbers).":                                                            "结果公布后，每个版本都提供抽样记录（draw.json）和样本清单（sample.csv：每个样本的层和条目摘要，不含号码）。",
	"group %q takes only the interviews of the phone draw's cases: it has no invitations":                                                                                                                                               "群体 %q 只接受电话抽样样本的访问结果：不能发放邀请",
}
