package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/collection"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
)

// revokeConfirmRoutes are the confirmations of withdrawing an invitation
// batch's unused links (the administrator's) and of revoking a batch of
// exclusions (the committee's); each POST insists on confirm=1.
func (s *Site) revokeConfirmRoutes(e *gin.Engine, admin *gin.RouterGroup) {
	s.On(admin, "GET", "/campaigns/:code/invitations/:id/revoke/confirm", httpx.AdminOnly, s.confirmWithdrawInvitations)
	rv := e.Group("/review", httpx.RequireFreshPassword)
	s.On(rv, "GET", "/:code/batches/revoke/confirm", httpx.CommitteeOnly, s.confirmRevokeExclusionBatch)
}

// withdrawPage is where an unconfirmed withdrawal of a batch is sent.
func withdrawPage(code string, id int64) string {
	return "/admin/campaigns/" + url.PathEscape(code) + "/invitations/" + httpx.Itoa(id) + "/revoke/confirm"
}

// revokeBatchConfirmPage is where an unconfirmed revocation of a batch of
// exclusions is sent, keeping the reason typed.
func revokeBatchConfirmPage(code, batch, reason string) string {
	return "/review/" + url.PathEscape(code) + "/batches/revoke/confirm?" + url.Values{"batch": {batch}, "reason": {reason}}.Encode()
}

func (s *Site) confirmWithdrawInvitations(c *gin.Context) {
	code := c.Param("code")
	id, err := httpx.PathID(c, "id")
	var b collection.BatchSummary
	if err == nil {
		b, err = s.invitationBatch(c, code, id)
	}
	if err == nil {
		err = withdrawBlocked(b)
	}
	if err != nil {
		s.Fail(c, err)
		return
	}
	lang := httpx.Lang(c)
	s.renderConfirm(c, confirmPage{
		Heading: i18n.M("Withdraw the %d unused invitations of batch #%d?", b.Open, b.ID).In(lang),
		Facts: []confirmFact{
			fact(lang, i18n.M("Batch"), "#"+httpx.Itoa(b.ID)+" "+b.Label),
			fact(lang, i18n.M("Group"), b.Group.Name),
			fact(lang, i18n.M("Invitations"), strconv.Itoa(b.Size)),
			fact(lang, i18n.M("Used"), strconv.Itoa(b.Used)),
			fact(lang, i18n.M("Unused, to be withdrawn"), strconv.Itoa(b.Open)),
		},
		Effects: []string{
			i18n.M("The %d unused links stop working at once: whoever opens one is told it was withdrawn.", b.Open).In(lang),
			i18n.M("The %d responses already given through this batch are kept and still count.", b.Used).In(lang),
			i18n.M("Tickets printed from this batch afterwards are marked void. A withdrawal cannot be undone: create a new batch if needed.").In(lang),
		},
		Action: "/admin/campaigns/" + code + "/invitations/" + httpx.Itoa(id) + "/revoke",
		Button: i18n.M("Withdraw %d invitations", b.Open).In(lang),
		Back:   "/admin/campaigns/" + code + "/invitations",
	})
}

// invitationBatch finds one batch of a campaign, with its counts.
func (s *Site) invitationBatch(c *gin.Context, code string, id int64) (collection.BatchSummary, error) {
	batches, err := s.Collection.Batches(c, code)
	if err != nil {
		return collection.BatchSummary{}, err
	}
	for _, b := range batches {
		if b.ID == id {
			return b, nil
		}
	}
	return collection.BatchSummary{}, fault.NotFoundf("no invitation batch %d in campaign %q", id, code)
}

// withdrawBlocked is why a batch's links cannot be withdrawn: nil when
// they can. The invitations page says the same beside the batch.
func withdrawBlocked(b collection.BatchSummary) error {
	switch {
	case b.RevokedAt != nil:
		return fault.Conflictf("batch #%d was withdrawn already", b.ID)
	case b.Open == 0:
		return fault.Conflictf("every invitation of batch #%d has been used: there is nothing to withdraw", b.ID)
	}
	return nil
}

func (s *Site) confirmRevokeExclusionBatch(c *gin.Context) {
	code, batch := c.Param("code"), strings.TrimSpace(c.Query("batch"))
	list, err := s.Responses.Exclusions(c, code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	var refs []string
	for _, e := range list {
		if e.Active() && e.Batch != nil && *e.Batch == batch {
			refs = append(refs, e.Ref)
		}
	}
	if len(refs) == 0 {
		s.Fail(c, fault.Conflictf("no exclusion of batch %q is in force: there is nothing to revoke", batch))
		return
	}
	slices.Sort(refs)
	lang := httpx.Lang(c)
	s.renderConfirm(c, confirmPage{
		Heading: i18n.M("Revoke the %d exclusions of batch %s?", len(refs), batch).In(lang),
		Facts: []confirmFact{
			fact(lang, i18n.M("Batch label"), batch),
			fact(lang, i18n.M("Exclusions in force"), strconv.Itoa(len(refs))),
			fact(lang, i18n.M("Responses to count again"), strings.Join(refs, " ")),
		},
		Effects: []string{
			i18n.M("These %d responses count again in the next score run; runs already computed are not changed.", len(refs)).In(lang),
			i18n.M("The exclusions stay listed as revoked, with your name and reason, and in the audit log.").In(lang),
		},
		Action: "/review/" + code + "/batches/revoke",
		Fields: []confirmFact{{Label: "batch", Value: batch}},
		Note:   &confirmNote{Name: "reason", Label: i18n.M("Reason (required)").In(lang), Value: c.Query("reason")},
		Button: i18n.M("Revoke %d exclusions", len(refs)).In(lang),
		Back:   "/review/" + code + "/exclusions",
	})
}
