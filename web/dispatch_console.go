package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/appeals"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/survey"
)

// queueSection is one of the dispatcher's work lists as the page shows it.
type queueSection struct {
	Key, Title string
	Queue      appeals.Queue
	Base       string            // where an item links to, before its id
	UnitNames  map[string]string // nil: show codes
}

// intakeForm is what the dispatcher typed, kept when the form is refused.
type intakeForm struct {
	Channel, Kind, Content, Contact, Complexity, ConcernsUnit string
	Public                                                    bool
}

// dispatchConsolePage is the dispatcher's console: the queues and the
// intake form.
type dispatchConsolePage struct {
	Sections []queueSection
	Units    []survey.RegisteredUnit
	Channels []string
	Kinds    []string
	Intake   intakeForm
	Problems []fault.Problem
}

// intakeChannels are the channels a dispatcher records a case from; the
// web form and imports have their own ways in.
var intakeChannels = []string{"hotline", "window", "letter", "supervisor", "survey"}

var appealKinds = []string{appeals.Consult, appeals.Help, appeals.Complaint, appeals.Report, appeals.Suggest}

func (s *Site) dispatchConsole(c *gin.Context) {
	s.renderDispatchConsole(c, http.StatusOK, intakeForm{Channel: "hotline", Complexity: appeals.Simple}, nil)
}

func (s *Site) renderDispatchConsole(c *gin.Context, status int, in intakeForm, problems []fault.Problem) {
	q, err := s.Appeals.DispatcherQueues(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	units, err := s.Campaigns.RegisterUnits(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	names := unitNames(units)
	page := dispatchConsolePage{
		Sections: []queueSection{
			{Key: "unassigned", Title: "Waiting for a unit", Queue: q.Unassigned},
			{Key: "overdue", Title: "Overdue", Queue: q.Overdue},
			{Key: "due_soon", Title: "Due within a working day", Queue: q.DueSoon},
			{Key: "awaiting_callback", Title: "Waiting for a callback", Queue: q.AwaitingCallback},
			{Key: "extensions", Title: "Extension requests", Queue: q.Extensions},
		},
		Units: units, Channels: intakeChannels, Kinds: appealKinds, Intake: in, Problems: problems}
	for i := range page.Sections {
		page.Sections[i].Base, page.Sections[i].UnitNames = "/dispatch/cases/", names
	}
	httpx.NoStore(c)
	s.Render(c, status, "dispatch_console", i18n.T(httpx.Lang(c), "Appeals console"), page)
}

// dispatchIntake records a case the dispatcher took by phone, at a window
// or from a letter, and opens it.
func (s *Site) dispatchIntake(c *gin.Context) {
	in := intakeForm{Channel: c.PostForm("channel"), Kind: c.PostForm("kind"), Content: c.PostForm("content"),
		Contact: strings.TrimSpace(c.PostForm("contact")), Complexity: c.PostForm("complexity"),
		ConcernsUnit: c.PostForm("concerns_unit"), Public: c.PostForm("public") == "on"}
	got, err := s.Appeals.Receive(c, appeals.Intake{Channel: in.Channel, Kind: in.Kind, Content: in.Content,
		Contact: in.Contact, Complexity: in.Complexity, ConcernsUnit: in.ConcernsUnit,
		Password: c.PostForm("password"), Public: in.Public}, httpx.Who(c))
	if err != nil {
		s.FailOnForm(c, err, func(status int, problems []fault.Problem) { s.renderDispatchConsole(c, status, in, problems) })
		return
	}
	httpx.Redirect(c, "/dispatch/cases/"+httpx.Itoa(got.ID)+"?done=receive")
}

// unitNames maps each unit's code to its name, for lists that hold codes.
func unitNames(units []survey.RegisteredUnit) map[string]string {
	out := make(map[string]string, len(units))
	for _, u := range units {
		out[u.Code] = u.Name
	}
	return out
}

// dispatchConsoleAppeals is what the dispatcher's pages need of the ledger.
type dispatchConsoleAppeals interface {
	DispatcherQueues(ctx context.Context) (appeals.DispatcherQueues, error)
	Receive(ctx context.Context, in appeals.Intake, actor audit.Actor) (appeals.Received, error)
}

// dispatchConsoleCampaigns is what the dispatcher's pages need of the
// campaigns: the organiser's register of units.
type dispatchConsoleCampaigns interface {
	RegisterUnits(ctx context.Context, codes ...string) ([]survey.RegisteredUnit, error)
}
