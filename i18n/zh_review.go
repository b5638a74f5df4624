package i18n

// Texts of the committee's review: exclusions, quality flags, approvals
// and publication.
var zhReview = map[string]string{
	"campaign %q is a draft: it has no responses to exclude": "测评 %q 仍是草稿，没有可剔除的答卷",
	"every one of these responses is already excluded":       "这些答卷均已被剔除",
	"name at least one response":                             "请至少指定一份答卷",
	"at most %d responses can be excluded at once":           "一次最多剔除 %d 份答卷",
	"an exclusion needs a written reason":                    "剔除答卷必须写明理由",
	"the reason is longer than %d characters":                "理由超过 %d 个字符",
	"the batch label is longer than %d bytes":                "批次标签超过 %d 个字节",
	"the exclusion has problems":                             "剔除申请有误",
	"no response %q in this campaign":                        "本测评中没有答卷 %q",
	"%d of the responses named do not exist":                 "所列答卷中有 %d 份不存在",
	"campaign %q has no active exclusion %d":                 "测评 %q 没有生效中的剔除记录 %d",
	"campaign %q has no active exclusion in batch %q":        "测评 %q 的批次 %q 中没有生效中的剔除记录",
	"revoking an exclusion needs a written reason":           "撤销剔除必须写明理由",
	"the revocation has problems":                            "撤销申请有误",
}
