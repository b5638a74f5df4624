package i18n

// zhPublicData translates the messages about a version's public data
// (SPEC "Publication: public data and verification").
var zhPublicData = map[string]string{
	"publish_data must be %q or %q, not %q":                                    "publish_data 必须是 %q 或 %q，而不是 %q",
	"version %d of campaign %q has no file %s":                                 "测评 %[2]q 的第 %[1]d 版没有文件 %[3]s",
	"the signing key %s was retired at %s: configure a new PINGYI_SIGNING_KEY": "签名密钥 %s 已于 %s 停用：请配置新的 PINGYI_SIGNING_KEY",
}
