package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"pingyi/collection"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/survey"
)

// form is a respondent's form as a request finds it: through the open link
// /s/:code (keyed by the device) or an invitation /i/:token (keyed by the
// invitation).
type form struct {
	st       *survey.Structure
	base     string
	inv      *collection.Invitation
	token    string
	group    survey.Group
	key      collection.DraftKey
	settings collection.Settings
	draft    *collection.Draft
	pages    []collection.FormPage
}

// reviewPage is the page number a draft stores for the review step.
func (f *form) reviewPage() int { return len(f.pages) + 1 }

func (f *form) needsPhone() bool { return f.inv == nil && f.settings.PhoneVerification }

func (f *form) pageURL(n int) string {
	if n > len(f.pages) {
		return f.base + "/review"
	}
	return f.base + "/p/" + strconv.Itoa(max(n, 1))
}

// resumeURL is where a returning respondent goes on.
func (f *form) resumeURL() string {
	if f.needsPhone() && f.draft.PhoneHash == nil {
		return f.base + "/verify"
	}
	if f.mustScreen() {
		return f.base + "/screen"
	}
	return f.pageURL(f.draft.Page)
}

// lookupForm finds the form of a request; a link that leads nowhere gets
// its own clear page.
func (s *Site) lookupForm(c *gin.Context) (*form, bool) {
	httpx.NoStore(c)
	var f form
	if token := c.Param("token"); token != "" {
		inv, err := s.Collection.Invitation(c, token)
		if errors.Is(err, collection.ErrUnknownInvitation) {
			s.notice(c, http.StatusNotFound, i18n.M("This invitation link is not valid"),
				i18n.M("Check that the whole link was copied: after /i/ come 16 letters and digits."),
				i18n.M("If it still does not work, ask whoever invited you for a new link."))
			return nil, false
		}
		if err != nil {
			s.Fail(c, err)
			return nil, false
		}
		f = form{st: inv.Structure, base: "/i/" + token, inv: &inv, token: token, group: inv.Group,
			key: collection.DraftKey{CampaignID: inv.Structure.Campaign.ID, InvitationID: inv.ID}}
	} else {
		st, err := s.Campaigns.Structure(c, c.Param("code"))
		if err != nil {
			s.Fail(c, err)
			return nil, false
		}
		g, ok := st.OpenGroup()
		if !ok {
			s.notice(c, http.StatusNotFound, i18n.M("This evaluation has no public link"),
				i18n.M("It is answered by invitation only."), i18n.M("If you were invited, use the link you were given."))
			return nil, false
		}
		f = form{st: st, base: "/s/" + st.Campaign.Code, group: g,
			key: collection.DraftKey{CampaignID: st.Campaign.ID, DeviceHash: s.DeviceHash(c)}}
	}
	var err error
	if f.draft, err = s.Collection.Draft(c, f.key); err == nil {
		f.settings, err = s.Collection.Settings(c, f.st.Campaign.ID)
	}
	if err != nil {
		s.Fail(c, err)
		return nil, false
	}
	f.pages = collection.PagesOf(f.st, f.units())
	return &f, true
}

// admit lets a respondent into the form, or shows the page that says why
// not: the device answered already (with its receipt), the invitation was
// used or withdrawn, collection is not on.
func (s *Site) admit(c *gin.Context) (*form, bool) {
	f, ok := s.lookupForm(c)
	if !ok {
		return nil, false
	}
	if f.inv == nil && f.draft != nil && f.draft.ResponseID != nil {
		s.donePage(c, f, true)
		return nil, false
	}
	if f.inv != nil {
		switch {
		case f.inv.UsedAt != nil:
			s.notice(c, http.StatusConflict, i18n.M("This invitation has already been used"),
				i18n.M("Answers were submitted with it on %s (Beijing time). Each invitation answers once.", DateTime(*f.inv.UsedAt)),
				i18n.M("If you did not submit them, tell whoever invited you."))
			return nil, false
		case f.inv.RevokedAt != nil:
			s.notice(c, http.StatusGone, i18n.M("This invitation has been withdrawn"),
				i18n.M("The organiser withdrew this invitation."), i18n.M("Ask whoever invited you for a new link."))
			return nil, false
		}
	}
	if f.st.Campaign.Status != survey.Open {
		why := i18n.M("Collection has ended.")
		if f.st.Campaign.Status == survey.Draft {
			why = i18n.M("It has not opened yet.")
		}
		s.notice(c, http.StatusConflict, i18n.M("This evaluation is not collecting responses"), why, i18n.M("Thank you for your interest."))
		return nil, false
	}
	return f, true
}

// admitToForm is admit for the steps that need a started form: without a
// draft the respondent goes to the start, without a verified phone (where
// the campaign asks for one) to the verification.
func (s *Site) admitToForm(c *gin.Context) (*form, bool) {
	f, ok := s.admit(c)
	if !ok {
		return nil, false
	}
	switch {
	case f.draft == nil:
		httpx.Redirect(c, f.base)
	case f.needsPhone() && f.draft.PhoneHash == nil:
		httpx.Redirect(c, f.base+"/verify")
	case f.mustScreen():
		httpx.Redirect(c, f.base+"/screen")
	default:
		return f, true
	}
	return nil, false
}

type noticeData struct {
	Heading, Message, Advice string
}

// notice is a respondent's page for a link that cannot be answered: a
// plain statement of what happened and what to do, never an error dump.
func (s *Site) notice(c *gin.Context, status int, heading, message, advice i18n.Msg) {
	lang := httpx.Lang(c)
	s.Render(c, status, "form_notice", heading.In(lang),
		noticeData{Heading: heading.In(lang), Message: message.In(lang), Advice: advice.In(lang)})
}

type introData struct {
	Base, Name, Organizer, Description, Group string
	Units, Pages, Minutes                     int
	Phone, Invitation, Screen                 bool
	Problems                                  []fault.Problem
}

// secondsPerRating is how long a respondent takes per indicator of a unit,
// for the intro's estimate.
const secondsPerRating = 2

// formMinutes is the one estimate of how long the form takes, wherever
// it is stated.
func formMinutes(st *survey.Structure) int {
	return max(2, (len(st.Units)*len(st.Indicators)*secondsPerRating+59)/60)
}

func (s *Site) introPage(c *gin.Context, f *form, status int, problems []fault.Problem) {
	d := introData{Base: f.base, Name: f.st.Campaign.Name, Organizer: f.st.Campaign.Organizer, Group: f.group.Name,
		Units: len(f.units()), Pages: len(f.pages), Screen: f.group.Screens(), Phone: f.needsPhone(), Invitation: f.inv != nil, Problems: problems,
		Minutes: formMinutes(f.st)}
	if f.st.Campaign.Description != nil {
		d.Description = *f.st.Campaign.Description
	}
	s.Render(c, status, "form_intro", f.st.Campaign.Name, d)
}

// formIntro is the first page of a link: who runs the evaluation, what it
// asks, how long it takes. A respondent who has started goes on where they
// stopped.
func (s *Site) formIntro(c *gin.Context) {
	f, ok := s.admit(c)
	if !ok {
		return
	}
	if f.draft != nil {
		httpx.Redirect(c, f.resumeURL())
		return
	}
	s.introPage(c, f, http.StatusOK, nil)
}

// formStart starts the form: the draft is made, which records when the
// respondent began; where the campaign asks for it, a code goes to the
// respondent's mobile first.
func (s *Site) formStart(c *gin.Context) {
	f, ok := s.admit(c)
	if !ok {
		return
	}
	if f.draft == nil {
		d, err := s.Collection.StartDraft(c, f.key, s.IPHash(c))
		if err != nil {
			s.failOnRespondentForm(c, f, err, func(status int, problems []fault.Problem) { s.introPage(c, f, status, problems) })
			return
		}
		f.draft = d
	}
	if f.needsPhone() && f.draft.PhoneHash == nil {
		if err := s.Collection.SendCode(c, f.draft, c.PostForm("phone"), s.IPHash(c)); err != nil {
			s.failOnRespondentForm(c, f, err, func(status int, problems []fault.Problem) { s.introPage(c, f, status, problems) })
			return
		}
	}
	httpx.Redirect(c, f.resumeURL())
}

type verifyData struct {
	Base     string
	Problems []fault.Problem
}

func (s *Site) verifyPage(c *gin.Context, f *form, status int, problems []fault.Problem) {
	s.Render(c, status, "form_verify", i18n.T(httpx.Lang(c), "Enter the code"), verifyData{Base: f.base, Problems: problems})
}

// admitToVerify admits a respondent who has a code to enter: the others
// go back to the start of the link, which sends them on.
func (s *Site) admitToVerify(c *gin.Context) (*form, bool) {
	f, ok := s.admit(c)
	if !ok {
		return nil, false
	}
	if f.draft == nil || !f.needsPhone() || f.draft.PhoneHash != nil {
		httpx.Redirect(c, f.base)
		return nil, false
	}
	return f, true
}

func (s *Site) formVerify(c *gin.Context) {
	if f, ok := s.admitToVerify(c); ok {
		s.verifyPage(c, f, http.StatusOK, nil)
	}
}

func (s *Site) formCheckCode(c *gin.Context) {
	f, ok := s.admitToVerify(c)
	if !ok {
		return
	}
	if err := s.Collection.CheckCode(c, f.draft, c.PostForm("code")); err != nil {
		s.failOnRespondentForm(c, f, err, func(status int, problems []fault.Problem) { s.verifyPage(c, f, status, problems) })
		return
	}
	httpx.Redirect(c, f.pageURL(f.draft.Page))
}

func (s *Site) formSendCode(c *gin.Context) {
	f, ok := s.admitToVerify(c)
	if !ok {
		return
	}
	if err := s.Collection.SendCode(c, f.draft, c.PostForm("phone"), s.IPHash(c)); err != nil {
		s.failOnRespondentForm(c, f, err, func(status int, problems []fault.Problem) { s.verifyPage(c, f, status, problems) })
		return
	}
	httpx.Redirect(c, f.base+"/verify")
}

// formAdmitCampaigns is what form_admit.go needs of campaigns.
type formAdmitCampaigns interface {
	Structure(ctx context.Context, code string) (*survey.Structure, error)
}

// formAdmitCollection is what form_admit.go needs of collection.
type formAdmitCollection interface {
	CheckCode(ctx context.Context, d *collection.Draft, code string) error
	Draft(ctx context.Context, key collection.DraftKey) (*collection.Draft, error)
	Invitation(ctx context.Context, token string) (collection.Invitation, error)
	SendCode(ctx context.Context, d *collection.Draft, phone, ipHash string) error
	Settings(ctx context.Context, campaignID int64) (collection.Settings, error)
	StartDraft(ctx context.Context, key collection.DraftKey, ipHash string) (*collection.Draft, error)
}
