package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/phone"
	"pingyi/responses"
	"pingyi/sampling"
	"pingyi/survey"
)

func consoleURL(code string) string { return "/phone/" + code }

// outcomeButton is one of the console's big outcome buttons; Key is its
// access key (Alt+Shift+digit in most browsers).
// outcomeButton is a quick outcome. No access keys: they need Alt (or
// Alt+Shift, by browser), and pages run no script to take plain keys;
// Tab and Enter work everywhere.
type outcomeButton struct {
	Code, Label string
}

type question struct {
	Code, Name string
	Auxiliary  bool
}

type attemptView struct {
	Number int
	Label  string
	At     time.Time
}

type consoleData struct {
	Campaign    survey.Campaign
	Case        *phone.Case
	Number      string // the held number, grouped for reading aloud
	UnitName    string
	Script      string
	Quick       []outcomeButton
	Others      []outcomeButton
	Questions   []question
	Scale       []survey.Option
	Attempts    []attemptView
	MaxAttempts int
	LastAttempt bool
	Recorded    string
	Receipt     string
	Notice      string
}

// consolePage is the operator's console: the held case's number, script,
// history and outcome buttons, and the questionnaire for its one unit; or,
// without a case, the button that asks for the next one.
func (s *Site) consolePage(c *gin.Context, status int, held *phone.Case, notice string) {
	st, set, err := s.phoneCampaign(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	lang := httpx.Lang(c)
	d := consoleData{Campaign: st.Campaign, Case: held, Scale: st.Scale, MaxAttempts: set.MaxAttempts, Notice: notice,
		Receipt: c.Query("receipt")}
	if r, ok := sampling.LookupDisposition(c.Query("recorded")); ok {
		d.Recorded = r.Code + " " + dispositionLabel(r, lang)
	}
	if held != nil {
		d.UnitName, d.Number = held.Unit, grouped(held.Phone.Canonical)
		if i, ok := st.UnitIndex(held.Unit); ok {
			d.UnitName = st.Units[i].Name
		}
		d.Script = strings.NewReplacer("{unit}", d.UnitName, "{campaign}", st.Campaign.Name).Replace(set.Script)
		for _, a := range held.Attempts {
			disp, _ := sampling.LookupDisposition(a.Disposition)
			d.Attempts = append(d.Attempts, attemptView{Number: a.Number, Label: a.Disposition + " " + dispositionLabel(disp, lang), At: a.RecordedAt})
		}
		d.LastAttempt = len(held.Attempts)+1 >= set.MaxAttempts
		quick, others := phone.OperatorOutcomes()
		for _, o := range quick {
			d.Quick = append(d.Quick, outcomeButton{Code: o.Code, Label: dispositionLabel(o.Disposition, lang)})
		}
		for _, o := range others {
			d.Others = append(d.Others, outcomeButton{Code: o.Code, Label: dispositionLabel(o.Disposition, lang)})
		}
		for _, ind := range st.Indicators {
			d.Questions = append(d.Questions, question{Code: ind.Code, Name: ind.Name, Auxiliary: ind.Auxiliary})
		}
	}
	httpx.NoStore(c) // the page shows a number
	s.Render(c, status, "phone_console", i18n.T(lang, "Phone console")+" · "+st.Campaign.Name, d)
}

// grouped writes a mobile number as 138 1234 5678, the way it is read out;
// a landline keeps its area code hyphen.
func grouped(canonical string) string {
	if len(canonical) == 11 && !strings.Contains(canonical, "-") {
		return canonical[:3] + " " + canonical[3:7] + " " + canonical[7:]
	}
	return canonical
}

func dispositionLabel(d sampling.Disposition, lang i18n.Lang) string {
	if lang == i18n.ZH {
		return d.Label
	}
	return d.LabelEN
}

func (s *Site) console(c *gin.Context) {
	held, err := s.Phone.Current(c, c.Param("code"), httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	s.consolePage(c, http.StatusOK, held, "")
}

func (s *Site) nextCase(c *gin.Context) {
	code := c.Param("code")
	held, err := s.Phone.Next(c, code, httpx.Who(c))
	if err != nil {
		s.FailOnPage(c, err, func(status int) { s.consolePage(c, status, nil, "") })
		return
	}
	notice := ""
	if held == nil {
		notice = i18n.T(httpx.Lang(c), "No number is due for a call now. Try again in a few minutes.")
	}
	s.consolePage(c, http.StatusOK, held, notice)
}

// failOnConsole shows a problem above the console with the case the
// operator still holds, if any.
func (s *Site) failOnConsole(c *gin.Context, err error) {
	s.FailOnPage(c, err, func(status int) {
		held, cerr := s.Phone.Current(c, c.Param("code"), httpx.Who(c))
		if cerr != nil {
			s.Fail(c, cerr)
			return
		}
		s.consolePage(c, status, held, "")
	})
}

func (s *Site) recordOutcome(c *gin.Context) {
	code := c.Param("code")
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	var in phone.Outcome
	if err := httpx.BindForm(c, &in); err != nil {
		s.failOnConsole(c, err)
		return
	}
	if _, err := s.Phone.Record(c, code, httpx.Who(c), id, in); err != nil {
		s.failOnConsole(c, err)
		return
	}
	httpx.Redirect(c, consoleURL(code)+"?recorded="+url.QueryEscape(in.Disposition))
}

func (s *Site) submitInterview(c *gin.Context) {
	code := c.Param("code")
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	in, err := interviewForm(c)
	if err != nil {
		s.failOnConsole(c, err)
		return
	}
	r, err := s.Phone.Interview(c, code, httpx.Who(c), id, in)
	if err != nil {
		s.failOnConsole(c, err)
		return
	}
	httpx.Redirect(c, consoleURL(code)+"?receipt="+url.QueryEscape(r.Ref))
}

// interviewForm reads the console's questionnaire: a radio group q_CODE
// per indicator, the comment, and which button was pressed.
func interviewForm(c *gin.Context) (phone.Interview, error) {
	if err := c.Request.ParseForm(); err != nil {
		return phone.Interview{}, fault.Malformedf("the form cannot be read")
	}
	in := phone.Interview{Answers: map[string]string{}, Comment: c.PostForm("comment"), Partial: c.PostForm("partial") != ""}
	for k, v := range c.Request.PostForm {
		if ind, ok := strings.CutPrefix(k, "q_"); ok && len(v) > 0 {
			in.Answers[ind] = v[0]
		}
	}
	return in, nil
}

func (s *Site) giveBack(c *gin.Context) {
	code := c.Param("code")
	id, err := httpx.PathID(c, "id")
	if err == nil {
		err = s.Phone.GiveBack(c, code, httpx.Who(c), id)
	}
	if err != nil {
		s.Fail(c, err)
		return
	}
	httpx.Redirect(c, consoleURL(code))
}

// phoneConsolePhone is what phone_console.go needs of phone.
type phoneConsolePhone interface {
	Current(ctx context.Context, code string, op audit.Actor) (*phone.Case, error)
	GiveBack(ctx context.Context, code string, op audit.Actor, caseID int64) error
	Interview(ctx context.Context, code string, op audit.Actor, caseID int64, in phone.Interview) (responses.Receipt, error)
	Next(ctx context.Context, code string, op audit.Actor) (*phone.Case, error)
	Record(ctx context.Context, code string, op audit.Actor, caseID int64, o phone.Outcome) (phone.Recorded, error)
}
