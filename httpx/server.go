// Package httpx is what Pingyi's two HTTP rooms share: the router and its
// route-policy table, the middleware, sign-in and anti-forgery, the mapping
// of domain errors to statuses (the stable JSON error body and the error
// page), and the request parsers. api/ (JSON) and web/ (pages) register
// their routes on one Server; neither imports the other.
package httpx

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/i18n"
	"pingyi/secret"
)

// Callers is what the router needs of staff accounts to know who calls.
type Callers interface {
	SessionUser(ctx context.Context, token string) (account.User, error)
	TokenUser(ctx context.Context, token string) (account.User, error)
}

// Renderer draws a named page template; web.Renderer is the one.
type Renderer interface {
	Render(w io.Writer, lang i18n.Lang, page string, data any) error
}

// Config is what the shared server is built from.
type Config struct {
	Callers Callers
	// Owners keeps staff to their organisers' campaigns (scope.go).
	Owners CampaignOwners
	Pages  Renderer
	Keys   *secret.Keys
	Log    *slog.Logger
	// Static holds the stylesheet and other assets, served at /static.
	Static http.FileSystem
	// PublicURL is where people reach Pingyi; an https URL makes cookies
	// Secure.
	PublicURL *url.URL
	// TrustedProxies are the proxies whose X-Forwarded-For is believed;
	// none by default, so a client cannot forge its address.
	TrustedProxies []string
}

// Server holds the router, the policy table and what every handler
// borrows: logging, keys, page rendering.
type Server struct {
	Config
	engine *gin.Engine
	// policy records who may call each route, as registered; the role
	// tests walk it to cover every endpoint.
	policy map[string]Access
	// bodyLimits are the routes that take more than defaultBodyLimit.
	bodyLimits map[string]int64
	// staleForms are the public forms that survive a failed token (OnForm).
	staleForms map[string]gin.HandlerFunc
}

// New builds the router with the middleware every request passes. Routes
// registered before Identify (the probes) skip the look-ups of identity,
// language and device; the rest come after it.
func New(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	s := &Server{Config: cfg, policy: map[string]Access{}, bodyLimits: map[string]int64{}, staleForms: map[string]gin.HandlerFunc{}}
	s.engine = gin.New()
	// Uploads beyond this wait in temporary files, not in memory.
	s.engine.MaxMultipartMemory = 8 << 20
	s.engine.HandleMethodNotAllowed = true
	s.engine.ContextWithFallback = true
	if err := s.engine.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, err
	}
	e := s.engine
	e.Use(withRequestID, s.logRequests, s.recoverPanics, s.failOnErrors, secureHeaders)
	// The stylesheet needs no one's identity, language or device, so it
	// comes before the middleware that looks those up: a session query
	// per stylesheet.
	if cfg.Static != nil {
		e.StaticFS("/static", cfg.Static)
	}
	return s, nil
}

// Identify adds the middleware that finds the caller's language, device
// and identity and checks anti-forgery tokens. Every route registered
// after it passes through them.
func (s *Server) Identify() {
	e := s.engine
	e.Use(s.limitBody, chooseLang, s.device, s.identify, s.checkCSRF)
	e.NoRoute(func(c *gin.Context) { s.Fail(c, ErrNotFound) })
	e.NoMethod(func(c *gin.Context) { s.Fail(c, ErrNotFound) })
}

// Root is the router, for registering top-level routes and groups.
func (s *Server) Root() *gin.Engine { return s.engine }

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
