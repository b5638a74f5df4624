package web

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/appeals"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/rectification"
)

// publicAppealLookupAppeals is what /q needs of the ledger.
type publicAppealLookupAppeals interface {
	Lookup(ctx context.Context, number, password, addrHash string) (appeals.PublicView, error)
	RateReply(ctx context.Context, number, password, addrHash, result string) error
	AskReview(ctx context.Context, number, password, addrHash string) error
}

// publicAppealLookupRectification is what /q needs of rectification: the
// follow-up of a task that came from the case, asked of the person here.
type publicAppealLookupRectification interface {
	PendingFollowUps(ctx context.Context) ([]rectification.PendingFollowUp, error)
	AnswerFollowUp(ctx context.Context, actor audit.Actor, taskID int64, answer rectification.Satisfaction) error
}

// qPerson is who answers a follow-up at /q: the person who holds the
// case's number and password, signed in as no one (the ledger records its
// own /q steps under the same login).
var qPerson = audit.Actor{Login: "public"}

// qCaseNumber is the shape of a public number: the year and eight digits.
var qCaseNumber = regexp.MustCompile(`^\d{12}$`)

// caseLookupPage is what /q shows: the form, and once unlocked the case, its
// open follow-ups and the number and password again (in the page's POST
// forms, never in an address) for the next step.
type caseLookupPage struct {
	Number, Password string
	Case             *appeals.PublicView
	FollowUps        []rectification.PendingFollowUp
	Done             string // what the last step did
	Resolved         string // "yes", "no" or "" before a reply
	Deadline         string // as a person reads it: "2026-12-08 24:00"
	ReviewUntil      string
}

// endOfDayText writes a deadline at 24:00 China time as the end of its
// day ("2026-12-08 24:00"), not as the next day's 00:00.
func endOfDayText(t *time.Time) string {
	if t == nil {
		return ""
	}
	d := t.In(i18n.China)
	if d.Hour() == 0 && d.Minute() == 0 && d.Second() == 0 {
		return d.AddDate(0, 0, -1).Format("2006-01-02") + " 24:00"
	}
	return d.Format("2006-01-02 15:04")
}

// caseLookupForm asks for the number and the password.
func (s *Site) caseLookupForm(c *gin.Context) {
	httpx.NoStore(c)
	s.renderCaseLookup(c, http.StatusOK, caseLookupPage{})
}

func (s *Site) renderCaseLookup(c *gin.Context, status int, p caseLookupPage) {
	httpx.NoStore(c)
	if p.Case == nil {
		p.Password = "" // never sent back on a refusal
	}
	s.Render(c, status, "q", i18n.T(httpx.Lang(c), "Follow a case"), p)
}

// lookup shows the case to whoever holds its number and password. An
// unknown number, a wrong password and a case without one get the same
// page; too many guesses a 429 with the time to try again.
func (s *Site) qLookup(c *gin.Context) {
	s.qStep(c, func(number, password string) (string, error) { return "", nil })
}

// qRateReply records the person's callback, then shows the case.
func (s *Site) qRateReply(c *gin.Context) {
	s.qStep(c, func(number, password string) (string, error) {
		const done = "Thank you: your rating was recorded."
		result := c.PostForm("result")
		if result != appeals.Satisfied && result != appeals.Basic && result != appeals.Dissatisfied {
			return done, fault.Invalidf("choose 满意, 基本满意 or 不满意")
		}
		return done, s.Appeals.RateReply(c, number, password, s.IPHash(c), result)
	})
}

// qAskReview reopens the case for a review, then shows it.
func (s *Site) qAskReview(c *gin.Context) {
	s.qStep(c, func(number, password string) (string, error) {
		return "Your request for a review was recorded: the case is open again.",
			s.Appeals.AskReview(c, number, password, s.IPHash(c))
	})
}

// qAnswerFollowUp records the person's satisfaction with the rectification
// of their case. The case is unlocked first, and only a follow-up of this
// case may be answered.
func (s *Site) qAnswerFollowUp(c *gin.Context) {
	s.qStep(c, func(number, password string) (string, error) {
		const done = "Thank you: your answer was recorded."
		if _, err := s.Appeals.Lookup(c, number, password, s.IPHash(c)); err != nil {
			return done, err
		}
		id, err := httpx.FormID(c, "task")
		if err != nil {
			return done, err
		}
		answer := rectification.Satisfaction(c.PostForm("answer"))
		switch answer {
		case rectification.Satisfied, rectification.FairlySatisfied, rectification.Dissatisfied:
		default: // "not reached" is the dispatcher's answer, not the person's
			return done, fault.Invalidf("choose 满意, 基本满意 or 不满意")
		}
		pending, err := s.qFollowUpsOf(c, number)
		if err != nil {
			return done, err
		}
		for _, p := range pending {
			if p.TaskID == id {
				return done, s.Rectification.AnswerFollowUp(c, qPerson, id, answer)
			}
		}
		return done, fault.Conflictf("this follow-up has been answered already")
	})
}

// qStep runs a step on the case named in the form, then shows the case
// (or the form again with the refusal).
func (s *Site) qStep(c *gin.Context, step func(number, password string) (string, error)) {
	number, password := strings.TrimSpace(c.PostForm("number")), c.PostForm("password")
	p := caseLookupPage{Number: number, Password: password}
	refuse := func(err error) {
		if e, ok := fault.As(err); ok && e.Kind == fault.NotFound {
			// Not a missing page: the one answer to every wrong guess.
			httpx.SetPageError(c, e.Text(httpx.Lang(c)))
			s.renderCaseLookup(c, http.StatusNotFound, caseLookupPage{Number: number})
			return
		}
		s.FailOnPage(c, err, func(status int) { s.renderCaseLookup(c, status, p) })
	}
	if !qCaseNumber.MatchString(number) || password == "" {
		// Not a guess worth counting: the shape alone is wrong.
		refuse(fault.NotFoundf("no case matches this number and password"))
		return
	}
	done, err := step(number, password)
	if err != nil {
		// A refused step on an unlocked case shows the case with why.
		if e, ok := fault.As(err); ok && e.Kind != fault.NotFound && e.Kind != fault.RateLimited && done != "" {
			if ferr := s.qFillCase(c, &p); ferr != nil {
				refuse(ferr)
				return
			}
			httpx.SetPageError(c, e.Text(httpx.Lang(c)))
			s.renderCaseLookup(c, httpx.StatusOf(e.Kind), p)
			return
		}
		refuse(err)
		return
	}
	if err := s.qFillCase(c, &p); err != nil {
		refuse(err)
		return
	}
	if done != "" {
		p.Done = i18n.T(httpx.Lang(c), done)
	}
	s.renderCaseLookup(c, http.StatusOK, p)
}

// qFillCase unlocks the case of p and adds its open follow-ups.
func (s *Site) qFillCase(c *gin.Context, p *caseLookupPage) error {
	v, err := s.Appeals.Lookup(c, p.Number, p.Password, s.IPHash(c))
	if err != nil {
		return err
	}
	p.Case = &v
	p.Deadline, p.ReviewUntil = endOfDayText(v.Deadline), endOfDayText(v.ReviewUntil)
	if v.Resolved != nil {
		p.Resolved = map[bool]string{true: "yes", false: "no"}[*v.Resolved]
	}
	p.FollowUps, err = s.qFollowUpsOf(c, p.Number)
	return err
}

func (s *Site) qFollowUpsOf(ctx context.Context, number string) ([]rectification.PendingFollowUp, error) {
	all, err := s.Rectification.PendingFollowUps(ctx)
	if err != nil {
		return nil, err
	}
	var out []rectification.PendingFollowUp
	for _, f := range all {
		if f.Case == number {
			out = append(out, f)
		}
	}
	return out, nil
}
