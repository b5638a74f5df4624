package sampling

// Category is the outcome class a disposition counts in for the AAPOR rates.
type Category string

const (
	CatComplete     Category = "I"  // complete interview
	CatPartial      Category = "P"  // partial interview
	CatRefusal      Category = "R"  // refusal and break-off
	CatNonContact   Category = "NC" // non-contact
	CatOther        Category = "O"  // other eligible non-interview
	CatUnknownHH    Category = "UH" // unknown if the number reaches an eligible household/person
	CatUnknownOther Category = "UO" // unknown eligibility, other
	CatNotEligible  Category = "NE" // not eligible
)

// Disposition is one AAPOR outcome code an operator can record for a case.
type Disposition struct {
	Code     string // AAPOR code, "2.111"
	Label    string // Chinese label for the console
	LabelEN  string // AAPOR's English name
	Category Category
	// Interim marks outcomes after which the case goes back into the
	// queue (busy, no answer, respondent not available…). The last
	// interim outcome becomes the final disposition only when the
	// attempt limit is reached; see FinalAt.
	Interim bool
}

// FinalAt reports whether d closes a case that has had attempts calls
// under an attempt limit of limit.
func (d Disposition) FinalAt(attempts, limit int) bool { return !d.Interim || attempts >= limit }

// Dispositions lists the telephone disposition codes, a fresh copy each
// call so no caller can change another's table.
//
// Edition: the codes are those of AAPOR Standard Definitions' table of
// final dispositions for telephone surveys as it stands in the 9th edition
// (2016), checked against public implementations of that table. The
// current edition is the 10th (2023); the one change to it known here that
// touches the rates is that it names code 3.20 (number reaches a household,
// unknown if an eligible respondent) "UR" instead of counting it in UO. UR
// enters every formula exactly where UO does, so with a single e (as here)
// the rates are the same; we keep it in UO.
//
// Two readings specific to Pingyi's frame, which lists people a department
// served rather than random numbers: 4.50/4.51 (business or government
// number) apply only when the number does not belong to the served person
// or organisation — an enterprise that was served is a respondent, not
// ineligible. And 4.30 (non-working number) is ineligible as AAPOR has it
// for random numbers, although here the person behind it was in scope;
// where such numbers are common that raises the response rates, and
// counting them as UH instead is the committee's call, not this table's.
func Dispositions() []Disposition {
	return []Disposition{
		{"1.1", "完成访问", "Complete", CatComplete, false},
		{"1.2", "部分完成", "Partial", CatPartial, false},

		{"2.10", "拒访及中断", "Refusal and break-off", CatRefusal, false},
		{"2.11", "拒访", "Refusal", CatRefusal, false},
		{"2.111", "家庭/他人代为拒访", "Household-level refusal", CatRefusal, false},
		{"2.112", "受访者本人拒访", "Known-respondent refusal", CatRefusal, false},
		{"2.12", "访问中途中断", "Break-off", CatRefusal, false},
		{"2.20", "未接触到受访者", "Non-contact", CatNonContact, true},
		{"2.21", "受访者一直不在或不便", "Respondent never available", CatNonContact, true},
		{"2.22", "语音信箱/答录机（已确认为受访者号码）", "Telephone answering device (confirmed eligible)", CatNonContact, true},
		{"2.30", "其他合格未访", "Other, non-refusals", CatOther, false},
		{"2.31", "受访者已故", "Dead", CatOther, false},
		{"2.32", "身体或精神原因无法受访", "Physically or mentally unable/incompetent", CatOther, false},
		{"2.33", "语言障碍", "Language", CatOther, false},
		{"2.331", "接听者语言不通", "Household-level language problem", CatOther, false},
		{"2.332", "受访者语言不通", "Respondent language problem", CatOther, false},
		{"2.333", "无会该语言/方言的访员", "No interviewer available for needed language", CatOther, false},
		{"2.35", "其他原因", "Miscellaneous", CatOther, false},

		{"3.10", "未知号码是否有效", "Unknown if housing unit", CatUnknownHH, true},
		{"3.11", "未拨打", "Not attempted or worked", CatUnknownHH, true},
		{"3.12", "一直占线", "Always busy", CatUnknownHH, true},
		{"3.13", "无人接听", "No answer", CatUnknownHH, true},
		{"3.14", "答录机/语音信箱（不知是否为受访者号码）", "Telephone answering device (don't know if eligible)", CatUnknownHH, true},
		{"3.15", "呼叫被拦截", "Telecommunication technological barriers, e.g. call blocking", CatUnknownHH, true},
		{"3.16", "线路技术故障", "Technical phone problems", CatUnknownHH, true},
		{"3.20", "号码有效，未知是否有合格受访者", "Housing unit, unknown if eligible respondent", CatUnknownOther, false},
		{"3.21", "未完成甄别", "No screener completed", CatUnknownOther, true},
		{"3.90", "其他未知合格性", "Other", CatUnknownOther, false},

		{"4.10", "不在样本范围内", "Out of sample", CatNotEligible, false},
		{"4.20", "传真或数据线路", "Fax/data line", CatNotEligible, false},
		{"4.30", "空号或停机", "Non-working/disconnected number", CatNotEligible, false},
		{"4.31", "空号", "Non-working number", CatNotEligible, false},
		{"4.32", "已停机/已销号", "Disconnected number", CatNotEligible, false},
		{"4.33", "暂停服务", "Temporarily out of service", CatNotEligible, false},
		{"4.40", "特殊技术情况", "Special technological circumstances", CatNotEligible, false},
		{"4.41", "号码已改", "Number changed", CatNotEligible, false},
		{"4.50", "非住户/非受访者号码", "Non-residence", CatNotEligible, false},
		{"4.51", "单位、政府机关或其他组织号码（非被服务对象）", "Business, government office, other organization", CatNotEligible, false},
		{"4.70", "无合格受访者", "No eligible respondent", CatNotEligible, false},
		{"4.80", "配额已满", "Quota filled", CatNotEligible, false},
		{"4.90", "其他不合格", "Other", CatNotEligible, false},
	}
}

// LookupDisposition finds a code in Dispositions.
func LookupDisposition(code string) (Disposition, bool) {
	for _, d := range Dispositions() {
		if d.Code == code {
			return d, true
		}
	}
	return Disposition{}, false
}
