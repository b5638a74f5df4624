package api

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/collection"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/responses"
	"pingyi/survey"
)

// collectionView is the campaign page's account of collection: progress,
// and for administrators the open link's settings, as stored or as a
// refused form sent them.
type collectionView struct {
	Progress     responses.Progress
	Settings     collection.Settings
	Limit        string
	DefaultLimit int
	CanExport    bool
}

func (s *Server) collectionOf(c *gin.Context, st *survey.Structure) (*collectionView, error) {
	p, err := s.Campaigns.Progress(c, st.Campaign.Code)
	if err != nil {
		return nil, err
	}
	set, err := s.Respond.Settings(c, st.Campaign.ID)
	if err != nil {
		return nil, err
	}
	u, _ := currentUser(c)
	v := &collectionView{Progress: p, Settings: set, Limit: strconv.Itoa(s.Respond.Effective(set)),
		DefaultLimit: s.Respond.Effective(collection.Settings{}), CanExport: admits(overseers, u.Role)}
	if limit, sent := c.GetPostForm(fieldPerIPHour); sent {
		v.Limit, v.Settings.PhoneVerification = limit, c.PostForm("phone_verification") != ""
	}
	return v, nil
}

const fieldPerIPHour = "submissions_per_ip_hour"

func (s *Server) adminCollection(c *gin.Context) {
	set, err := collectionForm(c)
	if err == nil {
		err = s.Respond.SetSettings(c, c.Param("code"), set, actor(c))
	}
	if err != nil {
		s.failOnPage(c, err, func(status int) { s.renderCampaign(c, status) })
		return
	}
	redirect(c, "/admin/campaigns/"+c.Param("code"))
}

// collectionForm reads the open link's settings; an empty limit is the
// server's default.
func collectionForm(c *gin.Context) (collection.Settings, error) {
	set := collection.Settings{PhoneVerification: c.PostForm("phone_verification") != ""}
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
	Batches  []collection.BatchSummary
	Max      int
	Problems []fault.Problem
	Form     batchForm // what a refused form held
}

type batchForm struct{ Group, Size, Label string }

func (s *Server) adminInvitations(c *gin.Context) { s.invitationsPage(c, http.StatusOK, nil) }

func (s *Server) invitationsPage(c *gin.Context, status int, problems []fault.Problem) {
	st, err := s.Campaigns.Structure(c, c.Param("code"))
	if err != nil {
		s.fail(c, err)
		return
	}
	batches, err := s.Respond.Batches(c, st.Campaign.Code)
	if err != nil {
		s.fail(c, err)
		return
	}
	form := batchForm{Group: c.PostForm("group"), Size: c.PostForm("size"), Label: c.PostForm("label")}
	if form.Size == "" {
		form.Size = "50"
	}
	s.page(c, status, "admin_invitations", i18n.T(langOf(c), "Invitations"),
		invitationsPage{Campaign: st.Campaign, Groups: st.Groups, Batches: batches, Max: collection.MaxBatch, Problems: problems, Form: form})
}

func (s *Server) adminCreateBatch(c *gin.Context) {
	size, err := strconv.Atoi(strings.TrimSpace(c.PostForm("size")))
	if err != nil {
		size = 0 // reported by CreateBatch as out of range
	}
	_, err = s.Respond.CreateBatch(c, c.Param("code"), c.PostForm("group"), size, c.PostForm("label"), actor(c))
	if err != nil {
		s.failOnForm(c, err, func(status int, problems []fault.Problem) { s.invitationsPage(c, status, problems) })
		return
	}
	redirect(c, "/admin/campaigns/"+c.Param("code")+"/invitations")
}

// link is one invitation as exported.
type link struct {
	Seq  int
	URL  string
	Used bool
}

func (s *Server) batchLinks(c *gin.Context) (collection.BatchSummary, []link, bool) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return collection.BatchSummary{}, nil, false
	}
	b, links, err := s.Respond.Links(c, c.Param("code"), id, actor(c))
	if err != nil {
		s.fail(c, err)
		return collection.BatchSummary{}, nil, false
	}
	base := strings.TrimSuffix(s.PublicURL.String(), "/")
	out := make([]link, len(links))
	for i, l := range links {
		out[i] = link{Seq: l.Seq, URL: base + "/i/" + l.Token, Used: l.Used}
	}
	noStore(c)
	return b, out, true
}

// adminBatchCSV downloads a batch's links, for mail merges and SMS tools.
func (s *Server) adminBatchCSV(c *gin.Context) {
	b, links, ok := s.batchLinks(c)
	if !ok {
		return
	}
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="invitations-`+c.Param("code")+`-`+itoa(b.ID)+`.csv"`)
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
	Batch    collection.BatchSummary
	Links    []link
}

// adminBatchSheet is a batch's printable sheet: one cut-out ticket per
// invitation, with its link and QR code.
func (s *Server) adminBatchSheet(c *gin.Context) {
	b, links, ok := s.batchLinks(c)
	if !ok {
		return
	}
	st, err := s.Campaigns.Structure(c, c.Param("code"))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.page(c, http.StatusOK, "invitation_sheet", i18n.T(langOf(c), "Invitations"), sheetPage{Campaign: st.Campaign, Batch: b, Links: links})
}

func (s *Server) adminRevokeBatch(c *gin.Context) {
	id, err := pathID(c, "id")
	if err == nil {
		err = s.Respond.RevokeBatch(c, c.Param("code"), id, actor(c))
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	redirect(c, "/admin/campaigns/"+c.Param("code")+"/invitations")
}

type importPage struct {
	Campaign survey.Campaign
	Result   *responses.ImportResult
	Problems []fault.Problem
}

func (s *Server) adminImportForm(c *gin.Context) { s.importPage(c, http.StatusOK, nil, nil) }

func (s *Server) importPage(c *gin.Context, status int, result *responses.ImportResult, problems []fault.Problem) {
	st, err := s.Campaigns.Structure(c, c.Param("code"))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.page(c, status, "admin_import", i18n.T(langOf(c), "Import paper forms"), importPage{Campaign: st.Campaign, Result: result, Problems: problems})
}

// adminImport takes a file of paper forms and shows what it stored or
// every problem of the file, on the same page.
func (s *Server) adminImport(c *gin.Context) {
	result, err := s.importUpload(c)
	if err != nil {
		s.failOnForm(c, err, func(status int, problems []fault.Problem) { s.importPage(c, status, nil, problems) })
		return
	}
	s.importPage(c, http.StatusCreated, &result, nil)
}

// importResponses is the API's import: the file in the multipart field
// "file"; 201 with the counts.
func (s *Server) importResponses(c *gin.Context) {
	result, err := s.importUpload(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"responses": result.Responses, "ratings": result.Ratings, "comments": result.Comments})
}

func (s *Server) importUpload(c *gin.Context) (responses.ImportResult, error) {
	f, err := uploaded(c)
	if err != nil {
		return responses.ImportResult{}, err
	}
	defer f.Close()
	return s.Campaigns.ImportResponses(c, c.Param("code"), f, f.format, actor(c))
}
