package web

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/responses"
	"pingyi/survey"
)

type paperPage struct {
	Campaign   survey.Campaign
	Group      survey.Group
	Groups     []survey.Group
	Categories []paperCategory
	Indicators []survey.Indicator
	Scale      []survey.Option
	Minutes    int
}

type paperCategory struct {
	Name  string
	Units []survey.Unit
}

// paperGroup is the group of ?group=CODE, by default the open link's (or
// the first).
func (s *Site) paperGroup(c *gin.Context) (*survey.Structure, int, bool) {
	st, err := s.Campaigns.Structure(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return nil, 0, false
	}
	code := c.Query("group")
	if code == "" {
		if g, ok := st.OpenGroup(); ok {
			code = g.Code
		} else {
			code = st.Groups[0].Code
		}
	}
	g, ok := st.GroupIndex(code)
	if !ok {
		s.Fail(c, fault.NotFoundf("no respondent group %q in this campaign", code))
		return nil, 0, false
	}
	return st, g, true
}

// adminPaperForm is the blank questionnaire of a group, to print: every
// unit in the form's order with a box per answer, room for comments, and
// the form number the import template asks for. Its units and questions
// are the template's columns, in the same order and words.
func (s *Site) adminPaperForm(c *gin.Context) {
	st, g, ok := s.paperGroup(c)
	if !ok {
		return
	}
	p := paperPage{Campaign: st.Campaign, Group: st.Groups[g], Groups: st.Groups, Indicators: st.Indicators, Scale: st.Scale, Minutes: formMinutes(st)}
	for i, units := range st.UnitsByCategory() {
		units = slices.DeleteFunc(units, func(u survey.Unit) bool { x, _ := st.UnitIndex(u.Code); return !st.InScope(g, x) })
		if len(units) > 0 {
			p.Categories = append(p.Categories, paperCategory{Name: st.Categories[i].Name, Units: units})
		}
	}
	s.Render(c, http.StatusOK, "paper_form", i18n.T(httpx.Lang(c), "Paper questionnaire")+" · "+st.Campaign.Name, p)
}

// adminPaperTemplate downloads the XLSX that the group's paper forms are
// keyed into, generated from the definition.
func (s *Site) adminPaperTemplate(c *gin.Context) {
	st, g, ok := s.paperGroup(c)
	if !ok {
		return
	}
	c.Header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Header("Content-Disposition", `attachment; filename="paper-`+st.Campaign.Code+`-`+st.Groups[g].Code+`.xlsx"`)
	if err := responses.PaperTemplate(st, g).Write(c.Writer); err != nil {
		s.Log.ErrorContext(c, "paper template cut short", "request_id", httpx.RequestID(c), "err", err)
		panic(http.ErrAbortHandler)
	}
}
