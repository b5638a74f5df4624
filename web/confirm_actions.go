package web

import (
	"context"
	"strconv"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/responses"
	"pingyi/review"
	"pingyi/survey"
)

// confirmRoutes are the confirmation pages of the irreversible actions;
// each action's POST (in routes.go) insists on confirm=1 from its page.
func (s *Site) confirmRoutes(e *gin.Engine, admin *gin.RouterGroup) {
	s.On(admin, "GET", "/campaigns/:code/status/confirm", httpx.AdminOnly, s.confirmStatus)
	s.On(admin, "GET", "/users/:id/disable/confirm", httpx.AdminOnly, s.confirmDisable)
	rv := e.Group("/review", httpx.RequireFreshPassword)
	s.On(rv, "GET", "/:code/runs/:run/approve/confirm", httpx.CommitteeOnly, s.confirmApprove)
	s.On(rv, "GET", "/:code/publish/confirm", httpx.CommitteeOnly, s.confirmPublish)
}

// statusEffects says what a status change does, for its confirmation;
// n is the number of responses received.
func statusEffects(to survey.Status, n int) []i18n.Msg {
	return map[survey.Status][]i18n.Msg{
		survey.Open: {i18n.M("The form's open link and invitations accept responses from now on."),
			i18n.M("The campaign's structure can no longer be changed once the first response arrives.")},
		survey.Closed: {i18n.M("The form's links stop accepting responses at once; respondents who are halfway are told collection has closed."),
			i18n.M("The %d responses received are kept; collection can be reopened later.", n)},
		survey.Draft: {i18n.M("The campaign leaves collection and its structure can be edited again."),
			i18n.M("This is possible only while the campaign has no responses.")},
		survey.Review: {i18n.M("Collection stays closed; the committee can approve score runs and publish the ranking."),
			i18n.M("Going back to collection afterwards needs closing the review first.")},
	}[to]
}

func (s *Site) confirmStatus(c *gin.Context) {
	code, to := c.Param("code"), survey.Status(c.Query("status"))
	st, err := s.Campaigns.Structure(c, code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	prog, err := s.Responses.Progress(c, code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	if why := statusBlocked(st.Campaign.Status, to, prog.Responses); why != nil {
		s.Fail(c, why)
		return
	}
	lang := httpx.Lang(c)
	p := confirmPage{
		Heading: i18n.M("%s: %s?", i18n.M("to:"+string(to)), st.Campaign.Name).In(lang),
		Facts: []confirmFact{
			fact(lang, i18n.M("Campaign"), st.Campaign.Name+" ("+code+")"),
			fact(lang, i18n.M("Status now"), i18n.T(lang, "status:"+string(st.Campaign.Status))),
			fact(lang, i18n.M("Status after"), i18n.T(lang, "status:"+string(to))),
			fact(lang, i18n.M("Responses received"), strconv.Itoa(prog.Responses)),
		},
		Action: "/admin/campaigns/" + code + "/status",
		Fields: []confirmFact{{Label: "status", Value: string(to)}},
		Button: i18n.T(lang, "to:"+string(to)),
		Back:   "/admin/campaigns/" + code,
	}
	for _, m := range statusEffects(to, prog.Responses) {
		p.Effects = append(p.Effects, m.In(lang))
	}
	s.renderConfirm(c, p)
}

// statusBlocked is why a status change cannot work now, said before the
// person tries: nil when it can.
func statusBlocked(from, to survey.Status, responses int) error {
	allowed := false
	for _, next := range survey.NextStatuses(from) {
		allowed = allowed || next == to
	}
	switch {
	case !allowed:
		return fault.Conflictf("a campaign that is %s cannot be moved to %s", i18n.M("status:"+string(from)), i18n.M("status:"+string(to)))
	case to == survey.Draft && responses > 0:
		return fault.Conflictf("the campaign has %d responses, so it cannot go back to draft: its structure must stay as they answered it", responses)
	}
	return nil
}

func (s *Site) confirmDisable(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	users, err := s.Accounts.List(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	var u *account.User
	for i := range users {
		if users[i].ID == id {
			u = &users[i]
		}
	}
	if u == nil {
		s.Fail(c, fault.NotFoundf("no account %d", id))
		return
	}
	if !u.Active() {
		s.Fail(c, fault.Conflictf("the account %s is already disabled", u.Login))
		return
	}
	lang := httpx.Lang(c)
	s.renderConfirm(c, confirmPage{
		Heading: i18n.M("Disable the account of %s?", u.DisplayName).In(lang),
		Facts: []confirmFact{
			fact(lang, i18n.M("Sign-in name"), u.Login),
			fact(lang, i18n.M("Full name"), u.DisplayName),
			fact(lang, i18n.M("Role"), i18n.T(lang, "role:"+string(u.Role))),
		},
		Effects: []string{
			i18n.M("%s is signed out at once and can no longer sign in.", u.DisplayName).In(lang),
			i18n.M("What they did stays in the audit log under their name; the account cannot be enabled again: create a new one if needed.").In(lang),
		},
		Action: "/admin/users/" + httpx.Itoa(id) + "/disable",
		Button: i18n.M("Disable the account").In(lang),
		Back:   "/admin/users",
	})
}

func (s *Site) confirmApprove(c *gin.Context) {
	code := c.Param("code")
	v, ok := s.confirmRun(c, code, "run", httpx.PathID)
	if !ok {
		return
	}
	lang := httpx.Lang(c)
	t := v.Status.Tally
	p := confirmPage{
		Heading: i18n.M("Approve score run %d?", v.Run.ID).In(lang),
		Facts:   runFacts(lang, v),
		Effects: []string{
			i18n.M("Your approval says you have checked this run's ranking; it is recorded in the audit log with the run's result digest.").In(lang),
			i18n.M("Approvals after yours: %d of the %d needed.", t.Approvals+1, t.Required).In(lang),
			i18n.M("You can withdraw your approval until the run is published.").In(lang),
		},
		Action: "/review/" + code + "/runs/" + httpx.Itoa(v.Run.ID) + "/approve",
		Button: i18n.M("Approve this run").In(lang),
		Back:   "/review/" + code + "?run=" + httpx.Itoa(v.Run.ID),
	}
	s.renderConfirm(c, p)
}

func (s *Site) confirmPublish(c *gin.Context) {
	code := c.Param("code")
	v, ok := s.confirmRun(c, code, "run", httpx.QueryID)
	if !ok {
		return
	}
	if !v.Status.Tally.Met {
		s.Fail(c, fault.Conflictf("score run %d has %d of the %d approvals needed: it can be published once it has them all", v.Run.ID, v.Status.Tally.Approvals, v.Status.Tally.Required))
		return
	}
	lang := httpx.Lang(c)
	version := len(v.Versions) + 1
	p := confirmPage{
		Heading: i18n.M("Publish %s as version %d?", v.Structure.Campaign.Name, version).In(lang),
		Facts:   append(runFacts(lang, v), fact(lang, i18n.M("Units ranked"), strconv.Itoa(len(v.Units)))),
		Effects: []string{
			i18n.M("The ranking of score run %d becomes public at %s, with its method, downloads and chart.", v.Run.ID, "/p/"+code+"/v/"+strconv.Itoa(version)).In(lang),
			i18n.M("A published version can never be changed or withdrawn: a mistake is corrected by publishing a new version with a note, and both stay public.").In(lang),
		},
		Action: "/review/" + code + "/publish",
		Fields: []confirmFact{{Label: "run", Value: httpx.Itoa(v.Run.ID)}},
		Button: i18n.M("Publish as version %d", version).In(lang),
		Back:   "/review/" + code + "?run=" + httpx.Itoa(v.Run.ID),
	}
	if len(v.Versions) > 0 {
		p.Note = &confirmNote{Label: i18n.M("What this correction changes, and why (required)").In(lang), Value: c.Query("change_note")}
	}
	s.renderConfirm(c, p)
}

// confirmRun loads the run a confirmation is about and refuses, in words,
// when approving or publishing it cannot work now.
func (s *Site) confirmRun(c *gin.Context, code, name string, parse func(*gin.Context, string) (int64, error)) (*review.Console, bool) {
	id, err := parse(c, name)
	if err == nil && id == 0 {
		err = fault.Invalidf("choose a score run")
	}
	var v *review.Console
	if err == nil {
		v, err = s.Review.Console(c, code, id)
	}
	if err == nil {
		err = runBlocked(v)
	}
	if err != nil {
		s.Fail(c, err)
		return nil, false
	}
	return v, true
}

// runBlocked is why a run cannot be approved or published now.
func runBlocked(v *review.Console) error {
	camp := v.Structure.Campaign
	switch {
	case camp.Status != survey.Review && camp.Status != survey.Published:
		return fault.Conflictf("the campaign is %s: score runs are approved and published once an administrator starts the review", i18n.M("status:"+string(camp.Status)))
	case v.Status.Published > 0:
		return fault.Conflictf("score run %d is already published as version %d", v.Run.ID, v.Status.Published)
	case !v.Status.Current:
		return fault.Conflictf("the data changed after score run %d was computed: compute a new run", v.Run.ID)
	}
	return nil
}

// runFacts is the preview of a run.
func runFacts(lang i18n.Lang, v *review.Console) []confirmFact {
	t := v.Status.Tally
	return []confirmFact{
		fact(lang, i18n.M("Campaign"), v.Structure.Campaign.Name),
		fact(lang, i18n.M("Score run"), httpx.Itoa(v.Run.ID)),
		fact(lang, i18n.M("Responses counted"), strconv.Itoa(v.Run.Responses)),
		fact(lang, i18n.M("Approvals"), i18n.M("%d approvals, %d needed", t.Approvals, t.Required).In(lang)),
		fact(lang, i18n.M("Input digest"), v.Run.InputDigest),
	}
}

// confirmActionsResponses is what confirm_actions.go needs of responses.
type confirmActionsResponses interface {
	Progress(ctx context.Context, code string) (responses.Progress, error)
}
