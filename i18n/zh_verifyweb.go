package i18n

// zhVerifyWeb: the public data routes, the verification panel and method
// text of the public page, and the checks that close the holes between
// approval and publication.
var zhVerifyWeb = map[string]string{
	// review
	"score run %d's stored results hash to %s, not to their digest %s":                                                   "第 %d 次计分保存的结果的哈希为 %s，与其摘要 %s 不符",
	"the audit log records no approval of score run %d":                                                                  "审计日志中没有第 %d 次计分的批准记录",
	"score run %d's results hash to %s, but its approval (audit entry %d) recorded %s: they were changed after approval": "第 %d 次计分的结果哈希为 %s，而其批准（审计记录 %d）记下的是 %s：结果在批准后被改动",
	// routes
	"version %d of campaign %q was published before public data existed: it has no %s, and its publication.json is checked by its SHA-256 alone": "测评 %[2]q 的第 %[1]d 版发布于公开数据功能之前：没有 %[3]s，其 publication.json 只能通过 SHA-256 核验",
	"version %d of campaign %q is not signed":                                           "测评 %[2]q 的第 %[1]d 版没有签名",
	"the index of campaign %q has no hotline component, so no appeals.csv is published": "测评 %q 的指数不含热线部分，因此不发布 appeals.csv",
	"the organiser keeps the responses of campaign %q private (publish_data \"none\"): no responses.csv is published, and the method says which numbers can therefore not be recomputed": "组织方不公开测评 %q 的答卷（publish_data 为 \"none\"）：不发布 responses.csv，方法说明列出了因此无法复算的数字",
	"version %d of %s is not served: its stored bytes no longer hash to its published digest %s, so they are not what was published. The organiser has been alerted (request %s).":       "%[2]s 的第 %[1]d 版暂不提供：其存储内容的哈希已与发布时的摘要 %[3]s 不符，不再是当初发布的内容。已通知组织方（请求 %[4]s）。",
	// page
	"Scores by indicator and by respondent group": "分指标与分群体得分",
	"group": "群体",
	"This version is signed by the organiser's key %s. Its fingerprint (the SHA-256 of the public key):": "本版由组织方密钥 %s 签名。其指纹（公钥的 SHA-256）：",
	"the key is not listed": "该密钥未列出",
	"Every key the organiser has signed with, current and retired, is listed at": "组织方用过的全部签名密钥（现用与已停用）列于",
	"Signature":                   "签名",
	"This version is not signed.": "本版未签名。",
	"Check every number yourself": "自己核验每一个数字",
	"Get the pingyi program, whose source is public; it needs no account, no database and no key.": "获取源代码公开的 pingyi 程序；无需账号、数据库或密钥。",
	"Run:": "运行：",
	"It downloads this version's files, recomputes every published number, both digests and the signature, and prints IDENTICAL, or names every difference.": "它会下载本版的文件，复算每一个公布的数字、两个摘要和签名，结果一致时输出 IDENTICAL，否则逐条列出差异。",
	"The organiser keeps the responses private, so the numbers cannot be recomputed; the signature and digests can still be checked.":                        "组织方不公开答卷，因此数字无法复算；签名和摘要仍可核验。",
	"%d rows": "%d 行",
	// method
	"Weight as written":       "定义中的权重",
	"Responses published":     "答卷是否公开",
	"no (publish_data: none)": "否（publish_data: none）",
	"yes":                     "是",
	"Strata and weights: each group's responses are divided into the strata its sampling used (the stratum column of responses.csv; a group not sampled by strata is one stratum), and each response carries its weight (the weight column: 1 unless the sampling design or an import set another). Group and indicator weights are used as written and divide by their sum, which is the same as the percentages above.": "分层与权数：各群体的答卷按其抽样所用的层划分（responses.csv 的 stratum 列；未分层抽样的群体为一层），每份答卷带有其权数（weight 列：除抽样设计或导入另有规定外为 1）。群体权重与指标权重按定义中的数值使用，并除以其总和，与上列百分比相同。",
	"Standard errors are design-based: Taylor linearisation of each group's weighted mean, the responses being the sampling units, drawn with replacement within the strata of their group; a stratum with a single response adds nothing. This is the standard error R's survey package reports for svymean, with lonely strata treated as certain.":                                                                     "标准误按抽样设计计算：对各群体的加权均值作泰勒线性化，以答卷为抽样单位，视为在其群体各层内有放回抽取；只有一份答卷的层不计入。这与 R 语言 survey 包 svymean 报告的标准误一致（单一单元的层按确定处理）。",
	"Rank intervals: each of the %d bootstrap replicates draws, with replacement, as many responses from each stratum of each group as the stratum holds, and recomputes every score, index and rank, minimum samples included. A unit's interval runs from the ⌈0.025·B⌉-th to the ⌈0.975·B⌉-th smallest of its ranks over the B replicates in which it has an index. The random numbers: %s, seed %d.":                  "名次区间：%d 次自助法重抽样中，每次从每个群体的每一层有放回地抽取与该层答卷数相同的答卷，重新计算全部得分、指数和名次（含最低样本量规则）。单位的名次区间为其在有指数的 B 次重抽样中名次的第 ⌈0.025·B⌉ 小到第 ⌈0.975·B⌉ 小。随机数：%s，种子 %d。",
	"Rounding: publication.json and responses.csv hold every number unrounded, to the last bit; this page and the downloads round half away from zero for reading, and ties in rank compare indices rounded to %d decimals.":                                                                                                                                                                                              "舍入：publication.json 与 responses.csv 中的数字均未舍入，精确到最后一位；本页与下载文件为便于阅读按四舍五入显示，名次并列按保留 %d 位小数的指数比较。",
	"The index combines the survey (weight %s) with the hotline score (weight %s), computed from the counts in appeals.csv when a unit has at least %d cases; a rate counts when its denominator reaches %d.":                                                                                                                                                                                                             "指数由问卷调查（权重 %s）与热线得分（权重 %s）合成；热线得分按 appeals.csv 中的计数计算，单位至少有 %d 件诉求时才计入；某项比率的分母达到 %d 时该比率才计入。",
	"The responses of these groups are not published (publish_data: none):":                                                            "以下群体的答卷不公开（publish_data 为 \"none\"）：",
	"Their scores, and every number that combines them with the others, cannot be recomputed by the public; pingyi verify says which.": "公众无法复算这些群体的得分以及与其合成的各项数字；pingyi verify 会列出是哪些。",
}
