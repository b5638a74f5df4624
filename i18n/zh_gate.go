package i18n

// zhGate holds the texts of the request gates: one-time passwords on the
// API and JSON that is not UTF-8.
var zhGate = map[string]string{
	"the request body is not valid JSON: line %d, column %d: the text is not UTF-8":          "请求内容不是有效的 JSON：第 %d 行第 %d 列：文本不是 UTF-8 编码",
	"this account still has a one-time password: choose your own at %s before using the API": "此账号仍在使用一次性密码：请先在%s设置自己的密码，再使用API",
}
