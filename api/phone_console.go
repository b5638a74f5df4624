package api

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/phone"
	"pingyi/sampling"
	"pingyi/survey"
)

func consoleURL(code string) string { return "/phone/" + code }

// outcomeButton is one of the console's big outcome buttons; Key is its
// access key (Alt+Shift+digit in most browsers).
type outcomeButton struct {
	Code, Label, Key string
}

// quickOutcomes are the outcomes of most calls, one key each; the rest of
// the AAPOR table is in a list below them.
var quickOutcomes = []struct{ code, key string }{
	{"3.13", "1"}, {"3.12", "2"}, {"2.21", "3"}, {"2.11", "4"}, {"2.12", "5"},
	{"4.31", "6"}, {"4.32", "7"}, {"3.14", "8"}, {"4.51", "9"}, {"4.70", "0"},
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
func (s *Server) consolePage(c *gin.Context, status int, held *phone.Case, notice string) {
	st, set, err := s.phoneCampaign(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	lang := langOf(c)
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
		quick := map[string]bool{}
		for _, q := range quickOutcomes {
			disp, _ := sampling.LookupDisposition(q.code)
			d.Quick = append(d.Quick, outcomeButton{Code: disp.Code, Label: dispositionLabel(disp, lang), Key: q.key})
			quick[q.code] = true
		}
		for _, disp := range sampling.Dispositions() {
			if !quick[disp.Code] && disp.Code != "1.1" && disp.Code != "1.2" && disp.Code != "4.80" {
				d.Others = append(d.Others, outcomeButton{Code: disp.Code, Label: dispositionLabel(disp, lang)})
			}
		}
		for _, ind := range st.Indicators {
			d.Questions = append(d.Questions, question{Code: ind.Code, Name: ind.Name, Auxiliary: ind.Auxiliary})
		}
	}
	noStore(c) // the page shows a number
	s.page(c, status, "phone_console", i18n.T(lang, "Phone console")+" · "+st.Campaign.Name, d)
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

func operatorID(c *gin.Context) int64 {
	u, _ := currentUser(c)
	return u.ID
}

func (s *Server) console(c *gin.Context) {
	held, err := s.Phone.Current(c, c.Param("code"), operatorID(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.consolePage(c, http.StatusOK, held, "")
}

// answerCase answers with the held case: JSON (204 when there is none)
// or the console.
func (s *Server) answerCase(c *gin.Context, held *phone.Case, notice string) {
	if isAPI(c) {
		noStore(c)
		if held == nil {
			c.Status(http.StatusNoContent)
			return
		}
		c.JSON(http.StatusOK, toCaseJSON(held))
		return
	}
	s.consolePage(c, http.StatusOK, held, notice)
}

func (s *Server) currentCase(c *gin.Context) {
	held, err := s.Phone.Current(c, c.Param("code"), operatorID(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.answerCase(c, held, "")
}

func (s *Server) nextCase(c *gin.Context) {
	code := c.Param("code")
	held, err := s.Phone.Next(c, code, operatorID(c))
	if err != nil {
		s.failOnPage(c, err, func(status int) { s.consolePage(c, status, nil, "") })
		return
	}
	notice := ""
	if held == nil {
		notice = i18n.T(langOf(c), "No number is due for a call now. Try again in a few minutes.")
	}
	s.answerCase(c, held, notice)
}

// failOnConsole shows a problem above the console with the case the
// operator still holds, if any.
func (s *Server) failOnConsole(c *gin.Context, err error) {
	s.failOnPage(c, err, func(status int) {
		held, cerr := s.Phone.Current(c, c.Param("code"), operatorID(c))
		if cerr != nil {
			s.fail(c, cerr)
			return
		}
		s.consolePage(c, status, held, "")
	})
}

func (s *Server) recordOutcome(c *gin.Context) {
	code := c.Param("code")
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	var in phone.Outcome
	if err := bindInput(c, &in); err != nil {
		s.failOnConsole(c, err)
		return
	}
	rec, err := s.Phone.Record(c, code, operatorID(c), id, in)
	if err != nil {
		s.failOnConsole(c, err)
		return
	}
	s.done(c, consoleURL(code)+"?recorded="+url.QueryEscape(in.Disposition), rec)
}

func (s *Server) submitInterview(c *gin.Context) {
	code := c.Param("code")
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	var in phone.Interview
	if isAPI(c) {
		err = decodeJSON(c, &in)
	} else {
		in, err = interviewForm(c)
	}
	if err != nil {
		s.failOnConsole(c, err)
		return
	}
	r, err := s.Phone.Interview(c, code, operatorID(c), id, in)
	if err != nil {
		s.failOnConsole(c, err)
		return
	}
	s.done(c, consoleURL(code)+"?receipt="+url.QueryEscape(r.Ref), gin.H{"ref": r.Ref, "submitted_at": r.SubmittedAt, "replayed": r.Replayed})
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

func (s *Server) giveBack(c *gin.Context) {
	code := c.Param("code")
	id, err := pathID(c, "id")
	if err == nil {
		err = s.Phone.GiveBack(c, code, operatorID(c), id)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.done(c, consoleURL(code), gin.H{"released": id})
}
