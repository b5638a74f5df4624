package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/collection"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/survey"
)

// A screened group's form (SPEC: a group's "units": "screen") first asks
// which units the respondent dealt with in the last year, then shows only
// those. Thousands of units must stay usable on a phone without script:
// the page lists the departments by category, each with a button that
// shows its stations, and a search submitted by GET finds any unit by name.

// formScreenRoutes are the screening page of both kinds of link.
func (s *Site) formScreenRoutes(e *gin.Engine) {
	for _, base := range []string{"/s/:code", "/i/:token"} {
		s.On(e, "GET", base+"/screen", httpx.Public, s.formScreen)
		s.OnForm(e, "POST", base+"/screen", s.staleScreen, s.formScreenSave)
	}
}

// groupIndex is the position of the respondent's group.
func (f *form) groupIndex() int { g, _ := f.st.GroupIndex(f.group.Code); return g }

// batch is the invitation's batch, or nil on the open link.
func (f *form) batch() *collection.Batch {
	if f.inv == nil {
		return nil
	}
	return &f.inv.Batch
}

// units are the units this respondent's form asks about.
func (f *form) units() []int {
	return collection.RespondentUnits(f.st, f.groupIndex(), f.batch(), f.draft)
}

// mustScreen says that the respondent has yet to pick their units.
func (f *form) mustScreen() bool {
	if !f.group.Screens() {
		return false
	}
	chosen, _ := f.draft.ScreenedUnits()
	return len(chosen) == 0
}

// maxMatches bounds a search's list: a longer one asks for more letters.
const maxMatches = 50

type screenData struct {
	Base, Query     string
	Candidates      int
	Chosen          []screenUnit
	Matches         []screenUnit
	MoreMatches     int
	Categories      []*screenCategory
	Shown, NextPage string
	Problems        []fault.Problem
}

type screenCategory struct {
	Code, Name  string
	Departments []*screenDepartment
}

type screenDepartment struct {
	screenUnit
	Stations []screenUnit
	Hidden   int // stations not shown until asked for
}

type screenUnit struct {
	Code, Name string
	Level      int
	Checked    bool
}

// screenTree is the candidates as the page lists them: each unit whose
// parent is not a candidate heads its own entry, with the candidates
// beneath it.
type screenTree struct {
	roots []int
	below map[int][]int
}

func newScreenTree(st *survey.Structure, candidates []int) screenTree {
	in := make(map[int64]int, len(candidates))
	for _, u := range candidates {
		in[st.Units[u].ID] = u
	}
	t := screenTree{below: map[int][]int{}}
	for _, u := range candidates {
		root, p := u, st.Units[u].ParentID
		for p != nil {
			up, ok := in[*p]
			if !ok {
				break
			}
			root, p = up, st.Units[up].ParentID
		}
		if root == u {
			t.roots = append(t.roots, u)
		} else {
			t.below[root] = append(t.below[root], u)
		}
	}
	return t
}

func (s *Site) screenView(c *gin.Context, f *form, open string, status int, problems []fault.Problem) {
	candidates := collection.Candidates(f.st, f.groupIndex(), f.batch())
	chosen, _ := f.draft.ScreenedUnits()
	checked := make(map[string]bool, len(chosen))
	for _, code := range chosen {
		checked[code] = true
	}
	view := func(u int) screenUnit {
		x := f.st.Units[u]
		return screenUnit{Code: x.Code, Name: x.Name, Level: x.Level, Checked: checked[x.Code]}
	}
	d := screenData{Base: f.base, Query: strings.TrimSpace(c.Query("q")), Candidates: len(candidates), Problems: problems,
		NextPage: f.base + "/p/1"}
	var shown []string
	if d.Query != "" {
		q := strings.ToLower(d.Query)
		for _, u := range candidates {
			x := f.st.Units[u]
			if !strings.Contains(strings.ToLower(x.Name), q) && !strings.Contains(strings.ToLower(x.Code), q) {
				continue
			}
			if len(d.Matches) == maxMatches {
				d.MoreMatches++
				continue
			}
			d.Matches = append(d.Matches, view(u))
			shown = append(shown, x.Code)
		}
	}
	tree := newScreenTree(f.st, candidates)
	byCategory := map[int]*screenCategory{}
	for _, r := range tree.roots {
		ci := f.st.CategoryIndexOf(f.st.Units[r])
		cat := byCategory[ci]
		if cat == nil {
			cat = &screenCategory{Code: f.st.Categories[ci].Code, Name: f.st.Categories[ci].Name}
			byCategory[ci] = cat
		}
		dep := &screenDepartment{screenUnit: view(r)}
		below := tree.below[r]
		opened := dep.Checked || f.st.Units[r].Code == open || slices.ContainsFunc(below, func(u int) bool { return checked[f.st.Units[u].Code] })
		if opened {
			for _, u := range below {
				dep.Stations = append(dep.Stations, view(u))
				shown = append(shown, f.st.Units[u].Code)
			}
		} else {
			dep.Hidden = len(below)
		}
		shown = append(shown, dep.Code)
		cat.Departments = append(cat.Departments, dep)
	}
	for ci := range f.st.Categories {
		if cat := byCategory[ci]; cat != nil {
			d.Categories = append(d.Categories, cat)
		}
	}
	for _, code := range chosen {
		if u, ok := f.st.UnitIndex(code); ok {
			d.Chosen = append(d.Chosen, view(u))
		}
	}
	d.Shown = strings.Join(shown, " ")
	s.Render(c, status, "form_screen", i18n.T(httpx.Lang(c), "Which units did you deal with?"), d)
}

// admitToScreen admits a started respondent of a screened group.
func (s *Site) admitToScreen(c *gin.Context) (*form, bool) {
	f, ok := s.admit(c)
	switch {
	case !ok:
		return nil, false
	case f.draft == nil:
		httpx.Redirect(c, f.base)
	case f.needsPhone() && f.draft.PhoneHash == nil:
		httpx.Redirect(c, f.base+"/verify")
	case !f.group.Screens():
		httpx.Redirect(c, f.pageURL(1))
	default:
		return f, true
	}
	return nil, false
}

func (s *Site) formScreen(c *gin.Context) {
	if f, ok := s.admitToScreen(c); ok {
		s.screenView(c, f, c.Query("open"), http.StatusOK, nil)
	}
}

// formScreenSave keeps the units ticked on the page: those it showed are
// replaced by those ticked, the others chosen before stay. "Show its
// stations" and Search save too, then draw the page again with the
// stations or the units found.
func (s *Site) formScreenSave(c *gin.Context) {
	f, ok := s.admitToScreen(c)
	if !ok {
		return
	}
	candidates := collection.Candidates(f.st, f.groupIndex(), f.batch())
	chosen, _ := f.draft.ScreenedUnits()
	shown := strings.Fields(c.PostForm("shown"))
	chosen = slices.DeleteFunc(chosen, func(code string) bool { return slices.Contains(shown, code) })
	chosen = append(chosen, c.PostFormArray("u")...)
	var units []int
	var problems []fault.Problem
	for _, code := range chosen {
		u, ok := f.st.UnitIndex(code)
		switch {
		case !ok:
			problems = append(problems, fault.P("units", "unknown unit %q", code))
		case !slices.Contains(units, u):
			units = append(units, u)
		}
	}
	slices.Sort(units)
	open, search := c.PostForm("open"), c.PostForm("go") == "search"
	browsing := open != "" || search // not done choosing: nothing ticked yet is fine
	if len(problems) == 0 && (!browsing || len(units) > 0) {
		if err := s.Collection.SaveScreen(c, f.draft.ID, f.st, candidates, units); err != nil {
			if errors.Is(err, collection.ErrSubmitted) {
				httpx.Redirect(c, f.base+"/done")
				return
			}
			s.failOnRespondentForm(c, f, err, func(status int, problems []fault.Problem) { s.screenView(c, f, open, status, problems) })
			return
		}
	}
	if len(problems) > 0 {
		s.screenView(c, f, open, http.StatusUnprocessableEntity, s.respondentProblems(c, f, problems))
		return
	}
	switch {
	case search:
		httpx.Redirect(c, f.base+"/screen?q="+url.QueryEscape(strings.TrimSpace(c.PostForm("q")))+"#q")
		return
	case open != "":
		httpx.Redirect(c, f.base+"/screen?open="+url.QueryEscape(open)+"#s-"+url.PathEscape(open))
		return
	}
	httpx.Redirect(c, f.pageURL(1))
}

// staleScreen draws the page again, asking to press the button once more.
func (s *Site) staleScreen(c *gin.Context) {
	if f, ok := s.admitToScreen(c); ok {
		s.staleMessage(c, "Continue")
		s.screenView(c, f, c.PostForm("open"), http.StatusOK, nil)
	}
}

// formScreenCollection is what form_screen.go needs of collection.
type formScreenCollection interface {
	SaveScreen(ctx context.Context, draftID int64, st *survey.Structure, candidates, chosen []int) error
}
