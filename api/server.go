// Package api is Pingyi's HTTP face: the JSON API under /api/v1 for scripts,
// kiosks and the phone channel, and the server-rendered pages for people.
// Handlers bind, validate, call a store and respond; they never touch the
// database themselves.
package api

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/collection"
	"pingyi/phone"
	"pingyi/responses"
	"pingyi/results"
	"pingyi/scoring"
	"pingyi/secret"
	"pingyi/survey"
	"pingyi/tabular"
	"pingyi/web"
)

// AccountStore is what the API needs of staff accounts.
type AccountStore interface {
	SignIn(ctx context.Context, login, password, addressHash string) (account.User, string, error)
	SessionUser(ctx context.Context, token string) (account.User, error)
	TokenUser(ctx context.Context, token string) (account.User, error)
	SignOut(ctx context.Context, token string) error
	ChangePassword(ctx context.Context, userID int64, current, next, keepToken string) error
	Create(ctx context.Context, in account.NewUser, actor string) (account.User, string, error)
	List(ctx context.Context) ([]account.User, error)
	Disable(ctx context.Context, id int64, actor string) error
	CreateToken(ctx context.Context, userID int64, name, actor string) (account.APIToken, string, error)
	Tokens(ctx context.Context, userID int64) ([]account.APIToken, error)
	RevokeToken(ctx context.Context, userID, tokenID int64, actor string) error
}

// CampaignStore is what the API needs of campaigns.
type CampaignStore interface {
	Create(ctx context.Context, d survey.Definition, actor string) (*survey.Structure, error)
	Campaigns(ctx context.Context, statuses ...survey.Status) ([]survey.Campaign, error)
	Structure(ctx context.Context, code string) (*survey.Structure, error)
	Update(ctx context.Context, code, actor, action string, change func(*survey.Definition) error) (*survey.Structure, error)
	SetStatus(ctx context.Context, code string, to survey.Status, actor string) (survey.Campaign, error)
	ImportUnits(ctx context.Context, code string, src io.Reader, format tabular.Format, actor string) (survey.UnitImport, error)
	ImportResponses(ctx context.Context, code string, src io.Reader, format tabular.Format, actor string) (responses.ImportResult, error)
	ExportResponses(ctx context.Context, code string, w responses.RowWriter) error
	Progress(ctx context.Context, code string) (responses.Progress, error)
	ReceiptOf(ctx context.Context, responseID int64) (responses.Receipt, error)
}

// RespondentService is what the API needs of the respondents' side:
// submissions, drafts, invitations and the open link's defences.
type RespondentService interface {
	Submit(ctx context.Context, code string, in collection.Input) (responses.Receipt, error)
	Invitation(ctx context.Context, token string) (collection.Invitation, error)
	Draft(ctx context.Context, key collection.DraftKey) (*collection.Draft, error)
	StartDraft(ctx context.Context, key collection.DraftKey, ipHash string) (*collection.Draft, error)
	SavePage(ctx context.Context, draftID int64, st *survey.Structure, units []int, page collection.Content, next int) error
	SendCode(ctx context.Context, d *collection.Draft, phone, ipHash string) error
	CheckCode(ctx context.Context, d *collection.Draft, code string) error
	Settings(ctx context.Context, campaignID int64) (collection.Settings, error)
	SetSettings(ctx context.Context, code string, set collection.Settings, actor string) error
	Effective(set collection.Settings) int
	CreateBatch(ctx context.Context, code, group string, size int, label, actor string) (collection.Batch, error)
	Batches(ctx context.Context, code string) ([]collection.BatchSummary, error)
	Links(ctx context.Context, code string, batchID int64, actor string) (collection.BatchSummary, []collection.Link, error)
	RevokeBatch(ctx context.Context, code string, batchID int64, actor string) error
}

// RunStore is what the API needs of score runs.
type RunStore interface {
	Create(ctx context.Context, code, actor string) (*results.Run, *scoring.Result, error)
	Get(ctx context.Context, code string, id int64) (*results.Run, error)
	List(ctx context.Context, code string) ([]results.Run, error)
}

// PhoneStore is what the API needs of the phone survey: frames, draws, the
// call queue and its outcomes.
type PhoneStore interface {
	ImportFrame(ctx context.Context, code, file string, src io.Reader, format tabular.Format, actor string) (phone.FrameImport, error)
	ImportDoNotCall(ctx context.Context, src io.Reader, format tabular.Format, actor string) (phone.DoNotCallImport, error)
	Settings(ctx context.Context, code string) (phone.Settings, error)
	SaveSettings(ctx context.Context, code string, in phone.SettingsInput, actor string) (phone.Settings, error)
	Plan(ctx context.Context, code string, in phone.PlanInput, actor string) (phone.Draw, error)
	Witness(ctx context.Context, code, witness, actor string) (phone.Draw, error)
	Execute(ctx context.Context, code, actor string) (phone.Draw, error)
	Release(ctx context.Context, code string, strata []string, actor string) (phone.Released, error)
	Erase(ctx context.Context, code, actor string) (int64, error)
	Progress(ctx context.Context, code string) (phone.Progress, error)
	Outcomes(ctx context.Context, code string, e *float64) (phone.Outcomes, error)
	Current(ctx context.Context, code string, operatorID int64) (*phone.Case, error)
	Next(ctx context.Context, code string, operatorID int64) (*phone.Case, error)
	GiveBack(ctx context.Context, code string, operatorID, caseID int64) error
	Record(ctx context.Context, code string, operatorID, caseID int64, o phone.Outcome) (phone.Recorded, error)
	Interview(ctx context.Context, code string, operatorID, caseID int64, in phone.Interview) (responses.Receipt, error)
}

// Deps is everything the HTTP layer is built from.
type Deps struct {
	Accounts  AccountStore
	Campaigns CampaignStore
	Runs      RunStore
	Respond   RespondentService
	Review    ReviewStore
	Responses ResponseReview
	Phone     PhoneStore
	Pages     *web.Renderer
	Keys      *secret.Keys
	Log       *slog.Logger
	// Ready reports whether the database answers, for /readyz.
	Ready func(ctx context.Context) error
	// PublicURL is where people reach Pingyi; an https URL makes cookies
	// Secure.
	PublicURL *url.URL
	// TrustedProxies are the proxies whose X-Forwarded-For is believed;
	// none by default, so a client cannot forge its address.
	TrustedProxies []string
}

// Server holds the router and its dependencies.
type Server struct {
	Deps
	engine *gin.Engine
	// policy records who may call each route, as registered; the role
	// tests walk it to cover every endpoint.
	policy map[string]access
	// bodyLimits are the routes that take more than defaultBodyLimit.
	bodyLimits map[string]int64
}

// New builds the server and its routes.
func New(d Deps) (*Server, error) {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	s := &Server{Deps: d, policy: map[string]access{}, bodyLimits: map[string]int64{}}
	s.engine = gin.New()
	// Uploads beyond this wait in temporary files, not in memory.
	s.engine.MaxMultipartMemory = 8 << 20
	s.engine.HandleMethodNotAllowed = true
	s.engine.ContextWithFallback = true
	if err := s.engine.SetTrustedProxies(d.TrustedProxies); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

// Handler returns the HTTP handler.
func (s *Server) Handler() http.Handler { return s.engine }

// Policy returns who may call each registered route, keyed "METHOD /path".
func (s *Server) Policy() map[string][]account.Role {
	out := map[string][]account.Role{}
	for k, v := range s.policy {
		out[k] = v
	}
	return out
}

// Routes lists every route the router knows, "METHOD /pattern".
func (s *Server) Routes() []string {
	var out []string
	for _, r := range s.engine.Routes() {
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}
