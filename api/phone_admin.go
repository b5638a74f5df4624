package api

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/phone"
	"pingyi/tabular"
)

// The phone survey's administration for scripts, as JSON;
// web/phone_admin_actions.go offers the same actions as forms.

func (s *Server) phoneImportFrame(c *gin.Context) {
	code := c.Param("code")
	up, err := httpx.Uploaded(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	defer up.Close()
	res, err := s.Phone.ImportFrame(c, code, filepath.Base(up.Name), up, up.Format, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, frameImportJSON{Import: res, Skipped: httpx.ProblemsJSON(res.Skipped, httpx.Lang(c))})
}

// frameImportJSON is what a contact-list import did, with the rows it
// skipped and why.
type frameImportJSON struct {
	Import  phone.FrameImport   `json:"import"`
	Skipped []httpx.ProblemJSON `json:"skipped"`
}

// doNotCallImportJSON is what a do-not-call import did.
type doNotCallImportJSON struct {
	Import  phone.DoNotCallImport `json:"import"`
	Skipped []httpx.ProblemJSON   `json:"skipped"`
}

func (s *Server) phoneImportDoNotCall(c *gin.Context) {
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
	c.JSON(http.StatusOK, doNotCallImportJSON{Import: res, Skipped: httpx.ProblemsJSON(res.Skipped, httpx.Lang(c))})
}

func (s *Server) phoneRules(c *gin.Context) {
	set, err := s.Phone.Settings(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, set.Input())
}

func (s *Server) phoneSaveRules(c *gin.Context) {
	code := c.Param("code")
	var in phone.SettingsInput
	if err := httpx.DecodeJSON(c, &in); err != nil {
		s.Fail(c, err)
		return
	}
	set, err := s.Phone.SaveSettings(c, code, in, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, set.Input())
}

func (s *Server) phonePlan(c *gin.Context) {
	code := c.Param("code")
	var in phone.PlanInput
	if err := httpx.DecodeJSON(c, &in); err != nil {
		s.Fail(c, err)
		return
	}
	d, err := s.Phone.Plan(c, code, in, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toDrawJSON(d, nil))
}

type witnessRequest struct {
	Witness string `json:"witness"`
	// WitnessEventAt is when the public event the witness names took
	// place (RFC 3339): after the draw was planned.
	WitnessEventAt string `json:"witness_event_at"`
}

func (s *Server) phoneWitness(c *gin.Context) {
	code := c.Param("code")
	var in witnessRequest
	if err := httpx.DecodeJSON(c, &in); err != nil {
		s.Fail(c, err)
		return
	}
	at, err := phone.ParseEventTime(in.WitnessEventAt)
	if err != nil {
		s.Fail(c, err)
		return
	}
	d, err := s.Phone.Witness(c, code, phone.WitnessInput{Value: in.Witness, EventAt: at}, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toDrawJSON(d, nil))
}

func (s *Server) phoneExecute(c *gin.Context) {
	code := c.Param("code")
	d, err := s.Phone.Execute(c, code, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toDrawJSON(d, nil))
}

type releaseRequest struct {
	Units []string `json:"units"`
}

func (s *Server) phoneRelease(c *gin.Context) {
	code := c.Param("code")
	var in releaseRequest
	if err := httpx.DecodeJSON(c, &in); err != nil {
		s.Fail(c, err)
		return
	}
	units := in.Units[:0]
	for _, u := range in.Units {
		if u = strings.TrimSpace(u); u != "" {
			units = append(units, u)
		}
	}
	res, err := s.Phone.Release(c, code, units, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, res)
}

func (s *Server) phoneErase(c *gin.Context) {
	code := c.Param("code")
	n, err := s.Phone.Erase(c, code, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, erasedJSON{Erased: n})
}

// erasedJSON counts the contacts an erasure destroyed.
type erasedJSON struct {
	Erased int64 `json:"erased"`
}

func (s *Server) phoneDraw(c *gin.Context) {
	p, err := s.Phone.Progress(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return
	}
	if p.Draw == nil {
		s.Fail(c, fault.NotFoundf("campaign %q has no phone sample yet", c.Param("code")))
		return
	}
	c.JSON(http.StatusOK, toDrawJSON(*p.Draw, p.Units))
}

// progressJSON is the phone survey's progress: frame, draw, and the
// outcome rates overall, per unit and per operator, with productivity.
type progressJSON struct {
	Campaign     string             `json:"campaign"`
	DoNotCall    int64              `json:"do_not_call"`
	Frame        *frameJSON         `json:"frame"`
	Draw         *drawJSON          `json:"draw"`
	Overall      tallyJSON          `json:"overall"`
	Units        []tallyJSON        `json:"units"`
	Operators    []tallyJSON        `json:"operators"`
	Productivity []productivityJSON `json:"productivity"`
}

type frameJSON struct {
	Entries  int64      `json:"entries"`
	FrozenAt *time.Time `json:"frozen_at"`
	ErasedAt *time.Time `json:"erased_at"`
}

// phoneProgressJSON is web/phone_admin.go's progress page as JSON.
func (s *Server) phoneProgressJSON(c *gin.Context) {
	code := c.Param("code")
	e, err := phone.ParseE(c.Query("e"))
	if err != nil {
		s.Fail(c, err)
		return
	}
	r, err := s.Phone.Report(c, code, e)
	if err != nil {
		s.Fail(c, err)
		return
	}
	names, err := s.Accounts.Names(c, func(u account.User) string { return u.DisplayName })
	if err != nil {
		s.Fail(c, err)
		return
	}
	units := phone.StratumNames(r.Structure, httpx.Lang(c))
	p := r.Progress
	out := progressJSON{Campaign: code, DoNotCall: p.DoNotCall, Overall: toTallyJSON(r.Outcomes.Overall, "")}
	for _, t := range r.Outcomes.Units {
		out.Units = append(out.Units, toTallyJSON(t, units[t.Key]))
	}
	for _, t := range r.Outcomes.Operators {
		out.Operators = append(out.Operators, toTallyJSON(t, names[t.OperatorID()]))
	}
	for _, w := range p.Productivity {
		out.Productivity = append(out.Productivity, productivityJSON{Operator: names[w.OperatorID],
			Attempts: w.Attempts, Completes: w.Completes, Partials: w.Partials, ActiveHours: w.ActiveHours,
			AttemptsPerHour: w.AttemptsPerHour(), CompletesPerHour: w.CompletesPerHour(), First: w.First, Last: w.Last})
	}
	if f := p.Frame; f != nil {
		out.Frame = &frameJSON{Entries: f.Entries, FrozenAt: f.FrozenAt, ErasedAt: f.ErasedAt}
	}
	if d := p.Draw; d != nil {
		j := toDrawJSON(*d, p.Units)
		out.Draw = &j
	}
	c.JSON(http.StatusOK, out)
}

// phoneAdminAccounts is what phone_admin.go needs of accounts.
type phoneAdminAccounts interface {
	Names(ctx context.Context, name func(account.User) string) (map[int64]string, error)
}

// phoneAdminPhone is what phone_admin.go needs of phone.
type phoneAdminPhone interface {
	Erase(ctx context.Context, code string, actor audit.Actor) (int64, error)
	Execute(ctx context.Context, code string, actor audit.Actor) (phone.Draw, error)
	ImportDoNotCall(ctx context.Context, src io.Reader, format tabular.Format, actor audit.Actor) (phone.DoNotCallImport, error)
	ImportFrame(ctx context.Context, code, file string, src io.Reader, format tabular.Format, actor audit.Actor) (phone.FrameImport, error)
	Plan(ctx context.Context, code string, in phone.PlanInput, actor audit.Actor) (phone.Draw, error)
	Progress(ctx context.Context, code string) (phone.Progress, error)
	Release(ctx context.Context, code string, strata []string, actor audit.Actor) (phone.Released, error)
	Report(ctx context.Context, code string, e *float64) (phone.Report, error)
	SaveSettings(ctx context.Context, code string, in phone.SettingsInput, actor audit.Actor) (phone.Settings, error)
	Settings(ctx context.Context, code string) (phone.Settings, error)
	Witness(ctx context.Context, code string, in phone.WitnessInput, actor audit.Actor) (phone.Draw, error)
}
