package i18n

// Keyed texts: a value of an enumeration shown to people, "kind:value".
var enKeys = map[string]string{
	"status:draft": "Draft", "status:open": "Open", "status:closed": "Closed",
	"status:review": "Under review", "status:published": "Published",
	"to:draft": "Back to draft", "to:open": "Open for responses", "to:closed": "Close collection",
	"to:review":     "Start review",
	"period:annual": "annual", "period:midyear": "mid-year",
	"role:admin": "Administrator", "role:committee": "Committee member", "role:operator": "Phone operator",
	"role:liaison": "Unit liaison", "role:supervisor": "Special supervisor", "role:dispatcher": "Dispatcher",
	"channel:web": "web", "channel:phone": "phone", "channel:paper": "paper",
	"label:ci95": "95% interval",
	"sep:list":   ", ", "sep:clause": "; ",
}

var zhKeys = map[string]string{
	"status:draft": "草稿", "status:open": "收集中", "status:closed": "已截止",
	"status:review": "审议中", "status:published": "已发布",
	"to:draft": "退回草稿", "to:open": "开始收集", "to:closed": "截止收集",
	"to:review":     "提交审议",
	"period:annual": "年度", "period:midyear": "半年",
	"role:admin": "管理员", "role:committee": "考评委员会委员", "role:operator": "电话调查员",
	"role:liaison": "单位联络员", "role:supervisor": "特约监督员", "role:dispatcher": "派单员",
	"channel:web": "网上", "channel:phone": "电话", "channel:paper": "纸质",
	"label:ci95": "95％置信区间",
	"sep:list":   "、", "sep:clause": "；",
}
