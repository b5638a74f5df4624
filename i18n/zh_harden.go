package i18n

// zhHarden holds the texts of issue 12's hardening: sign-in throttling,
// file encodings, phone queue give-backs and the sample-size bounds.
var zhHarden = map[string]string{
	"the margin of error or the response rate asks for more than %d interviews or contacts: widen the margin":   "误差界限或预期应答率要求超过%d次访问或联系：请放宽误差界限",
	"the file is in UTF-16, which Pingyi does not read: save it as \"CSV UTF-8\" (GB18030 is read too)":         "文件为UTF-16编码，评议系统无法读取：请另存为“CSV UTF-8”（也可读取GB18030）",
	"the file is neither UTF-8 nor GB18030 text (line %d has bytes that are neither): save it as \"CSV UTF-8\"": "文件既不是UTF-8也不是GB18030文本（第 %d 行含有两者都不是的字节）：请另存为“CSV UTF-8”",
	"line %d: the file is not valid %s text from here on: save the whole file as \"CSV UTF-8\"":                 "第 %d 行：文件自此不再是有效的%s文本：请将整个文件另存为“CSV UTF-8”",
	"sign-in is busy; try again in %d s":                             "登录繁忙，请%d秒后再试",
	"too many wrong passwords from your network; try again after %s": "您所在网络的密码错误次数过多，请于%s之后再试",
}
