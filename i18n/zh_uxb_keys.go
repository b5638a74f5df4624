package i18n

// The AAPOR outcome rates and the counts they are computed from, by name
// ("rate:RR1") and with a one-line explanation ("rate-help:RR1"), so that
// staff read 最低应答率 rather than an abbreviation. The formulas follow
// AAPOR's Standard Definitions: I complete, P partial, R refusal and
// break-off, NC non-contact, O other (all eligible), UH and UO unknown
// eligibility, NE not eligible, e the share of unknown cases taken as
// eligible.
var enUXBKeys = map[string]string{
	"rate:e": "Estimated eligibility (e)", "rate-help:e": "share of the unknown-eligibility cases taken as eligible",
	"rate:RR1": "Response rate 1 (minimum)", "rate-help:RR1": "complete interviews over all eligible and all unknown cases: I / (I+P+R+NC+O+UH+UO)",
	"rate:RR2": "Response rate 2", "rate-help:RR2": "as RR1, partial interviews counting as responses: (I+P) / (I+P+R+NC+O+UH+UO)",
	"rate:RR3": "Response rate 3", "rate-help:RR3": "as RR1, only the estimated eligible share e of unknown cases counted: I / (I+P+R+NC+O+e(UH+UO))",
	"rate:RR4": "Response rate 4", "rate-help:RR4": "as RR3, partial interviews counting as responses: (I+P) / (I+P+R+NC+O+e(UH+UO))",
	"rate:RR5": "Response rate 5", "rate-help:RR5": "unknown cases taken as not eligible: I / (I+P+R+NC+O)",
	"rate:RR6": "Response rate 6 (maximum)", "rate-help:RR6": "as RR5, partial interviews counting as responses: (I+P) / (I+P+R+NC+O)",
	"rate:COOP1": "Cooperation rate 1", "rate-help:COOP1": "complete interviews among the eligible people reached: I / (I+P+R+O)",
	"rate:COOP2": "Cooperation rate 2", "rate-help:COOP2": "as COOP1, partial interviews counting: (I+P) / (I+P+R+O)",
	"rate:COOP3": "Cooperation rate 3", "rate-help:COOP3": "as COOP1, leaving out those who could not take part: I / (I+P+R)",
	"rate:COOP4": "Cooperation rate 4", "rate-help:COOP4": "as COOP3, partial interviews counting: (I+P) / (I+P+R)",
	"rate:REF1": "Refusal rate 1", "rate-help:REF1": "refusals and break-offs over all eligible and all unknown cases: R / (I+P+R+NC+O+UH+UO)",
	"rate:REF2": "Refusal rate 2", "rate-help:REF2": "as REF1, only the estimated eligible share of unknown cases counted: R / (I+P+R+NC+O+e(UH+UO))",
	"rate:REF3": "Refusal rate 3", "rate-help:REF3": "as REF1, unknown cases taken as not eligible: R / (I+P+R+NC+O)",
	"rate:CON1": "Contact rate 1", "rate-help:CON1": "cases in which someone was reached, over all eligible and unknown cases: (I+P+R+O) / (I+P+R+O+NC+UH+UO)",
	"rate:CON2": "Contact rate 2", "rate-help:CON2": "as CON1, only the estimated eligible share of unknown cases counted: (I+P+R+O) / (I+P+R+O+NC+e(UH+UO))",
	"rate:CON3": "Contact rate 3", "rate-help:CON3": "as CON1, unknown cases taken as not eligible: (I+P+R+O) / (I+P+R+O+NC)",
	"count:I": "Complete (I)", "count-help:I": "complete interviews",
	"count:P": "Partial (P)", "count-help:P": "partial interviews",
	"count:R": "Refusal (R)", "count-help:R": "eligible people who refused or broke off",
	"count:NC": "Non-contact (NC)", "count-help:NC": "eligible numbers where no one suitable was reached",
	"count:O": "Other (O)", "count-help:O": "eligible people who could not take part for other reasons (language, illness)",
	"count:UH": "Unknown (UH)", "count-help:UH": "numbers never answered: unknown whether they are in use",
	"count:UO": "Unknown other (UO)", "count-help:UO": "numbers in use, unknown whether the person is eligible",
	"count:NE": "Not eligible (NE)", "count-help:NE": "numbers out of the survey: not in service, business, outside the area",
}

var zhUXBKeys = map[string]string{
	"rate:e": "估计合格比例 e", "rate-help:e": "资格未知的个案中被视为合格的比例",
	"rate:RR1": "应答率1（最低）", "rate-help:RR1": "完成访问数 ÷ 全部合格及资格未知个案：I / (I+P+R+NC+O+UH+UO)",
	"rate:RR2": "应答率2", "rate-help:RR2": "同应答率1，部分完成也算应答：(I+P) / (I+P+R+NC+O+UH+UO)",
	"rate:RR3": "应答率3", "rate-help:RR3": "同应答率1，资格未知个案只按估计合格比例 e 计入：I / (I+P+R+NC+O+e(UH+UO))",
	"rate:RR4": "应答率4", "rate-help:RR4": "同应答率3，部分完成也算应答：(I+P) / (I+P+R+NC+O+e(UH+UO))",
	"rate:RR5": "应答率5", "rate-help:RR5": "资格未知个案全部视为不合格：I / (I+P+R+NC+O)",
	"rate:RR6": "应答率6（最高）", "rate-help:RR6": "同应答率5，部分完成也算应答：(I+P) / (I+P+R+NC+O)",
	"rate:COOP1": "合作率1", "rate-help:COOP1": "接通的合格受访者中完成访问的比例：I / (I+P+R+O)",
	"rate:COOP2": "合作率2", "rate-help:COOP2": "同合作率1，部分完成也计入：(I+P) / (I+P+R+O)",
	"rate:COOP3": "合作率3", "rate-help:COOP3": "同合作率1，不计因其他原因无法受访者：I / (I+P+R)",
	"rate:COOP4": "合作率4", "rate-help:COOP4": "同合作率3，部分完成也计入：(I+P) / (I+P+R)",
	"rate:REF1": "拒访率1", "rate-help:REF1": "拒访及中断数 ÷ 全部合格及资格未知个案：R / (I+P+R+NC+O+UH+UO)",
	"rate:REF2": "拒访率2", "rate-help:REF2": "同拒访率1，资格未知个案只按估计合格比例计入：R / (I+P+R+NC+O+e(UH+UO))",
	"rate:REF3": "拒访率3", "rate-help:REF3": "同拒访率1，资格未知个案视为不合格：R / (I+P+R+NC+O)",
	"rate:CON1": "接触率1", "rate-help:CON1": "接触到人的个案 ÷ 全部合格及资格未知个案：(I+P+R+O) / (I+P+R+O+NC+UH+UO)",
	"rate:CON2": "接触率2", "rate-help:CON2": "同接触率1，资格未知个案只按估计合格比例计入：(I+P+R+O) / (I+P+R+O+NC+e(UH+UO))",
	"rate:CON3": "接触率3", "rate-help:CON3": "同接触率1，资格未知个案视为不合格：(I+P+R+O) / (I+P+R+O+NC)",
	"count:I": "完成（I）", "count-help:I": "完成的访问",
	"count:P": "部分完成（P）", "count-help:P": "部分完成的访问",
	"count:R": "拒访（R）", "count-help:R": "拒绝受访或中途中断的合格对象",
	"count:NC": "未接触（NC）", "count-help:NC": "合格号码，但未联系到合适的受访者",
	"count:O": "其他（O）", "count-help:O": "因语言、疾病等其他原因无法受访的合格对象",
	"count:UH": "未知（UH）", "count-help:UH": "始终无人接听，无法确定号码是否在用",
	"count:UO": "其他未知（UO）", "count-help:UO": "号码在用，但无法确定受访者是否合格",
	"count:NE": "不合格（NE）", "count-help:NE": "不属于调查范围的号码：空号、单位号码、不在本地等",
}
