package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/responses"
	"pingyi/survey"
)

// exclusionsPage lists every exclusion, active and revoked, with forms to
// exclude by ref and to revoke.
type exclusionsPage struct {
	Campaign   survey.Campaign
	Exclusions []exclusionRow
	Batches    []string // batches with active exclusions
	CanExclude bool
	Form       responses.ExclusionRequest
	RefsText   string
}

type exclusionRow struct {
	responses.ExclusionRecord
	By, RevokedBy string
}

func (s *Site) reviewExclusions(c *gin.Context) { s.renderExclusions(c, http.StatusOK) }

func (s *Site) renderExclusions(c *gin.Context, status int) {
	code := c.Param("code")
	camp, err := s.Campaigns.Structure(c, code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	list, err := s.Responses.Exclusions(c, code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	names, err := s.Accounts.Names(c, func(u account.User) string { return u.DisplayName + " (" + u.Login + ")" })
	if err != nil {
		s.Fail(c, err)
		return
	}
	u, _ := httpx.CurrentUser(c)
	p := exclusionsPage{Campaign: camp.Campaign, CanExclude: httpx.Admits(httpx.CommitteeOnly, u.Role),
		Form: exclusionForm(c), RefsText: c.PostForm("refs_text")}
	seen := map[string]bool{}
	for _, e := range list {
		row := exclusionRow{ExclusionRecord: e, By: names[e.CreatedBy]}
		if e.RevokedBy != nil {
			row.RevokedBy = names[*e.RevokedBy]
		}
		if e.Active() && e.Batch != nil && !seen[*e.Batch] {
			seen[*e.Batch] = true
			p.Batches = append(p.Batches, *e.Batch)
		}
		p.Exclusions = append(p.Exclusions, row)
	}
	s.Render(c, status, "review_exclusions", camp.Campaign.Name, p)
}

// exclusionForm reads an exclusion from a form: refs ticked in a flag's
// list and refs typed (or pasted) into the text box, one decision.
func exclusionForm(c *gin.Context) responses.ExclusionRequest {
	refs := c.PostFormArray("refs")
	refs = append(refs, strings.Fields(c.PostForm("refs_text"))...)
	return responses.ExclusionRequest{Refs: refs, Reason: c.PostForm("reason"), Batch: c.PostForm("batch")}
}

func (s *Site) excludePage(c *gin.Context) {
	code := c.Param("code")
	if _, err := s.Responses.Exclude(c, code, exclusionForm(c), httpx.Who(c)); err != nil {
		s.FailOnPage(c, err, func(status int) { s.renderExclusions(c, status) })
		return
	}
	httpx.Redirect(c, "/review/"+code+"/exclusions")
}

func (s *Site) revokePage(c *gin.Context) {
	code := c.Param("code")
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	if err := s.Responses.RevokeExclusion(c, code, id, c.PostForm("reason"), httpx.Who(c)); err != nil {
		s.FailOnPage(c, err, func(status int) { s.renderExclusions(c, status) })
		return
	}
	httpx.Redirect(c, "/review/"+code+"/exclusions")
}

// revokeBatchPage reinstates a batch's excluded responses, once confirmed
// on confirm_revoke.go's page.
func (s *Site) revokeBatchPage(c *gin.Context) {
	code, batch := c.Param("code"), c.PostForm("batch")
	if !confirmed(c, revokeBatchConfirmPage(code, batch, c.PostForm("reason"))) {
		return
	}
	n, err := s.Responses.RevokeBatch(c, code, batch, c.PostForm("reason"), httpx.Who(c))
	if err != nil {
		s.FailOnPage(c, err, func(status int) { s.renderExclusions(c, status) })
		return
	}
	s.RedirectWithNotice(c, "/review/"+code+"/exclusions", i18n.M("%d responses of batch %s count again.", n, batch))
}

// reviewExclusionsAccounts is what review_exclusions.go needs of accounts.
type reviewExclusionsAccounts interface {
	Names(ctx context.Context, name func(account.User) string) (map[int64]string, error)
}

// reviewExclusionsCampaigns is what review_exclusions.go needs of campaigns.
type reviewExclusionsCampaigns interface {
	Structure(ctx context.Context, code string) (*survey.Structure, error)
}

// reviewExclusionsResponses is what review_exclusions.go needs of responses.
type reviewExclusionsResponses interface {
	Exclude(ctx context.Context, code string, in responses.ExclusionRequest, by audit.Actor) (responses.ExclusionResult, error)
	Exclusions(ctx context.Context, code string) ([]responses.ExclusionRecord, error)
	RevokeBatch(ctx context.Context, code, batch, reason string, by audit.Actor) (int, error)
	RevokeExclusion(ctx context.Context, code string, id int64, reason string, by audit.Actor) error
}
