package i18n

// Texts about scoring: AHP weights and score runs.
var zhScoring = map[string]string{
	"campaign %q is a draft: there is nothing to score yet": "测评 %q 仍是草稿，尚无可计分的内容",
	"campaign %q has no score run %d":                       "测评 %q 没有第 %d 次计分",
	"AHP matrix: the eigen decomposition did not converge":  "判断矩阵：特征分解不收敛",
	"AHP matrix: the principal eigenvector is not real":     "判断矩阵：主特征向量不是实数",
	"AHP matrix: the principal eigenvector is not positive": "判断矩阵：主特征向量不全为正",
	"AHP matrix is inconsistent: CR = %.3f ≥ %.2f":          "判断矩阵一致性不满足要求：CR = %.3f ≥ %.2f",
	"AHP matrix is empty":                                   "判断矩阵为空",
	"AHP matrix is %d×%d: Saaty's random index, needed for the consistency ratio, is defined only up to 10×10":               "判断矩阵为 %d×%d：计算一致性比率所需的 Saaty 平均随机一致性指标只定义到 10×10",
	"AHP matrix is not square: row %d has %d entries, want %d":                                                               "判断矩阵不是方阵：第 %d 行有 %d 个元素，应为 %d 个",
	"AHP matrix entry at row %d, column %d is %v: entries must be positive numbers":                                          "判断矩阵第 %d 行第 %d 列为 %v：元素必须为正数",
	"AHP matrix entry at row %d, column %d is %v: the diagonal must be 1":                                                    "判断矩阵第 %d 行第 %d 列为 %v：对角线元素必须为 1",
	"AHP matrix is not reciprocal: the entries at row %d, column %d (%v) and row %d, column %d (%v) multiply to %.4g, not 1": "判断矩阵不满足互反性：第 %d 行第 %d 列（%v）与第 %d 行第 %d 列（%v）的乘积为 %.4g，不等于 1",
}
