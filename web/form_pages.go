package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"pingyi/collection"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/responses"
	"pingyi/survey"
)

// The form's field names: r:UNIT:INDICATOR holds an option code and
// c:UNIT a comment. Codes never contain a colon.
func ratingField(unit, indicator string) string { return "r:" + unit + ":" + indicator }
func commentField(unit string) string           { return "c:" + unit }

type pageData struct {
	Base          string
	Number, Total int
	Category      string
	Part, Parts   int
	Last          bool
	Units         []unitView
	Problems      []fault.Problem
}

type unitView struct {
	Code, Name, CommentField, Comment string
	DontKnow                          string // the label of the scale's 不了解, if it has one
	Level                             int
	Indicators                        []indicatorView
}

type indicatorView struct {
	Name    string
	Options []optionView
}

type optionView struct {
	Field, Value, Label string
	Checked             bool
}

// admitToPage admits a respondent to the form page of the :n parameter.
func (s *Site) admitToPage(c *gin.Context) (*form, collection.FormPage, bool) {
	f, ok := s.admitToForm(c)
	if !ok {
		return nil, collection.FormPage{}, false
	}
	p, ok := s.pageOf(c, f)
	return f, p, ok
}

// pageOf is the form page of the :n parameter; a number past the form is
// not found.
func (s *Site) pageOf(c *gin.Context, f *form) (collection.FormPage, bool) {
	n, err := strconv.Atoi(c.Param("n"))
	if err != nil || n < 1 || n > len(f.pages) {
		s.Fail(c, httpx.ErrNotFound)
		return collection.FormPage{}, false
	}
	return f.pages[n-1], true
}

func (s *Site) formPageView(c *gin.Context, f *form, p collection.FormPage, content collection.Content, status int, problems []fault.Problem) {
	d := pageData{Base: f.base, Number: p.Number, Total: len(f.pages), Category: p.Category.Name, Part: p.Part, Parts: p.Parts,
		Last: p.Number == len(f.pages), Problems: problems}
	for _, u := range p.Units {
		unit := f.st.Units[u]
		uv := unitView{Code: unit.Code, Name: unit.Name, Level: unit.Level, CommentField: commentField(unit.Code), Comment: content.Comments[u]}
		if x, ok := dontKnowOption(f.st); ok {
			uv.DontKnow = f.st.Scale[x].Label
		}
		for i, ind := range f.st.Indicators {
			iv := indicatorView{Name: ind.Name}
			chosen, rated := content.Ratings[collection.Cell{Unit: u, Indicator: i}]
			for o, opt := range f.st.Scale {
				iv.Options = append(iv.Options, optionView{Field: ratingField(unit.Code, ind.Code), Value: opt.Code,
					Label: opt.Label, Checked: rated && chosen == o})
			}
			uv.Indicators = append(uv.Indicators, iv)
		}
		d.Units = append(d.Units, uv)
	}
	title := i18n.M("Page %d of %d", p.Number, len(f.pages)).In(httpx.Lang(c)) + " · " + f.st.Campaign.Name
	s.Render(c, status, "form_page", title, d)
}

func (s *Site) formPage(c *gin.Context) {
	f, p, ok := s.admitToPage(c)
	if !ok {
		return
	}
	content, err := f.draft.Content(f.st)
	if err != nil {
		s.Fail(c, err)
		return
	}
	s.formPageView(c, f, p, content, http.StatusOK, nil)
}

// formSave keeps what a page sent and goes where the respondent asked:
// the next page, the previous one, or the review.
// A respondent of the open link whose cookie was lost has no draft any
// more: the page they send starts a new one rather than vanishing.
func (s *Site) formSave(c *gin.Context) {
	f, ok := s.admit(c)
	if !ok {
		return
	}
	p, ok := s.pageOf(c, f)
	if !ok {
		return
	}
	content, problems := f.readPage(c, p)
	if f.draft == nil && len(problems) == 0 {
		var err error
		if f.draft, err = s.Collection.StartDraft(c, f.key, s.IPHash(c)); err != nil {
			s.failOnRespondentForm(c, f, err, func(status int, problems []fault.Problem) { s.formPageView(c, f, p, content, status, problems) })
			return
		}
	}
	if len(problems) > 0 {
		httpx.SetPageError(c, i18n.M("the page has %d problems", len(problems)).In(httpx.Lang(c)))
		s.formPageView(c, f, p, content, http.StatusUnprocessableEntity, s.respondentProblems(c, f, problems))
		return
	}
	next, anchor := p.Number+1, ""
	if u, ok := f.dontKnow(c.PostForm("unknown"), p, content); ok {
		next, anchor = p.Number, "#u-"+f.st.Units[u].Code
	}
	switch c.PostForm("go") {
	case "prev":
		next = max(p.Number-1, 1)
	case "review":
		next = f.reviewPage()
	}
	if err := s.Collection.SavePage(c, f.draft.ID, f.st, p.Units, content, next); err != nil {
		if errors.Is(err, collection.ErrSubmitted) {
			httpx.Redirect(c, f.base+"/done")
			return
		}
		s.Fail(c, err)
		return
	}
	if f.needsPhone() && f.draft.PhoneHash == nil {
		httpx.Redirect(c, f.base+"/verify")
		return
	}
	httpx.Redirect(c, f.pageURL(next)+anchor)
}

// dontKnow answers every indicator of one unit of the page with the
// scale's "don't know" option (不了解): one tap for a unit the respondent
// never dealt with, instead of one per indicator. It says which unit, if
// the button named one of the page's and the scale has such an option.
func (f *form) dontKnow(code string, p collection.FormPage, content collection.Content) (int, bool) {
	x, ok := dontKnowOption(f.st)
	if code == "" || !ok {
		return 0, false
	}
	for _, u := range p.Units {
		if f.st.Units[u].Code == code {
			for i := range f.st.Indicators {
				content.Ratings[collection.Cell{Unit: u, Indicator: i}] = x
			}
			return u, true
		}
	}
	return 0, false
}

// dontKnowOption is the scale's first option that does not count (SPEC:
// "excluded", 不了解).
func dontKnowOption(st *survey.Structure) (int, bool) {
	for i, o := range st.Scale {
		if o.Excluded {
			return i, true
		}
	}
	return 0, false
}

// readPage reads a page's answers; an option that is not on the scale (a
// forged request) or an overlong comment is a problem.
func (f *form) readPage(c *gin.Context, p collection.FormPage) (collection.Content, []fault.Problem) {
	content := collection.Content{Ratings: map[collection.Cell]int{}, Comments: map[int]string{}}
	var problems []fault.Problem
	for _, u := range p.Units {
		unit := f.st.Units[u]
		for i, ind := range f.st.Indicators {
			v := c.PostForm(ratingField(unit.Code, ind.Code))
			if v == "" {
				continue
			}
			if o, ok := f.st.OptionIndex(v); ok {
				content.Ratings[collection.Cell{Unit: u, Indicator: i}] = o
			} else {
				problems = append(problems, fault.P(unit.Name, "unknown option %q", v))
			}
		}
		body := strings.TrimSpace(c.PostForm(commentField(unit.Code)))
		if utf8.RuneCountInString(body) > responses.MaxComment {
			problems = append(problems, fault.P(unit.Name, "a comment may have at most %d characters", responses.MaxComment))
		}
		content.Comments[u] = body
	}
	return content, problems
}

type reviewData struct {
	Base            string
	Answered, Units int
	LastPage        int
	Screen          bool // the respondent chose their units, and may change them
	Categories      []*reviewCategory
	Problems        []fault.Problem
}

type reviewCategory struct {
	Code, Name        string
	Units             int
	Answered, Skipped []reviewUnit
}

type reviewUnit struct {
	Name, Link, Comment string
	Partial             bool
	Summary             []string
}

func (s *Site) reviewView(c *gin.Context, f *form, status int, problems []fault.Problem) {
	content, err := f.draft.Content(f.st)
	if err != nil {
		s.Fail(c, err)
		return
	}
	lang := httpx.Lang(c)
	d := reviewData{Base: f.base, Units: len(f.units()), LastPage: len(f.pages), Problems: problems, Screen: f.group.Screens()}
	byCode := map[string]*reviewCategory{}
	for _, p := range f.pages {
		cat := byCode[p.Category.Code]
		if cat == nil {
			cat = &reviewCategory{Code: p.Category.Code, Name: p.Category.Name}
			byCode[p.Category.Code] = cat
			d.Categories = append(d.Categories, cat)
		}
		for _, u := range p.Units {
			cat.Units++
			ru := reviewUnit{Name: f.st.Units[u].Name, Link: f.pageURL(p.Number) + "#u-" + f.st.Units[u].Code, Comment: content.Comments[u]}
			for i, ind := range f.st.Indicators {
				if o, ok := content.Ratings[collection.Cell{Unit: u, Indicator: i}]; ok {
					ru.Summary = append(ru.Summary, i18n.M("%s: %s", ind.Name, f.st.Scale[o].Label).In(lang))
				}
			}
			switch {
			case len(ru.Summary) == 0:
				cat.Skipped = append(cat.Skipped, ru)
			default:
				ru.Partial = len(ru.Summary) < len(f.st.Indicators)
				cat.Answered = append(cat.Answered, ru)
				d.Answered++
			}
		}
	}
	s.Render(c, status, "form_review", i18n.T(lang, "Check your answers"), d)
}

func (s *Site) formReview(c *gin.Context) {
	f, ok := s.admitToForm(c)
	if !ok {
		return
	}
	s.reviewView(c, f, http.StatusOK, nil)
}

// formSubmit submits the draft. A second click, or a second tab, gets the
// first receipt: the draft's id is the idempotency key.
func (s *Site) formSubmit(c *gin.Context) {
	f, ok := s.admitToForm(c)
	if !ok {
		return
	}
	content, err := f.draft.Content(f.st)
	if err != nil {
		s.Fail(c, err)
		return
	}
	sub := content.Submission(f.st)
	sub.Group, sub.Channel, sub.StartedAt = f.group.Code, responses.Web, &f.draft.StartedAt
	sub.IdempotencyKey = "form-" + httpx.Itoa(f.draft.ID)
	sub.IPHash, sub.DeviceHash = s.IPHash(c), s.DeviceHash(c)
	_, err = s.Collection.Submit(c, f.st.Campaign.Code, collection.Input{Submission: sub, Token: f.token, Draft: f.draft})
	switch {
	case err == nil, errors.Is(err, collection.ErrSubmitted):
		httpx.Redirect(c, f.base+"/done")
	case errors.Is(err, collection.ErrUsedInvitation):
		httpx.Redirect(c, f.base)
	default:
		s.failOnRespondentForm(c, f, err, func(status int, problems []fault.Problem) { s.reviewView(c, f, status, problems) })
	}
}

type doneData struct {
	Name, Ref   string
	SubmittedAt time.Time
	Again       bool
}

// formDone is the thank-you page with the receipt code; it stays there for
// whoever opens the link again.
func (s *Site) formDone(c *gin.Context) {
	f, ok := s.lookupForm(c)
	if !ok {
		return
	}
	if f.draft == nil || f.draft.ResponseID == nil {
		httpx.Redirect(c, f.base)
		return
	}
	s.donePage(c, f, false)
}

func (s *Site) donePage(c *gin.Context, f *form, again bool) {
	r, err := s.Responses.ReceiptOf(c, *f.draft.ResponseID)
	if err != nil {
		s.Fail(c, err)
		return
	}
	title := i18n.T(httpx.Lang(c), "Thank you")
	s.Render(c, http.StatusOK, "form_done", title, doneData{Name: f.st.Campaign.Name, Ref: r.Ref, SubmittedAt: r.SubmittedAt, Again: again})
}

// formPagesCollection is what form_pages.go needs of collection.
type formPagesCollection interface {
	SavePage(ctx context.Context, draftID int64, st *survey.Structure, units []int, page collection.Content, next int) error
	Submit(ctx context.Context, code string, in collection.Input) (responses.Receipt, error)
}

// formPagesResponses is what form_pages.go needs of responses.
type formPagesResponses interface {
	ReceiptOf(ctx context.Context, responseID int64) (responses.Receipt, error)
}
