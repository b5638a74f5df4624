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
	check := func(path string, u int) {
		code := st.Units[u].Code
		switch {
		case !st.InScope(nr.Group, u):
			problems = append(problems, fault.P(path, "unit %q is not among the units group %q rates", code, group.Code))
		case within != nil && !within[code]:
			problems = append(problems, fault.P(path, "unit %q is not among the units this respondent was asked about", code))
		}
	}
	for i, r := range nr.Ratings {
		check(answerPath(i, ".unit"), r.Unit)
	}
	for u := range nr.Comments {
		check("comments."+st.Units[u].Code, u)
	}
	if len(problems) > 0 {
		return fault.WithProblems(problems, "the response has %d problems", len(problems))
	}
	return nil
}
