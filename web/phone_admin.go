package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/phone"
	"pingyi/sampling"
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
func (s *Site) phoneAdminPage(c *gin.Context, status int, report *importReport) {
	st, set, err := s.phoneCampaign(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	p, err := s.Phone.Progress(c, st.Campaign.Code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	d := phoneAdminData{Campaign: st.Campaign, Progress: p, Names: phone.StratumNames(st, httpx.Lang(c)), Groups: st.Groups, Rules: set.Input(),
		Plan:   phone.PlanInput{Design: phone.Stratified, Method: "proportional", Completes: 30 * len(st.Units), Minimum: 10, ResponseRate: 0.3, Replicates: 4, ContactedMonths: 6},
		Report: report, CanErase: st.Campaign.Status != survey.Draft && st.Campaign.Status != survey.Open && p.Frame != nil && p.Frame.ErasedAt == nil}
	if c.Request.Method == http.MethodPost {
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
	s.Render(c, status, "phone_admin", i18n.T(httpx.Lang(c), "Phone survey")+" · "+st.Campaign.Name, d)
}

// phoneCampaign loads the campaign of the path with its calling rules.
func (s *Site) phoneCampaign(c *gin.Context) (*survey.Structure, phone.Settings, error) {
	st, err := s.Campaigns.Structure(c, c.Param("code"))
	if err != nil {
		return nil, phone.Settings{}, err
	}
	set, err := s.Phone.Settings(c, st.Campaign.Code)
	return st, set, err
}

func (s *Site) phoneAdmin(c *gin.Context) { s.phoneAdminPage(c, http.StatusOK, nil) }

// rateRow is a line of a rate table: who, the counts, and every rate
// formatted (— where undefined).
type rateRow struct {
	Name   string
	Cases  int
	Counts map[string]float64
	Cells  []string
}

// productivityRow is an operator's work, named.
type productivityRow struct {
	Operator string
	phone.Productivity
}

type progressView struct {
	Campaign     survey.Campaign
	Progress     phone.Progress
	Names        map[string]string
	Productivity []productivityRow
	Rows         struct{ Overall, Units, Operators []rateRow }
	RateNames    []string
	CountNames   []string
	E            string
	CanWitness   bool
	Verify       string
	Days         []phone.CallDay // the calls chart's figures, for its table
}

// progressView gathers the overseers' view: progress, rates and
// productivity, with operators named.
func (s *Site) progressView(c *gin.Context, code string, e *float64) (progressView, error) {
	v := progressView{RateNames: sampling.RateNames, CountNames: sampling.CountNames}
	r, err := s.Phone.Report(c, code, e)
	if err != nil {
		return v, err
	}
	names, err := s.Accounts.Names(c, func(u account.User) string { return u.DisplayName })
	if err != nil {
		return v, err
	}
	lang := httpx.Lang(c)
	v.Campaign, v.Progress, v.Names = r.Structure.Campaign, r.Progress, phone.StratumNames(r.Structure, lang)
	v.Rows.Overall = []rateRow{toRateRow(r.Outcomes.Overall, i18n.T(lang, "All units"))}
	for _, t := range r.Outcomes.Units {
		v.Rows.Units = append(v.Rows.Units, toRateRow(t, t.Key+" "+v.Names[t.Key]))
	}
	for _, t := range r.Outcomes.Operators {
		v.Rows.Operators = append(v.Rows.Operators, toRateRow(t, names[t.OperatorID()]))
	}
	for _, p := range v.Progress.Productivity {
		v.Productivity = append(v.Productivity, productivityRow{Operator: names[p.OperatorID], Productivity: p})
	}
	if d := v.Progress.Draw; d != nil {
		u, _ := httpx.CurrentUser(c)
		v.CanWitness = d.Status == phone.Planned && httpx.Admits(httpx.Witnesses, u.Role)
		v.Verify = fmt.Sprintf("pingyi sample verify --draw %d", d.ID)
	}
	if e != nil {
		v.E = strconv.FormatFloat(*e, 'f', -1, 64)
	}
	v.Days, err = s.Phone.CallsPerDay(c, code)
	return v, err
}

func toRateRow(t phone.Tally, name string) rateRow {
	r := rateRow{Name: name, Cases: t.Cases, Counts: t.Counts.Values()}
	for _, n := range t.Rates.Named() {
		switch {
		case !n.Defined:
			r.Cells = append(r.Cells, "—")
		case n.Name == "e":
			r.Cells = append(r.Cells, strconv.FormatFloat(n.Value, 'f', 3, 64))
		default:
			r.Cells = append(r.Cells, strconv.FormatFloat(100*n.Value, 'f', 1, 64)+"%")
		}
	}
	return r
}

// phoneProgressPage is the live progress of the phone survey for the
// committee, special supervisors and administrators.
func (s *Site) phoneProgressPage(c *gin.Context, status int) {
	code := c.Param("code")
	e, err := phone.ParseE(c.Query("e"))
	var v progressView
	if err == nil {
		v, err = s.progressView(c, code, e)
	}
	if fe, ok := fault.As(err); ok && fe.Kind == fault.Invalid {
		// A bad e is shown above the page, which falls back to each
		// table's own estimate.
		httpx.SetPageError(c, fe.Text(httpx.Lang(c)))
		v, err = s.progressView(c, code, nil)
	}
	if err != nil {
		s.Fail(c, err)
		return
	}
	s.Render(c, status, "phone_progress", i18n.T(httpx.Lang(c), "Phone survey progress")+" · "+v.Campaign.Name, v)
}

func (s *Site) phoneProgress(c *gin.Context) { s.phoneProgressPage(c, http.StatusOK) }

// phoneAdminAccounts is what phone_admin.go needs of accounts.
type phoneAdminAccounts interface {
	Names(ctx context.Context, name func(account.User) string) (map[int64]string, error)
}

// phoneAdminCampaigns is what phone_admin.go needs of campaigns.
type phoneAdminCampaigns interface {
	Structure(ctx context.Context, code string) (*survey.Structure, error)
}

// phoneAdminPhone is what phone_admin.go needs of phone.
type phoneAdminPhone interface {
	Progress(ctx context.Context, code string) (phone.Progress, error)
	Report(ctx context.Context, code string, e *float64) (phone.Report, error)
	Settings(ctx context.Context, code string) (phone.Settings, error)
}
