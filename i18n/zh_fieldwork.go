package i18n

// zhFieldwork holds the texts of the respondents' form, distribution (open
// link, QR posters, invitation prints), the wide exports and the paper
// channel.
var zhFieldwork = map[string]string{
	"Nothing was lost, but nothing was saved yet either: the page had been open too long or the browser lost its cookie. Check your answers below and press %s again.": "您填写的内容都还在，但尚未保存：页面打开时间过长，或浏览器丢失了登录信息。请核对下面的答案，再点一次“%s”。",
	"You have not rated any unit yet: go back to the pages, choose an answer for at least one unit, then submit again.":                                                "您还没有评价任何单位：请返回各页，至少为一个单位选择答案，然后再提交。",
	"Too many forms or codes have come from your network or number this hour. Your answers are safe; please try again after %s (Beijing time).":                        "本小时内来自您所在网络或号码的填写次数过多。已填内容不会丢失，请在 %s（北京时间）以后再试。",
	"please check the mobile number":       "请检查手机号码",
	"%s on every question about this unit": "本单位各项均选“%s”",
}
