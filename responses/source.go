package responses

import (
	"pingyi/account"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/survey"
)

// allowedBySource applies the group's source (SPEC "Campaign definition
// document") to a submission: a group whose source is draw takes only the
// interviews of drawn cases, whose stratum and weight the draw fixes; only
// an external group's responses carry weights and strata of their own, and
// only an administrator may send them.
func allowedBySource(st *survey.Structure, g int, sub Submission) error {
	grp := st.Groups[g]
	if grp.FromDraw() {
		if sub.Case == 0 {
			return fault.Forbiddenf("group %q takes only the interviews of the phone draw's cases: record them in the phone console, or import them naming their cases", grp.Code)
		}
		return nil
	}
	if sub.Submitter == nil || (sub.Weight == 0 || sub.Weight == 1) && sub.Stratum == "" {
		return nil
	}
	if !grp.External() {
		var problems []fault.Problem
		if sub.Weight != 0 && sub.Weight != 1 {
			problems = append(problems, fault.P("weight", "the responses of group %q weigh 1: only a group whose source is external has weights of its own", grp.Code))
		}
		if sub.Stratum != "" {
			problems = append(problems, fault.P("stratum", "the responses of group %q have no stratum: only a group whose source is external has strata of its own", grp.Code))
		}
		return fault.WithProblems(problems, "the response has %d problems", len(problems))
	}
	if sub.Submitter.Role != string(account.Admin) {
		return fault.Forbiddenf("only an administrator may set the weight or stratum of a response of group %q", grp.Code)
	}
	return nil
}

// submitterEntry is the audit record of a response that a member of staff
// sent for someone: who, which response, and what they set. A
// respondent's own form is not audited (it is not a staff action).
func submitterEntry(st *survey.Structure, row Response, who audit.Actor) audit.Entry {
	group := ""
	for _, g := range st.Groups {
		if g.ID == row.GroupID {
			group = g.Code
		}
	}
	return audit.Entry{Actor: who, Action: "responses.submit", Object: "campaign:" + st.Campaign.Code,
		Detail: map[string]any{"ref": row.Ref, "group": group, "channel": row.Channel, "stratum": row.Stratum, "weight": row.Weight}}
}
