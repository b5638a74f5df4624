package i18n

var zhCommon = map[string]string{
	"internal error; the incident was logged as %s": "系统内部错误，已记录（编号 %s）",
	"sign in required":                         "请先登录",
	"your role may not do this":                "您的角色无权进行此操作",
	"the request is too large (limit %s)":      "请求内容过大（上限 %s）",
	"the request body is not valid JSON: %s":   "请求内容不是有效的 JSON：%s",
	"too many requests; try again in a minute": "请求过于频繁，请稍后再试",
	"the form expired or was sent from another site; reload the page and try again": "表单已过期或来源无效，请刷新页面后重试",
	"not found":                         "未找到",
	"%s is required":                    "%s 为必填项",
	"%s must be at most %s characters":  "%s 最多 %s 个字符",
	"%s must be at least %s characters": "%s 至少 %s 个字符",
	"%s has an invalid value":           "%s 的值无效",
	"%s must be one of: %s":             "%s 必须是以下之一：%s",
	"%s must be at least %s":            "%s 不能小于 %s",
	"%s must be at most %s":             "%s 不能大于 %s",
	"%s must be greater than %s":        "%s 必须大于 %s",
}
