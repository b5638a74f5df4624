package web

import (
	"context"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/audit"
	"pingyi/collection"
	"pingyi/fault"
	"pingyi/httpx"
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

func (s *Site) collectionOf(c *gin.Context, st *survey.Structure) (*collectionView, error) {
	p, err := s.Responses.Progress(c, st.Campaign.Code)
	if err != nil {
		return nil, err
	}
	set, err := s.Collection.Settings(c, st.Campaign.ID)
	if err != nil {
		return nil, err
	}
	u, _ := httpx.CurrentUser(c)
	v := &collectionView{Progress: p, Settings: set, Limit: strconv.Itoa(s.Collection.Effective(set)),
		DefaultLimit: s.Collection.Effective(collection.Settings{}), CanExport: httpx.Admits(httpx.Overseers, u.Role)}
	if limit, sent := c.GetPostForm(fieldPerIPHour); sent {
		v.Limit, v.Settings.PhoneVerification = limit, c.PostForm("phone_verification") != ""
	}
	return v, nil
}

const fieldPerIPHour = "submissions_per_ip_hour"

func (s *Site) adminCollection(c *gin.Context) {
	set, err := collectionForm(c)
	if err == nil {
		err = s.Collection.SetSettings(c, c.Param("code"), set, httpx.Who(c))
	}
	if err != nil {
		s.FailOnPage(c, err, func(status int) { s.renderCampaign(c, status) })
		return
	}
	httpx.Redirect(c, "/admin/campaigns/"+c.Param("code"))
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

// adminCollectionCollection is what admin_collection.go needs of collection.
type adminCollectionCollection interface {
	Effective(set collection.Settings) int
	SetSettings(ctx context.Context, code string, set collection.Settings, actor audit.Actor) error
	Settings(ctx context.Context, campaignID int64) (collection.Settings, error)
}

// adminCollectionResponses is what admin_collection.go needs of responses.
type adminCollectionResponses interface {
	Progress(ctx context.Context, code string) (responses.Progress, error)
}
