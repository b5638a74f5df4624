package api

import (
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/phone"
)

func phoneAdminURL(code string) string    { return "/admin/campaigns/" + code + "/phone" }
func phoneProgressURL(code string) string { return "/admin/campaigns/" + code + "/phone/progress" }

// done answers a successful action: JSON for the API, and for people a
// redirect back to the page the form was on.
func (s *Server) done(c *gin.Context, page string, body any) {
	if isAPI(c) {
		c.JSON(http.StatusOK, body)
		return
	}
	redirect(c, page)
}

// bindInput reads a JSON body for the API and form fields for pages.
func bindInput(c *gin.Context, out any) error {
	if isAPI(c) {
		return decodeJSON(c, out)
	}
	if err := c.ShouldBind(out); err != nil {
		return fault.Invalidf("a field that needs a number holds something else")
	}
	return nil
}

func (s *Server) phoneImportFrame(c *gin.Context) {
	code := c.Param("code")
	back := func(status int) { s.phoneAdminPage(c, status, nil) }
	up, err := uploaded(c)
	if err != nil {
		s.failOnPage(c, err, back)
		return
	}
	defer up.Close()
	res, err := s.Phone.ImportFrame(c, code, filepath.Base(up.name), up, up.format, actor(c))
	if err != nil {
		s.failOnPage(c, err, back)
		return
	}
	if isAPI(c) {
		c.JSON(http.StatusOK, gin.H{"import": res, "skipped": problemsJSON(res.Skipped, langOf(c))})
		return
	}
	s.phoneAdminPage(c, http.StatusOK, &importReport{File: res.File, Rows: res.Rows, Added: res.Added,
		Duplicates: res.Duplicates, DoNotCall: res.DoNotCall, Invalid: res.Invalid, Skipped: res.Skipped, Unlisted: res.Unlisted})
}

func (s *Server) phoneImportDoNotCall(c *gin.Context) {
	up, err := uploaded(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	defer up.Close()
	res, err := s.Phone.ImportDoNotCall(c, up, up.format, actor(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	if isAPI(c) {
		c.JSON(http.StatusOK, gin.H{"import": res, "skipped": problemsJSON(res.Skipped, langOf(c))})
		return
	}
	s.page(c, http.StatusOK, "phone_report", i18n.T(langOf(c), "Do-not-call list"), importReport{
		Rows: res.Rows, Added: res.Added, Duplicates: res.Known, Invalid: res.Invalid, Skipped: res.Skipped, Back: safeNext(c.PostForm("back"))})
}

func (s *Server) phoneRules(c *gin.Context) {
	set, err := s.Phone.Settings(c, c.Param("code"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, set.Input())
}

func (s *Server) phoneSaveRules(c *gin.Context) {
	code := c.Param("code")
	back := func(status int) { s.phoneAdminPage(c, status, nil) }
	var in phone.SettingsInput
	if err := bindInput(c, &in); err != nil {
		s.failOnPage(c, err, back)
		return
	}
	set, err := s.Phone.SaveSettings(c, code, in, actor(c))
	if err != nil {
		s.failOnPage(c, err, back)
		return
	}
	s.done(c, phoneAdminURL(code), set.Input())
}

func (s *Server) phonePlan(c *gin.Context) {
	code := c.Param("code")
	back := func(status int) { s.phoneAdminPage(c, status, nil) }
	var in phone.PlanInput
	err := bindInput(c, &in)
	if err == nil && !isAPI(c) {
		in.SDs, err = phone.ParseSDs(c.PostForm("sds"))
	}
	if err != nil {
		s.failOnPage(c, err, back)
		return
	}
	d, err := s.Phone.Plan(c, code, in, actor(c))
	if err != nil {
		s.failOnPage(c, err, back)
		return
	}
	s.done(c, phoneAdminURL(code), toDrawJSON(d, nil))
}

type witnessRequest struct {
	Witness string `json:"witness" form:"witness"`
}

func (s *Server) phoneWitness(c *gin.Context) {
	code := c.Param("code")
	back := func(status int) { s.phoneProgressPage(c, status) }
	var in witnessRequest
	if err := bindInput(c, &in); err != nil {
		s.failOnPage(c, err, back)
		return
	}
	d, err := s.Phone.Witness(c, code, in.Witness, actor(c))
	if err != nil {
		s.failOnPage(c, err, back)
		return
	}
	s.done(c, phoneProgressURL(code), toDrawJSON(d, nil))
}

func (s *Server) phoneExecute(c *gin.Context) {
	code := c.Param("code")
	d, err := s.Phone.Execute(c, code, actor(c))
	if err != nil {
		s.failOnPage(c, err, func(status int) { s.phoneAdminPage(c, status, nil) })
		return
	}
	s.done(c, phoneAdminURL(code), toDrawJSON(d, nil))
}

type releaseRequest struct {
	Units []string `json:"units" form:"unit"`
}

func (s *Server) phoneRelease(c *gin.Context) {
	code := c.Param("code")
	var in releaseRequest
	back := func(status int) { s.phoneAdminPage(c, status, nil) }
	if err := bindInput(c, &in); err != nil {
		s.failOnPage(c, err, back)
		return
	}
	units := in.Units[:0]
	for _, u := range in.Units {
		if u = strings.TrimSpace(u); u != "" {
			units = append(units, u)
		}
	}
	res, err := s.Phone.Release(c, code, units, actor(c))
	if err != nil {
		s.failOnPage(c, err, back)
		return
	}
	s.done(c, phoneAdminURL(code), res)
}

func (s *Server) phoneErase(c *gin.Context) {
	code := c.Param("code")
	n, err := s.Phone.Erase(c, code, actor(c))
	if err != nil {
		s.failOnPage(c, err, func(status int) { s.phoneAdminPage(c, status, nil) })
		return
	}
	s.done(c, phoneAdminURL(code), gin.H{"erased": n})
}

func (s *Server) phoneDraw(c *gin.Context) {
	p, err := s.Phone.Progress(c, c.Param("code"))
	if err != nil {
		s.fail(c, err)
		return
	}
	if p.Draw == nil {
		s.fail(c, fault.NotFoundf("campaign %q has no phone sample yet", c.Param("code")))
		return
	}
	c.JSON(http.StatusOK, toDrawJSON(*p.Draw, p.Units))
}

// rateE reads the optional e of the rate tables; empty means each table's
// own estimate.
func rateE(c *gin.Context) (*float64, error) {
	raw := strings.TrimSpace(c.Query("e"))
	if raw == "" {
		return nil, nil
	}
	e, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return nil, fault.WithProblems([]fault.Problem{fault.P("e", "e must be between 0 and 1")}, "the rates cannot be computed")
	}
	return &e, nil
}

func (s *Server) phoneProgressJSON(c *gin.Context) {
	code := c.Param("code")
	e, err := rateE(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	v, err := s.progressView(c, code, e)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := gin.H{"campaign": code, "do_not_call": v.Progress.DoNotCall, "frame": nil, "draw": nil,
		"overall": v.Overall, "units": v.UnitRates, "operators": v.OperatorRates, "productivity": v.Productivity}
	if f := v.Progress.Frame; f != nil {
		out["frame"] = gin.H{"entries": f.Entries, "frozen_at": f.FrozenAt, "erased_at": f.ErasedAt}
	}
	if d := v.Progress.Draw; d != nil {
		out["draw"] = toDrawJSON(*d, v.Progress.Units)
	}
	c.JSON(http.StatusOK, out)
}
