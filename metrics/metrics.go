// Package metrics serves /metrics in the Prometheus text format: requests
// by route and status with their latency, form submissions, score-run
// durations, the phone queue, the appeals backlog, the database pool and
// the conflicts retried. The queue and backlog figures are counted when
// Prometheus scrapes, with a short timeout; the rest is kept as requests
// pass. Only the addresses and token a deployment configures may read it
// (loopback by default); everyone else gets 404, as if it were not there.
package metrics

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"log/slog"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"pingyi/appeals"
	"pingyi/phone"
	"pingyi/storage"
)

// PhoneQueue counts the phone queue (phone.Store).
type PhoneQueue interface {
	Gauges(ctx context.Context) (phone.QueueGauges, error)
}

// Backlog counts the appeals backlog (appeals.Store).
type Backlog interface {
	Gauges(ctx context.Context) (appeals.BacklogGauges, error)
}

// Config is what the metrics are read from and who may read them.
type Config struct {
	Pool    *sql.DB // the database pool
	Phone   PhoneQueue
	Appeals Backlog
	Log     *slog.Logger
	// Allow are the networks that may read /metrics; empty means loopback.
	Allow []netip.Prefix
	// Token, when set, admits a request from anywhere that presents it as
	// "Authorization: Bearer TOKEN".
	Token string
	// ScrapeTimeout bounds the counts made at scrape time (default 2 s).
	ScrapeTimeout time.Duration
}

// Metrics holds the registry and the series kept as requests pass.
type Metrics struct {
	cfg         Config
	registry    *prometheus.Registry
	requests    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	submissions *prometheus.CounterVec
	scoreRuns   prometheus.Histogram
	handler     gin.HandlerFunc
}

// New builds the registry.
func New(cfg Config) *Metrics {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if len(cfg.Allow) == 0 {
		cfg.Allow = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	}
	if cfg.ScrapeTimeout == 0 {
		cfg.ScrapeTimeout = 2 * time.Second
	}
	m := &Metrics{cfg: cfg, registry: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "pingyi_http_requests_total", Help: "HTTP requests answered, by route pattern, method and status.",
	}, []string{"route", "method", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "pingyi_http_request_duration_seconds", Help: "Time to answer an HTTP request, by route pattern and method.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	}, []string{"route", "method"})
	m.submissions = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "pingyi_submissions_total", Help: "Responses submitted and accepted, by route (web form, API, phone interview).",
	}, []string{"route"})
	m.scoreRuns = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "pingyi_score_run_duration_seconds", Help: "Time to compute a score run, as its request took.",
		Buckets: []float64{.1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120, 300},
	})
	m.registry.MustRegister(m.requests, m.latency, m.submissions, m.scoreRuns,
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "pingyi_db_retried_conflicts_total",
			Help: "Transactions run again after a deadlock, a Galera certification conflict, a lock wait timeout or a busy database.",
		}, func() float64 { return float64(storage.RetriedConflicts()) }),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		&scraped{m: m},
	)
	if cfg.Pool != nil {
		m.registry.MustRegister(collectors.NewDBStatsCollector(cfg.Pool, "pingyi"))
	}
	serve := promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{ErrorLog: slogErrors{cfg.Log}})
	m.handler = func(c *gin.Context) {
		if !m.admitted(c) {
			c.AbortWithStatus(404)
			return
		}
		serve.ServeHTTP(c.Writer, c.Request)
	}
	return m
}

// Observe is the middleware that records every request under its route
// pattern (gin's FullPath: never the raw path, which would make a series
// per campaign code or token).
func (m *Metrics) Observe(c *gin.Context) {
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	method, status := c.Request.Method, c.Writer.Status()
	took := time.Since(start).Seconds()
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route, method).Observe(took)
	if method != "POST" || status >= 400 {
		return
	}
	switch {
	case isSubmission(route):
		m.submissions.WithLabelValues(route).Inc()
	case strings.HasSuffix(route, "/score-runs") || strings.HasSuffix(route, "/:code/runs"):
		m.scoreRuns.Observe(took)
	}
}

// isSubmission names the routes that accept a response: the web form, the
// kiosk API and the phone interview, on both the page and the API side.
func isSubmission(route string) bool {
	return strings.HasSuffix(route, "/submit") || strings.HasSuffix(route, "/interview") ||
		route == "/api/v1/campaigns/:code/responses"
}

// Prepare starts the submission counters of the routes given ("METHOD
// /pattern", as httpx.Server.Routes lists them) at zero, so a scraper sees
// every series before the first response arrives.
func (m *Metrics) Prepare(routes []string) {
	for _, r := range routes {
		if method, route, _ := strings.Cut(r, " "); method == "POST" && isSubmission(route) {
			m.submissions.WithLabelValues(route)
		}
	}
}

// Handler answers GET /metrics to those admitted, 404 to the rest.
func (m *Metrics) Handler() gin.HandlerFunc { return m.handler }

// admitted is a request with the token, or from an allowed network
// without having passed through a proxy: a proxy on this machine would
// otherwise make every visitor look like loopback.
func (m *Metrics) admitted(c *gin.Context) bool {
	if m.cfg.Token != "" {
		if given, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer "); ok &&
			subtle.ConstantTimeCompare([]byte(given), []byte(m.cfg.Token)) == 1 {
			return true
		}
	}
	for _, h := range []string{"X-Forwarded-For", "X-Real-Ip", "Forwarded"} {
		if c.GetHeader(h) != "" {
			return false
		}
	}
	host, _, err := net.SplitHostPort(c.Request.RemoteAddr)
	if err != nil {
		return false
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	addr = addr.Unmap()
	for _, p := range m.cfg.Allow {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// ParseAllow reads PINGYI_METRICS_ALLOW: networks (CIDRs) or single
// addresses, separated by commas.
func ParseAllow(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			a, err := netip.ParseAddr(f)
			if err != nil {
				return nil, err
			}
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// scraped counts the phone queue and the appeals backlog when Prometheus
// asks: a handful of indexed counts, bounded by the scrape timeout. A
// count that fails or times out is left out of the answer and logged.
type scraped struct{ m *Metrics }

var (
	phoneDue         = prometheus.NewDesc("pingyi_phone_queue_due", "Open phone cases due now that no operator holds.", nil, nil)
	phoneLeased      = prometheus.NewDesc("pingyi_phone_queue_leased", "Phone cases held under a live lease.", nil, nil)
	appealBacklog    = prometheus.NewDesc("pingyi_appeals_backlog", "Open appeal cases, by state: unassigned (with the dispatcher) or open (with a unit).", []string{"state"}, nil)
	appealOverdue    = prometheus.NewDesc("pingyi_appeals_overdue", "Appeal cases with a unit past the deadline that applies now.", nil, nil)
	scrapeFailedDesc = prometheus.NewDesc("pingyi_metrics_scrape_failed", "1 when a count made at scrape time failed or timed out (see the log).", []string{"source"}, nil)
)

func (s *scraped) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{phoneDue, phoneLeased, appealBacklog, appealOverdue, scrapeFailedDesc} {
		ch <- d
	}
}

func (s *scraped) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), s.m.cfg.ScrapeTimeout)
	defer cancel()
	failed := func(source string, err error) {
		s.m.cfg.Log.Warn("metrics: count failed", "source", source, "error", err)
		ch <- prometheus.MustNewConstMetric(scrapeFailedDesc, prometheus.GaugeValue, 1, source)
	}
	if s.m.cfg.Phone != nil {
		if g, err := s.m.cfg.Phone.Gauges(ctx); err != nil {
			failed("phone", err)
		} else {
			ch <- prometheus.MustNewConstMetric(phoneDue, prometheus.GaugeValue, float64(g.Due))
			ch <- prometheus.MustNewConstMetric(phoneLeased, prometheus.GaugeValue, float64(g.Leased))
			ch <- prometheus.MustNewConstMetric(scrapeFailedDesc, prometheus.GaugeValue, 0, "phone")
		}
	}
	if s.m.cfg.Appeals != nil {
		if g, err := s.m.cfg.Appeals.Gauges(ctx); err != nil {
			failed("appeals", err)
		} else {
			ch <- prometheus.MustNewConstMetric(appealBacklog, prometheus.GaugeValue, float64(g.Unassigned), "unassigned")
			ch <- prometheus.MustNewConstMetric(appealBacklog, prometheus.GaugeValue, float64(g.Open), "open")
			ch <- prometheus.MustNewConstMetric(appealOverdue, prometheus.GaugeValue, float64(g.Overdue))
			ch <- prometheus.MustNewConstMetric(scrapeFailedDesc, prometheus.GaugeValue, 0, "appeals")
		}
	}
}

// slogErrors hands promhttp's errors to the structured log.
type slogErrors struct{ log *slog.Logger }

func (l slogErrors) Println(v ...any) { l.log.Warn("metrics", "error", strings.TrimSpace(fmtln(v...))) }

func fmtln(v ...any) string {
	var b strings.Builder
	for i, x := range v {
		if i > 0 {
			b.WriteByte(' ')
		}
		if e, ok := x.(error); ok {
			b.WriteString(e.Error())
		} else if s, ok := x.(string); ok {
			b.WriteString(s)
		}
	}
	return b.String()
}
