package responses

import (
	"pingyi/fault"
	"pingyi/survey"
)

// outsideScope refuses ratings and comments of units the respondent may
// not rate (SPEC: "a rating outside its group's scope is refused"): units
// outside their group's, or outside those they were asked about (Within:
// an invitation batch's units, a screened respondent's choice). Each is
// named by its path; prepare has already matched Ratings to Answers one
// for one.
func outsideScope(st *survey.Structure, nr NewResponse, sub Submission) error {
	var within map[string]bool
	if sub.Within != nil {
		within = make(map[string]bool, len(sub.Within))
		for _, code := range sub.Within {
			within[code] = true
		}
	}
	group := st.Groups[nr.Group]
	var problems []fault.Problem
	// A rating's path is spelt out only for a refusal: formatting it for
	// each of a form's 328 ratings was a tenth of a group's CPU.
	allowed := func(u int) bool {
		return st.InScope(nr.Group, u) && (within == nil || within[st.Units[u].Code])
	}
	refuse := func(path string, u int) {
		code := st.Units[u].Code
		if !st.InScope(nr.Group, u) {
			problems = append(problems, fault.P(path, "unit %q is not among the units group %q rates", code, group.Code))
		} else {
			problems = append(problems, fault.P(path, "unit %q is not among the units this respondent was asked about", code))
		}
	}
	for i, r := range nr.Ratings {
		if !allowed(r.Unit) {
			refuse(answerPath(i, ".unit"), r.Unit)
		}
	}
	for u := range nr.Comments {
		if !allowed(u) {
			refuse("comments."+st.Units[u].Code, u)
		}
	}
	if len(problems) > 0 {
		return fault.WithProblems(problems, "the response has %d problems", len(problems))
	}
	return nil
}
