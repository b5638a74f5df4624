package api

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/phone"
	"pingyi/survey"
)

// importReport is what a file import did, for the page that answers it.
type importReport struct {
	File                                        string
	Rows, Added, Duplicates, DoNotCall, Invalid int
	Skipped                                     []fault.Problem
	Unlisted                                    int
	Back                                        string
}

type phoneAdminData struct {
	Campaign survey.Campaign
	Progress phone.Progress
	Names    map[string]string
	Groups   []survey.Group
	Rules    phone.SettingsInput
	Plan     phone.PlanInput
	SDs      string
	Report   *importReport
	CanErase bool
	Verify   string
}

// phoneAdminPage is the administrator's page of a campaign's phone survey:
// the frame and its imports, the do-not-call list, the calling rules, the
// draw through its steps, and erasure.
func (s *Server) phoneAdminPage(c *gin.Context, status int, report *importReport) {
	st, set, err := s.phoneCampaign(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	p, err := s.Phone.Progress(c, st.Campaign.Code)
	if err != nil {
		s.fail(c, err)
		return
	}
	d := phoneAdminData{Campaign: st.Campaign, Progress: p, Names: unitNames(st, langOf(c)), Groups: st.Groups, Rules: set.Input(),
		Plan:   phone.PlanInput{Design: phone.Stratified, Method: "proportional", Completes: 30 * len(st.Units), Minimum: 10, ResponseRate: 0.3, Replicates: 4, ContactedMonths: 6},
		Report: report, CanErase: st.Campaign.Status != survey.Draft && st.Campaign.Status != survey.Open && p.Frame != nil && p.Frame.ErasedAt == nil}
	if !isAPI(c) && c.Request.Method == http.MethodPost {
		// Keep what was typed into a refused form.
		_ = c.ShouldBind(&d.Plan)
		d.SDs = c.PostForm("sds")
		if c.PostForm("calling_hours") != "" {
			_ = c.ShouldBind(&d.Rules)
		}
	}
	if p.Draw != nil {
		d.Verify = fmt.Sprintf("pingyi sample verify --draw %d", p.Draw.ID)
	}
	s.page(c, status, "phone_admin", i18n.T(langOf(c), "Phone survey")+" · "+st.Campaign.Name, d)
}

// phoneCampaign loads the campaign of the path with its calling rules.
func (s *Server) phoneCampaign(c *gin.Context) (*survey.Structure, phone.Settings, error) {
	st, err := s.Campaigns.Structure(c, c.Param("code"))
	if err != nil {
		return nil, phone.Settings{}, err
	}
	set, err := s.Phone.Settings(c, st.Campaign.Code)
	return st, set, err
}

// unitNames names each unit by code, and the one stratum of a simple
// random draw.
func unitNames(st *survey.Structure, lang i18n.Lang) map[string]string {
	out := map[string]string{"*": i18n.T(lang, "the whole frame")}
	for _, u := range st.Units {
		out[u.Code] = u.Name
	}
	return out
}

func (s *Server) phoneAdmin(c *gin.Context) { s.phoneAdminPage(c, http.StatusOK, nil) }

// rateRow is a line of a rate table: who, the counts, and every rate
// formatted (— where undefined).
type rateRow struct {
	Name  string
	Tally tallyJSON
	Cells []string
}

type progressView struct {
	Campaign      survey.Campaign
	Progress      phone.Progress
	Names         map[string]string
	Overall       tallyJSON
	UnitRates     []tallyJSON
	OperatorRates []tallyJSON
	Productivity  []productivityJSON
	Rows          struct{ Overall, Units, Operators []rateRow }
	RateNames     []string
	CountNames    []string
	E             string
	CanWitness    bool
	Verify        string
}

// progressView gathers the overseers' view: progress, rates and
// productivity, with operators named.
func (s *Server) progressView(c *gin.Context, code string, e *float64) (progressView, error) {
	v := progressView{RateNames: rateNames, CountNames: []string{"I", "P", "R", "NC", "O", "UH", "UO", "NE"}}
	st, err := s.Campaigns.Structure(c, code)
	if err != nil {
		return v, err
	}
	v.Campaign, v.Names = st.Campaign, unitNames(st, langOf(c))
	if v.Progress, err = s.Phone.Progress(c, code); err != nil {
		return v, err
	}
	out, err := s.Phone.Outcomes(c, code, e)
	if err != nil {
		return v, err
	}
	names, err := s.staffBy(c, func(u account.User) string { return u.DisplayName })
	if err != nil {
		return v, err
	}
	operator := func(key string) string { // tallies are keyed by the operator's id
		id, _ := strconv.ParseInt(key, 10, 64)
		return names[id]
	}
	v.Overall = toTallyJSON(out.Overall, "")
	v.Rows.Overall = []rateRow{toRateRow(v.Overall, i18n.T(langOf(c), "All units"))}
	for _, t := range out.Units {
		j := toTallyJSON(t, v.Names[t.Key])
		v.UnitRates = append(v.UnitRates, j)
		v.Rows.Units = append(v.Rows.Units, toRateRow(j, t.Key+" "+v.Names[t.Key]))
	}
	for _, t := range out.Operators {
		j := toTallyJSON(t, operator(t.Key))
		v.OperatorRates = append(v.OperatorRates, j)
		v.Rows.Operators = append(v.Rows.Operators, toRateRow(j, j.Name))
	}
	for _, p := range v.Progress.Productivity {
		v.Productivity = append(v.Productivity, productivityJSON{Operator: names[p.OperatorID],
			Attempts: p.Attempts, Completes: p.Completes, Partials: p.Partials, ActiveHours: p.ActiveHours,
			AttemptsPerHour: p.AttemptsPerHour(), CompletesPerHour: p.CompletesPerHour(), First: p.First, Last: p.Last})
	}
	if d := v.Progress.Draw; d != nil {
		u, _ := currentUser(c)
		v.CanWitness = d.Status == phone.Planned && admits(witnesses, u.Role)
		v.Verify = fmt.Sprintf("pingyi sample verify --draw %d", d.ID)
	}
	if e != nil {
		v.E = strconv.FormatFloat(*e, 'f', -1, 64)
	}
	return v, nil
}

func toRateRow(t tallyJSON, name string) rateRow {
	r := rateRow{Name: name, Tally: t}
	for _, n := range rateNames {
		if p := t.Rates[n]; p != nil {
			r.Cells = append(r.Cells, strconv.FormatFloat(100**p, 'f', 1, 64)+"%")
		} else {
			r.Cells = append(r.Cells, "—")
		}
	}
	r.Cells[0] = "—"
	if p := t.Rates["e"]; p != nil {
		r.Cells[0] = strconv.FormatFloat(*p, 'f', 3, 64)
	}
	return r
}

// phoneProgressPage is the live progress of the phone survey for the
// committee, special supervisors and administrators.
func (s *Server) phoneProgressPage(c *gin.Context, status int) {
	code := c.Param("code")
	e, err := rateE(c)
	var v progressView
	if err == nil {
		v, err = s.progressView(c, code, e)
	}
	if fe, ok := fault.As(err); ok && fe.Kind == fault.Invalid {
		// A bad e is shown above the page, which falls back to each
		// table's own estimate.
		c.Set(ctxPageError, fe.Text(langOf(c)))
		v, err = s.progressView(c, code, nil)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.page(c, status, "phone_progress", i18n.T(langOf(c), "Phone survey progress")+" · "+v.Campaign.Name, v)
}

func (s *Server) phoneProgress(c *gin.Context) { s.phoneProgressPage(c, http.StatusOK) }
