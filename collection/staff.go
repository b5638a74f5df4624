package collection

import (
	"pingyi/account"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/survey"
)

// staffMayAnswer says whether a member of staff may send a response to its
// group without an invitation: to the open group (a kiosk), and, for an
// administrator, to a group whose source is external (data entry). An
// invitation-only group takes a response only with its invitation; a
// group from a draw only the interviews of its cases (responses.Submit
// says so in its own words). It is a submission's Admit check: it runs
// on the structure the submission is checked against, which spares every
// kiosk's form a read of the campaign before it is queued.
func staffMayAnswer(st *survey.Structure, sub *responses.Submission) error {
	open, hasOpen := st.OpenGroup()
	if sub.Group == "" && hasOpen {
		sub.Group = open.Code
	}
	i, ok := st.GroupIndex(sub.Group)
	if !ok {
		return nil // responses.Submit names the unknown group
	}
	g := st.Groups[i]
	admin := sub.Submitter != nil && sub.Submitter.Role == string(account.Admin)
	switch {
	case g.OpenLink, g.FromDraw(), g.External() && admin:
		return nil
	case g.External():
		return fault.Forbiddenf("only an administrator may enter the responses of group %q, whose source is external", g.Code)
	}
	return fault.Forbiddenf("group %q answers by invitation only: send the response with its invitation's token", g.Code)
}
