package web

import (
	"context"
	"encoding/csv"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/respond"
	"pingyi/survey"
	"pingyi/tabular"
)

// collectionView is the campaign page's account of collection: progress,
// and for administrators the open link's settings, as stored or as a
// refused form sent them.
type collectionView struct {
	Progress     survey.Progress
	Settings     respond.Settings
	Limit        string
	DefaultLimit int
	CanExport    bool
}

func (s *Site) collectionOf(c *gin.Context, st *survey.Structure) (*collectionView, error) {
	p, err := s.Campaigns.Progress(c, st.Campaign.Code)
	if err != nil {
		return nil, err
	}
	set, err := s.Respond.Settings(c, st.Campaign.ID)
	if err != nil {
		return nil, err
	}
	u, _ := httpx.CurrentUser(c)
	v := &collectionView{Progress: p, Settings: set, Limit: strconv.Itoa(s.Respond.Effective(set)),
		DefaultLimit: s.Respond.Effective(respond.Settings{}), CanExport: httpx.Admits(httpx.Overseers, u.Role)}
	if limit, sent := c.GetPostForm(fieldPerIPHour); sent {
		v.Limit, v.Settings.PhoneVerification = limit, c.PostForm("phone_verification") != ""
	}
	return v, nil
}

const fieldPerIPHour = "submissions_per_ip_hour"

func (s *Site) adminCollection(c *gin.Context) {
	set, err := collectionForm(c)
	if err == nil {
		err = s.Respond.SetSettings(c, c.Param("code"), set, httpx.Actor(c))
	}
	if err != nil {
		s.FailOnPage(c, err, func(status int) { s.renderCampaign(c, status) })
		return
	}
	httpx.Redirect(c, "/admin/campaigns/"+c.Param("code"))
}

// collectionForm reads the open link's settings; an empty limit is the
// server's default.
func collectionForm(c *gin.Context) (respond.Settings, error) {
	set := respond.Settings{PhoneVerification: c.PostForm("phone_verification") != ""}
	if v := strings.TrimSpace(c.PostForm(fieldPerIPHour)); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return set, fault.WithProblems([]fault.Problem{fault.P(fieldPerIPHour, "%s must be a whole number", fieldPerIPHour)},
				"the settings have %d problems", 1)
		}
		set.SubmissionsPerIPHour = &n
	}
	return set, nil
}

type invitationsPage struct {
	Campaign survey.Campaign
	Groups   []survey.Group
	Batches  []respond.BatchSummary
	Max      int
	Problems []fault.Problem
	Form     batchForm // what a refused form held
}

type batchForm struct{ Group, Size, Label string }

func (s *Site) adminInvitations(c *gin.Context) { s.invitationsPage(c, http.StatusOK, nil) }

func (s *Site) invitationsPage(c *gin.Context, status int, problems []fault.Problem) {
	st, err := s.Campaigns.Structure(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return
	}
	batches, err := s.Respond.Batches(c, st.Campaign.Code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	form := batchForm{Group: c.PostForm("group"), Size: c.PostForm("size"), Label: c.PostForm("label")}
	if form.Size == "" {
		form.Size = "50"
	}
	s.Render(c, status, "admin_invitations", i18n.T(httpx.Lang(c), "Invitations"),
		invitationsPage{Campaign: st.Campaign, Groups: st.Groups, Batches: batches, Max: respond.MaxBatch, Problems: problems, Form: form})
}

func (s *Site) adminCreateBatch(c *gin.Context) {
	size, err := strconv.Atoi(strings.TrimSpace(c.PostForm("size")))
	if err != nil {
		size = 0 // reported by CreateBatch as out of range
	}
	_, err = s.Respond.CreateBatch(c, c.Param("code"), c.PostForm("group"), size, c.PostForm("label"), httpx.Actor(c))
	if err != nil {
		s.FailOnForm(c, err, func(status int, problems []fault.Problem) { s.invitationsPage(c, status, problems) })
		return
	}
	httpx.Redirect(c, "/admin/campaigns/"+c.Param("code")+"/invitations")
}

// link is one invitation as exported.
type link struct {
	Seq  int
	URL  string
	Used bool
}

func (s *Site) batchLinks(c *gin.Context) (respond.BatchSummary, []link, bool) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return respond.BatchSummary{}, nil, false
	}
	b, links, err := s.Respond.Links(c, c.Param("code"), id, httpx.Actor(c))
	if err != nil {
		s.Fail(c, err)
		return respond.BatchSummary{}, nil, false
	}
	base := strings.TrimSuffix(s.PublicURL.String(), "/")
	out := make([]link, len(links))
	for i, l := range links {
		out[i] = link{Seq: l.Seq, URL: base + "/i/" + l.Token, Used: l.Used}
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
	w.Write([]string{"seq", "group", "link", "used"})
	for _, l := range links {
		w.Write([]string{strconv.Itoa(l.Seq), b.Group.Code, l.URL, strconv.FormatBool(l.Used)})
	}
	w.Flush()
}

type sheetPage struct {
	Campaign survey.Campaign
	Batch    respond.BatchSummary
	Links    []link
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
	s.Render(c, http.StatusOK, "invitation_sheet", i18n.T(httpx.Lang(c), "Invitations"), sheetPage{Campaign: st.Campaign, Batch: b, Links: links})
}

func (s *Site) adminRevokeBatch(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if err == nil {
		err = s.Respond.RevokeBatch(c, c.Param("code"), id, httpx.Actor(c))
	}
	if err != nil {
		s.Fail(c, err)
		return
	}
	httpx.Redirect(c, "/admin/campaigns/"+c.Param("code")+"/invitations")
}

type importPage struct {
	Campaign survey.Campaign
	Result   *survey.ImportResult
	Problems []fault.Problem
}

func (s *Site) adminImportForm(c *gin.Context) { s.importPage(c, http.StatusOK, nil, nil) }

func (s *Site) importPage(c *gin.Context, status int, result *survey.ImportResult, problems []fault.Problem) {
	st, err := s.Campaigns.Structure(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return
	}
	s.Render(c, status, "admin_import", i18n.T(httpx.Lang(c), "Import paper forms"), importPage{Campaign: st.Campaign, Result: result, Problems: problems})
}

// adminImport takes a file of paper forms and shows what it stored or
// every problem of the file, on the same page.
func (s *Site) adminImport(c *gin.Context) {
	result, err := s.importUpload(c)
	if err != nil {
		s.FailOnForm(c, err, func(status int, problems []fault.Problem) { s.importPage(c, status, nil, problems) })
		return
	}
	s.importPage(c, http.StatusCreated, &result, nil)
}

func (s *Site) importUpload(c *gin.Context) (survey.ImportResult, error) {
	f, err := httpx.Uploaded(c)
	if err != nil {
		return survey.ImportResult{}, err
	}
	defer f.Close()
	return s.Campaigns.ImportResponses(c, c.Param("code"), f, f.Format, httpx.Actor(c))
}

// adminCollectionCampaigns is what admin_collection.go needs of campaigns.
type adminCollectionCampaigns interface {
	ImportResponses(ctx context.Context, code string, src io.Reader, format tabular.Format, actor string) (survey.ImportResult, error)
	Progress(ctx context.Context, code string) (survey.Progress, error)
	Structure(ctx context.Context, code string) (*survey.Structure, error)
}

// adminCollectionCollection is what admin_collection.go needs of respond.
type adminCollectionCollection interface {
	Batches(ctx context.Context, code string) ([]respond.BatchSummary, error)
	CreateBatch(ctx context.Context, code, group string, size int, label, actor string) (respond.Batch, error)
	Effective(set respond.Settings) int
	Links(ctx context.Context, code string, batchID int64, actor string) (respond.BatchSummary, []respond.Link, error)
	RevokeBatch(ctx context.Context, code string, batchID int64, actor string) error
	SetSettings(ctx context.Context, code string, set respond.Settings, actor string) error
	Settings(ctx context.Context, campaignID int64) (respond.Settings, error)
}
