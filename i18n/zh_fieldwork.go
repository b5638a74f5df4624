package i18n

// zhFieldwork holds the texts of the respondents' form, distribution (open
// link, QR posters, invitation prints), the wide exports and the paper
// channel.
var zhFieldwork = map[string]string{
	"Nothing was lost, but nothing was saved yet either: the page had been open too long or the browser lost its cookie. Check your answers below and press %s again.": "您填写的内容都还在，但尚未保存：页面打开时间过长，或浏览器丢失了登录信息。请核对下面的答案，再点一次“%s”。",
	"You have not rated any unit yet: go back to the pages, choose an answer for at least one unit, then submit again.":                                                "您还没有评价任何单位：请返回各页，至少为一个单位选择答案，然后再提交。",
	"Too many forms or codes have come from your network or number this hour. Your answers are safe; please try again after %s (Beijing time).":                        "本小时内来自您所在网络或号码的填写次数过多。已填内容不会丢失，请在 %s（北京时间）以后再试。",
	"please check the mobile number":                                  "请检查手机号码",
	"%s on every question about this unit":                            "本单位各项均选“%s”",
	"Use your browser's print command: the poster fills one A4 page.": "请使用浏览器的打印功能，海报占一页 A4 纸。",
	"Scan to rate the departments you dealt with":                     "扫码评议您办过事的部门",
	"About %d minutes · anonymous · once per phone":                   "约 %d 分钟 · 匿名填写 · 每部手机填写一次",
	"You answer as: %s":                                               "填写身份：%s",
	"Print the invitations of a batch instead.":                       "请改为打印邀请批次。",
	"PINGYI_PUBLIC_URL is not set to an address people can reach: these codes lead to %s, which no phone can open. Set PINGYI_PUBLIC_URL to the site's public address (such as https://pingyi.example.gov.cn), restart Pingyi, then print.": "尚未把 PINGYI_PUBLIC_URL 设为公众可访问的地址：这些二维码指向 %s，手机无法打开。请把 PINGYI_PUBLIC_URL 设为网站的公开地址（如 https://pingyi.example.gov.cn），重启评议系统后再打印。",
	"This batch was withdrawn on %s (Beijing time): every ticket below is void and answers nothing.":                                                                                                                                        "本批邀请已于 %s（北京时间）作废：以下各张邀请均不能再使用。",
	"VOID": "作废",
	"This invitation was withdrawn and can no longer be used.":                              "此邀请已收回，不能再使用。",
	"Anyone with this link answers as: %s":                                                  "通过此链接填写的人，身份为：%s",
	"Printable QR poster for a service hall":                                                "打印二维码海报（用于办事大厅）",
	"Blank paper questionnaires":                                                            "空白纸质问卷",
	"No group answers through the open link: this campaign is answered by invitation only.": "没有通过公开链接填写的群体：本次测评仅凭邀请填写。",
	"layout must be long or wide":                                                           "layout 只能是 long 或 wide",
	"Export responses, one row each (XLSX)":                                                 "导出答卷，每份一行（XLSX）",
	"Export responses, one row each (CSV)":                                                  "导出答卷，每份一行（CSV）",
	"Export responses, one rating per row (CSV, the import format)":                         "导出答卷，每条评价一行（CSV，即导入格式）",
}
