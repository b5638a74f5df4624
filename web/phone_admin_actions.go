package web

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/audit"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/phone"
	"pingyi/tabular"
)

// The administrator's forms on the phone survey page. Each answers with
// the page again: the import's report, or a redirect back (303) after an
// action, or the page with the refusal above it. api/phone_admin.go does
// the same for scripts, as JSON.

func phoneAdminURL(code string) string    { return "/admin/campaigns/" + code + "/phone" }
func phoneProgressURL(code string) string { return "/admin/campaigns/" + code + "/phone/progress" }

func (s *Site) phoneImportFrame(c *gin.Context) {
	code := c.Param("code")
	back := func(status int) { s.phoneAdminPage(c, status, nil) }
	up, err := httpx.Uploaded(c)
	if err != nil {
		s.FailOnPage(c, err, back)
		return
	}
	defer up.Close()
	res, err := s.Phone.ImportFrame(c, code, filepath.Base(up.Name), up, up.Format, httpx.Who(c))
	if err != nil {
		s.FailOnPage(c, err, back)
		return
	}
	s.phoneAdminPage(c, http.StatusOK, &importReport{File: res.File, Rows: res.Rows, Added: res.Added,
		Duplicates: res.Duplicates, DoNotCall: res.DoNotCall, Invalid: res.Invalid, Skipped: res.Skipped, Unlisted: res.Unlisted})
}

func (s *Site) phoneImportDoNotCall(c *gin.Context) {
	up, err := httpx.Uploaded(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	defer up.Close()
	res, err := s.Phone.ImportDoNotCall(c, up, up.Format, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	s.Render(c, http.StatusOK, "phone_report", i18n.T(httpx.Lang(c), "Do-not-call list"), importReport{
		Rows: res.Rows, Added: res.Added, Duplicates: res.Known, Invalid: res.Invalid, Skipped: res.Skipped, Back: httpx.SafeNext(c.PostForm("back"))})
}

func (s *Site) phoneSaveRules(c *gin.Context) {
	code := c.Param("code")
	back := func(status int) { s.phoneAdminPage(c, status, nil) }
	var in phone.SettingsInput
	if err := httpx.BindForm(c, &in); err != nil {
		s.FailOnPage(c, err, back)
		return
	}
	if _, err := s.Phone.SaveSettings(c, code, in, httpx.Who(c)); err != nil {
		s.FailOnPage(c, err, back)
		return
	}
	httpx.Redirect(c, phoneAdminURL(code))
}

func (s *Site) phonePlan(c *gin.Context) {
	code := c.Param("code")
	back := func(status int) { s.phoneAdminPage(c, status, nil) }
	var in phone.PlanInput
	err := httpx.BindForm(c, &in)
	if err == nil {
		in.SDs, err = phone.ParseSDs(c.PostForm("sds"))
	}
	if err != nil {
		s.FailOnPage(c, err, back)
		return
	}
	if _, err := s.Phone.Plan(c, code, in, httpx.Who(c)); err != nil {
		s.FailOnPage(c, err, back)
		return
	}
	httpx.Redirect(c, phoneAdminURL(code))
}

func (s *Site) phoneWitness(c *gin.Context) {
	code := c.Param("code")
	at, err := phone.ParseEventTime(c.PostForm("witness_event_at"))
	if err == nil {
		_, err = s.Phone.Witness(c, code, phone.WitnessInput{Value: c.PostForm("witness"), EventAt: at}, httpx.Who(c))
	}
	if err != nil {
		s.FailOnPage(c, err, func(status int) { s.phoneProgressPage(c, status) })
		return
	}
	httpx.Redirect(c, phoneProgressURL(code))
}

func (s *Site) phoneExecute(c *gin.Context) {
	code := c.Param("code")
	if _, err := s.Phone.Execute(c, code, httpx.Who(c)); err != nil {
		s.FailOnPage(c, err, func(status int) { s.phoneAdminPage(c, status, nil) })
		return
	}
	httpx.Redirect(c, phoneAdminURL(code))
}

func (s *Site) phoneRelease(c *gin.Context) {
	code := c.Param("code")
	var units []string
	for _, u := range c.PostFormArray("unit") {
		if u = strings.TrimSpace(u); u != "" {
			units = append(units, u)
		}
	}
	if _, err := s.Phone.Release(c, code, units, httpx.Who(c)); err != nil {
		s.FailOnPage(c, err, func(status int) { s.phoneAdminPage(c, status, nil) })
		return
	}
	httpx.Redirect(c, phoneAdminURL(code))
}

func (s *Site) phoneErase(c *gin.Context) {
	code := c.Param("code")
	if _, err := s.Phone.Erase(c, code, httpx.Who(c)); err != nil {
		s.FailOnPage(c, err, func(status int) { s.phoneAdminPage(c, status, nil) })
		return
	}
	httpx.Redirect(c, phoneAdminURL(code))
}

// phoneAdminActionsPhone is what phone_admin_actions.go needs of phone.
type phoneAdminActionsPhone interface {
	Erase(ctx context.Context, code string, actor audit.Actor) (int64, error)
	Execute(ctx context.Context, code string, actor audit.Actor) (phone.Draw, error)
	ImportDoNotCall(ctx context.Context, src io.Reader, format tabular.Format, actor audit.Actor) (phone.DoNotCallImport, error)
	ImportFrame(ctx context.Context, code, file string, src io.Reader, format tabular.Format, actor audit.Actor) (phone.FrameImport, error)
	Plan(ctx context.Context, code string, in phone.PlanInput, actor audit.Actor) (phone.Draw, error)
	Release(ctx context.Context, code string, strata []string, actor audit.Actor) (phone.Released, error)
	SaveSettings(ctx context.Context, code string, in phone.SettingsInput, actor audit.Actor) (phone.Settings, error)
	Witness(ctx context.Context, code string, in phone.WitnessInput, actor audit.Actor) (phone.Draw, error)
}
