package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime/debug"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/api"
	"pingyi/appeals"
	"pingyi/audit"
	"pingyi/calendar"
	"pingyi/collection"
	"pingyi/httpx"
	"pingyi/migrations"
	"pingyi/organizer"
	"pingyi/phone"
	"pingyi/rectification"
	"pingyi/responses"
	"pingyi/results"
	"pingyi/review"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/survey"
	"pingyi/validation"
	"pingyi/web"
)

// App is a running Pingyi: its database, keys and stores.
type App struct {
	Config     Config
	Log        *slog.Logger
	DB         *storage.DB
	Keys       *secret.Keys
	Audit      *audit.Log
	Accounts   *account.Store
	Organizers *organizer.Store
	Survey     *survey.Store
	Responses  *responses.Store
	Results    *results.Store
	Collection *collection.Service
	Review     *review.Store
	Phone      *phone.Store
	// Calendar is the working-day calendar; Appeals the ledger of the
	// people's appeals (诉求台账); Rectification the tasks units work off
	// after a publication.
	Calendar      *calendar.Calendar
	Appeals       *appeals.Store
	Rectification *rectification.Store
}

// Open connects to the database, brings its schema up to date when migrate
// is set, loads the key and builds the stores.
func Open(ctx context.Context, cfg Config, log *slog.Logger, migrate bool) (*App, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	db, err := storage.Open(ctx, cfg.DB, storage.Options{MaxOpenConns: cfg.DBMaxConns, Logger: log})
	if err != nil {
		return nil, err
	}
	a := &App{Config: cfg, Log: log, DB: db}
	if migrate {
		applied, err := migrations.Up(ctx, db)
		if err != nil {
			db.Close()
			return nil, err
		}
		for _, m := range applied {
			log.Info("migrated", "version", m.Version, "name", m.Name)
		}
	}
	if a.Keys, err = loadKeys(cfg, db, log); err != nil {
		db.Close()
		return nil, err
	}
	v := validation.New()
	a.Audit = audit.New(db, a.Keys)
	a.Accounts = account.NewStore(db, a.Audit, v)
	a.Organizers = organizer.NewStore(db, a.Audit)
	a.Survey = survey.NewStore(db, a.Audit, v)
	a.Responses = responses.NewStore(db, a.Audit, a.Survey)
	a.Results = results.NewStore(db, a.Audit, a.Survey, a.Responses)
	sender := collection.LogSender{Log: log, ShowCodes: cfg.DevShowCodes}
	a.Collection = collection.New(db, a.Survey, a.Responses, a.Audit, a.Keys, sender, log, collection.Limits{SubmissionsPerIPHour: cfg.SubmissionsPerIPHour})
	a.Phone = phone.NewStore(db, a.Keys, a.Audit, a.Survey, a.Responses)
	a.Responses.UseDrawnCases(a.Phone) // imports of interviews name their drawn cases
	a.Review = review.NewStore(db, a.Audit, a.Survey, a.Responses, a.Results, a.Accounts, phoneRates{a.Phone})
	signer, err := loadSigner(cfg, a.Keys)
	if err != nil {
		db.Close()
		return nil, err
	}
	a.Review.UseSigner(signer)
	a.Review.UseSigners(organizerSigners(signer, a.Keys))
	a.Review.UseDraws(phoneDraws{a.Phone}) // each version freezes the executed draw's files
	a.Calendar = calendar.New(db, a.Audit)
	a.Phone.UseCalendar(callingDays(a.Calendar))
	a.Appeals = appeals.NewStore(db, a.Keys, a.Audit, workingDays(a.Calendar), unitRegister{a.Survey}, appeals.DefaultConfig)
	a.Rectification = rectification.New(db, a.Audit, a.Calendar)
	a.Rectification.UseCases(a.Appeals)
	a.Results.UseAppeals(hotlineCounts{a.Appeals})
	return a, nil
}

// loadKeys reads PINGYI_SECRET_KEY. The embedded SQLite default keeps a key
// file next to the database instead, so `go run . serve --demo` needs no
// set-up; MySQL means several processes, which must share one key, so there
// the variable is required.
func loadKeys(cfg Config, db *storage.DB, log *slog.Logger) (*secret.Keys, error) {
	if cfg.SecretKey != "" {
		raw, err := secret.Parse(cfg.SecretKey)
		if err != nil {
			return nil, fmt.Errorf("PINGYI_SECRET_KEY: %w", err)
		}
		return secret.New(raw)
	}
	file, local := db.File()
	if !local {
		return nil, errors.New("PINGYI_SECRET_KEY is required with MySQL: every serve process must use the same key (generate one with: openssl rand -hex 32)")
	}
	path := file + ".key"
	raw, created, err := secret.LoadOrCreateFile(path)
	if err != nil {
		return nil, fmt.Errorf("secret key file: %w", err)
	}
	if created {
		log.Warn("no PINGYI_SECRET_KEY: created a key file next to the database; keep it with the database and set PINGYI_SECRET_KEY in production", "file", path)
	}
	return secret.New(raw)
}

// Close releases the database.
func (a *App) Close() error { return a.DB.Close() }

// Server builds the HTTP server: the shared router, the probes, then the
// pages and the JSON API behind the middleware that identifies callers.
func (a *App) Server() (*httpx.Server, error) {
	pages, err := web.NewRenderer()
	if err != nil {
		return nil, err
	}
	public, _ := url.Parse(a.Config.PublicURL)
	gin.SetMode(gin.ReleaseMode)
	srv, err := httpx.New(httpx.Config{Callers: a.Accounts, Owners: a.Survey, Pages: pages, Keys: a.Keys, Log: a.Log,
		Static: web.Static(), PublicURL: public, TrustedProxies: a.Config.TrustedProxies})
	if err != nil {
		return nil, fmt.Errorf("trusted proxies: %w", err)
	}
	m, err := a.serveMetrics(srv)
	if err != nil {
		return nil, err
	}
	api.Probes(srv, a.DB.Ping)
	srv.Identify()
	desk := a.RectificationDesk()
	web.Routes(srv, web.Deps{Accounts: a.Accounts, Campaigns: a.Survey, Responses: a.Responses, Runs: a.Results,
		Collection: a.Collection, Review: a.Review, Phone: a.Phone, Appeals: a.Appeals, Calendar: a.Calendar,
		Rectification: desk})
	api.Routes(srv, api.Deps{Accounts: a.Accounts, Campaigns: a.Survey, Responses: a.Responses, Runs: a.Results,
		Collection: a.Collection, Review: a.Review, Phone: a.Phone, Appeals: a.Appeals, Calendar: a.Calendar,
		Rectification: desk})
	m.Prepare(srv.Routes())
	return srv, nil
}

// Serve answers HTTP on ln until ctx ends, then stops taking requests and
// lets those in flight finish (up to 15 s). Without a configured public URL,
// Pingyi is reached at localhost on the listener's port.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	if a.Config.PublicURL == "" {
		a.Config.PublicURL = LocalURL(ln)
	}
	if os.Getenv("GOGC") == "" && a.Config.GCPercent > 0 {
		debug.SetGCPercent(a.Config.GCPercent)
	}
	server, err := a.Server()
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: server.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 5 * time.Minute,
		WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute, ErrorLog: slog.NewLogLogger(a.Log.Handler(), slog.LevelWarn)}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	a.Log.Info("shutting down")
	stop, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(stop); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// LocalURL is the address of a listener as a browser on this machine
// reaches it.
func LocalURL(ln net.Listener) string {
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return "http://localhost:" + port
}
