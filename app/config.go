// Package app wires Pingyi together: configuration, database, keys, stores
// and the HTTP server. The command line and the end-to-end tests both start
// the program through it, so tests run the real thing on port 0.
package app

import (
	"flag"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strconv"
	"strings"

	"pingyi/collection"
	"pingyi/metrics"
)

// Config is every setting, with its default, its PINGYI_* variable and (for
// the commands that take it) its flag. Flags override variables, variables
// override defaults.
type Config struct {
	Addr       string // PINGYI_ADDR, --addr
	DB         string // PINGYI_DB, --db
	Demo       bool   // PINGYI_DEMO, --demo
	PublicURL  string // PINGYI_PUBLIC_URL, --public-url
	SecretKey  string // PINGYI_SECRET_KEY (hex or base64, 32 bytes); never a flag, so it stays out of `ps`
	SigningKey string // PINGYI_SIGNING_KEY: the default organiser's Ed25519 seed, like the secret key; empty derives it from the secret key (app/signing.go)
	LogFormat  string // PINGYI_LOG_FORMAT: text or json
	LogLevel   string // PINGYI_LOG_LEVEL: debug, info, warn, error
	DBMaxConns int    // PINGYI_DB_MAX_CONNS: 0 for the per-dialect default
	// GCPercent is the Go garbage collector's target while serving
	// (PINGYI_GC_PERCENT); GOGC, when set, wins.
	GCPercent int
	// TrustedProxies lists the proxies (CIDRs) whose X-Forwarded-For is
	// believed when rate-limiting by client address.
	TrustedProxies []string // PINGYI_TRUSTED_PROXIES, comma-separated
	// SubmissionsPerIPHour caps the open-link responses one address may
	// send to a campaign in an hour (0: no cap); campaigns may override it.
	SubmissionsPerIPHour int // PINGYI_SUBMISSIONS_PER_IP_HOUR
	// DevShowCodes makes the log-only SMS sender log verification codes,
	// for development only.
	DevShowCodes bool // PINGYI_DEV_SHOW_CODES
	// MetricsAllow lists the networks (CIDRs or addresses) that may read
	// /metrics; empty means loopback only.
	MetricsAllow []string // PINGYI_METRICS_ALLOW, comma-separated
	// MetricsToken, when set, lets a scraper anywhere read /metrics with
	// "Authorization: Bearer TOKEN"; never a flag, like the keys.
	MetricsToken string // PINGYI_METRICS_TOKEN
}

// defaultGCPercent lets the heap grow to five times what is live before
// the collector runs. A serving process keeps little alive (tens of MB,
// ~150 MB during a Jinan-sized score run), and at Go's default of 100 the
// collector took a quarter of the CPU a form submission costs; at 400 the
// same two cores take about a fifth more forms a second (README, Speed).
// Where memory is tight, GOMEMLIMIT caps the heap whatever this says.
const defaultGCPercent = 400

// Default returns the defaults: SQLite in ./pingyi.db, port 8080.
func Default() Config {
	return Config{Addr: ":8080", LogFormat: "text", LogLevel: "info", GCPercent: defaultGCPercent,
		SubmissionsPerIPHour: collection.DefaultLimits.SubmissionsPerIPHour}
}

// FromEnv applies PINGYI_* variables over the defaults.
func FromEnv(getenv func(string) string) (Config, error) {
	c := Default()
	str := func(name string, dst *string) {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
	str("PINGYI_ADDR", &c.Addr)
	str("PINGYI_DB", &c.DB)
	str("PINGYI_PUBLIC_URL", &c.PublicURL)
	str("PINGYI_SECRET_KEY", &c.SecretKey)
	str("PINGYI_SIGNING_KEY", &c.SigningKey)
	str("PINGYI_LOG_FORMAT", &c.LogFormat)
	str("PINGYI_LOG_LEVEL", &c.LogLevel)
	str("PINGYI_METRICS_TOKEN", &c.MetricsToken)
	for name, dst := range map[string]*bool{"PINGYI_DEMO": &c.Demo, "PINGYI_DEV_SHOW_CODES": &c.DevShowCodes} {
		if v := getenv(name); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return c, fmt.Errorf("%s=%q: want true or false", name, v)
			}
			*dst = b
		}
	}
	for _, n := range []struct {
		name  string
		dst   *int
		least int
		want  string
	}{
		{"PINGYI_DB_MAX_CONNS", &c.DBMaxConns, 0, "a whole number"},
		{"PINGYI_SUBMISSIONS_PER_IP_HOUR", &c.SubmissionsPerIPHour, 0, "a whole number (0 for no limit)"},
		{"PINGYI_GC_PERCENT", &c.GCPercent, 10, "a whole number, 10 or more"},
	} {
		if v := getenv(n.name); v != "" {
			x, err := strconv.Atoi(v)
			if err != nil || x < n.least {
				return c, fmt.Errorf("%s=%q: want %s", n.name, v, n.want)
			}
			*n.dst = x
		}
	}
	if v := getenv("PINGYI_METRICS_ALLOW"); v != "" {
		for _, p := range strings.Split(v, ",") {
			c.MetricsAllow = append(c.MetricsAllow, strings.TrimSpace(p))
		}
	}
	if v := getenv("PINGYI_TRUSTED_PROXIES"); v != "" {
		for _, p := range strings.Split(v, ",") {
			c.TrustedProxies = append(c.TrustedProxies, strings.TrimSpace(p))
		}
	}
	return c, nil
}

// DBFlag registers --db.
func (c *Config) DBFlag(fs *flag.FlagSet) {
	fs.StringVar(&c.DB, "db", c.DB, "database: sqlite:PATH or mysql://user:pass@tcp(host:3306)/name (default sqlite:./pingyi.db; env PINGYI_DB)")
}

// ServeFlags registers the flags of `pingyi serve`.
func (c *Config) ServeFlags(fs *flag.FlagSet) {
	c.DBFlag(fs)
	fs.StringVar(&c.Addr, "addr", c.Addr, "address to listen on (env PINGYI_ADDR)")
	fs.BoolVar(&c.Demo, "demo", c.Demo, "load the demo campaign once (env PINGYI_DEMO)")
	fs.StringVar(&c.PublicURL, "public-url", c.PublicURL, "URL people reach Pingyi at; https makes cookies Secure (default http://localhost:PORT; env PINGYI_PUBLIC_URL)")
}

// Check validates the configuration as a whole.
func (c Config) Check() error {
	if c.PublicURL != "" {
		u, err := url.Parse(c.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("public URL %q: want http(s)://host[:port]", c.PublicURL)
		}
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("log format %q: want text or json", c.LogFormat)
	}
	if _, err := c.level(); err != nil {
		return err
	}
	if _, err := metrics.ParseAllow(strings.Join(c.MetricsAllow, ",")); err != nil {
		return fmt.Errorf("PINGYI_METRICS_ALLOW: %w (want networks such as 10.0.0.0/8, separated by commas)", err)
	}
	if c.MetricsToken != "" && len(c.MetricsToken) < 16 {
		return fmt.Errorf("PINGYI_METRICS_TOKEN: use at least 16 characters (generate one with: openssl rand -hex 16)")
	}
	return nil
}

func (c Config) level() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return l, fmt.Errorf("log level %q: want debug, info, warn or error", c.LogLevel)
	}
	return l, nil
}

// Logger builds the structured logger the configuration asks for.
func (c Config) Logger() *slog.Logger {
	level, _ := c.level()
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}
