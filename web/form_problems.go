package web

import (
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
)

// respondentProblems puts the problems a respondent's page shows in the
// form's own words: each names the unit or the field as the page labels
// it, never an internal path such as answers[3].option, and the one a
// respondent can meet by accident (a form that rates nothing) says what
// to do next.
func (s *Site) respondentProblems(c *gin.Context, f *form, problems []fault.Problem) []fault.Problem {
	lang := httpx.Lang(c)
	out := make([]fault.Problem, 0, len(problems))
	for _, p := range problems {
		q := fault.Problem{Reason: p.Reason}
		switch path := p.Path; {
		case path == "phone":
			q.Path = i18n.T(lang, "Mobile number")
		case path == "answers":
			q.Reason = i18n.M("You have not rated any unit yet: go back to the pages, choose an answer for at least one unit, then submit again.")
		case strings.HasPrefix(path, "comments."):
			if u, ok := f.st.UnitIndex(strings.TrimPrefix(path, "comments.")); ok {
				q.Path = f.st.Units[u].Name
			}
		default:
			for _, u := range f.st.Units {
				if u.Name == path {
					q.Path = path
				}
			}
		}
		out = append(out, q)
	}
	return out
}

// failOnRespondentForm is FailOnForm for a respondent's page: the
// problems come in the form's own words.
func (s *Site) failOnRespondentForm(c *gin.Context, f *form, err error, show func(status int, problems []fault.Problem)) {
	s.FailOnForm(c, err, func(status int, problems []fault.Problem) { show(status, s.respondentProblems(c, f, problems)) })
}
