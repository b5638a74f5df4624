package i18n

var zhAccount = map[string]string{
	"unknown role %q (one of admin, committee, operator, liaison, supervisor, dispatcher)": "未知角色 %q（应为 admin、committee、operator、liaison、supervisor、dispatcher 之一）",
	"a liaison speaks for one unit: give its code":                                         "联络员对应一个单位，请填写单位编码",
	"only liaisons are tied to a unit":                                                     "只有联络员需要关联单位",
	"the account has problems":                                                             "账号信息有误",
	"password must have at least %d characters":                                            "密码至少 %d 个字符",
	"password must differ from the login":                                                  "密码不能与登录名相同",
	"login %q is taken":                                                                    "登录名 %q 已被使用",
	"no account %d":                                                                        "账号 %d 不存在",
	"no account %q":                                                                        "账号 %q 不存在",
	"you cannot disable your own account":                                                  "不能停用自己的账号",
	"wrong login or password":                                                              "登录名或密码错误",
	"too many wrong passwords; the account is locked until %s":                             "密码错误次数过多，账号已锁定至 %s",
	"this account is disabled":                                                             "该账号已停用",
	"the current password is wrong":                                                        "当前密码不正确",
	"the new password must differ from the current one":                                    "新密码不能与当前密码相同",
	"no token %d": "令牌 %d 不存在",
}
