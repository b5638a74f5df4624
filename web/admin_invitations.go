package web

import (
	"context"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"

	"pingyi/audit"
	"pingyi/collection"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/survey"
)

// invitationsPage lists a campaign's invitation batches, with the form
// that creates one; each batch is downloaded as CSV or printed.
type invitationsPage struct {
	Campaign survey.Campaign
	Groups   []survey.Group
	Batches  []collection.BatchSummary
	Max      int
	Problems []fault.Problem
	Form     batchForm // what a refused form held
}

type batchForm struct{ Group, Size, Label, Units string }

func (s *Site) adminInvitations(c *gin.Context) { s.invitationsPage(c, http.StatusOK, nil) }

func (s *Site) invitationsPage(c *gin.Context, status int, problems []fault.Problem) {
	st, err := s.Campaigns.Structure(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return
	}
	batches, err := s.Collection.Batches(c, st.Campaign.Code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	form := batchForm{Group: c.PostForm("group"), Size: c.PostForm("size"), Label: c.PostForm("label"), Units: c.PostForm("units")}
	if form.Size == "" {
		form.Size = "50"
	}
	s.Render(c, status, "admin_invitations", i18n.T(httpx.Lang(c), "Invitations"),
		invitationsPage{Campaign: st.Campaign, Groups: st.Groups, Batches: batches, Max: collection.MaxBatch, Problems: problems, Form: form})
}

func (s *Site) adminCreateBatch(c *gin.Context) {
	size, err := strconv.Atoi(strings.TrimSpace(c.PostForm("size")))
	if err != nil {
		size = 0 // reported by CreateBatch as out of range
	}
	_, err = s.Collection.CreateBatchFor(c, c.Param("code"), c.PostForm("group"), size, c.PostForm("label"), unitCodes(c.PostForm("units")), httpx.Who(c))
	if err != nil {
		s.FailOnForm(c, err, func(status int, problems []fault.Problem) { s.invitationsPage(c, status, problems) })
		return
	}
	httpx.Redirect(c, "/admin/campaigns/"+c.Param("code")+"/invitations")
}

// unitCodes splits the codes an administrator typed: spaces, commas
// (either width), 、 or new lines between them.
func unitCodes(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ';' || unicode.IsSpace(r) })
}

// link is one invitation as exported.
type link struct {
	Seq           int
	URL           string
	Used, Revoked bool
}

func (s *Site) batchLinks(c *gin.Context) (collection.BatchSummary, []link, bool) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return collection.BatchSummary{}, nil, false
	}
	b, links, err := s.Collection.Links(c, c.Param("code"), id, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return collection.BatchSummary{}, nil, false
	}
	base, _ := s.publicBase()
	out := make([]link, len(links))
	for i, l := range links {
		out[i] = link{Seq: l.Seq, URL: base + "/i/" + l.Token, Used: l.Used, Revoked: l.Revoked}
	}
	httpx.NoStore(c)
	return b, out, true
}

// adminBatchCSV downloads a batch's links, for mail merges and SMS tools.
func (s *Site) adminBatchCSV(c *gin.Context) {
	b, links, ok := s.batchLinks(c)
	if !ok {
		return
	}
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="invitations-`+c.Param("code")+`-`+httpx.Itoa(b.ID)+`.csv"`)
	c.Writer.WriteString("\ufeff")
	w := csv.NewWriter(c.Writer)
	w.Write([]string{"seq", "group", "link", "used", "revoked"})
	for _, l := range links {
		w.Write([]string{strconv.Itoa(l.Seq), b.Group.Code, l.URL, strconv.FormatBool(l.Used), strconv.FormatBool(l.Revoked)})
	}
	w.Flush()
}

type sheetPage struct {
	Campaign survey.Campaign
	Batch    collection.BatchSummary
	Links    []link
	Public   openLink // only URL and Local: the warning when the links lead nowhere
}

// adminBatchSheet is a batch's printable sheet: one cut-out ticket per
// invitation, with its link and QR code.
func (s *Site) adminBatchSheet(c *gin.Context) {
	b, links, ok := s.batchLinks(c)
	if !ok {
		return
	}
	st, err := s.Campaigns.Structure(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return
	}
	base, local := s.publicBase()
	s.Render(c, http.StatusOK, "invitation_sheet", i18n.T(httpx.Lang(c), "Invitations"),
		sheetPage{Campaign: st.Campaign, Batch: b, Links: links, Public: openLink{URL: base, Local: local}})
}

// adminRevokeBatch withdraws a batch's unused links, once confirmed on
// confirm_revoke.go's page.
func (s *Site) adminRevokeBatch(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if err == nil && !confirmed(c, withdrawPage(c.Param("code"), id)) {
		return
	}
	if err == nil {
		err = s.Collection.RevokeBatch(c, c.Param("code"), id, httpx.Who(c))
	}
	if err != nil {
		s.Fail(c, err)
		return
	}
	s.RedirectWithNotice(c, "/admin/campaigns/"+c.Param("code")+"/invitations", i18n.M("The unused invitations of batch #%d are withdrawn.", id))
}

// adminInvitationsCampaigns is what admin_invitations.go needs of campaigns.
type adminInvitationsCampaigns interface {
	Structure(ctx context.Context, code string) (*survey.Structure, error)
}

// adminInvitationsCollection is what admin_invitations.go needs of collection.
type adminInvitationsCollection interface {
	Batches(ctx context.Context, code string) ([]collection.BatchSummary, error)
	CreateBatchFor(ctx context.Context, code, group string, size int, label string, units []string, actor audit.Actor) (collection.Batch, error)
	Links(ctx context.Context, code string, batchID int64, actor audit.Actor) (collection.BatchSummary, []collection.Link, error)
	RevokeBatch(ctx context.Context, code string, batchID int64, actor audit.Actor) error
}
