package app

import (
	"strings"

	"pingyi/httpx"
	"pingyi/metrics"
)

// serveMetrics records every request registered after it and answers
// GET /metrics to the networks and token configured (loopback by
// default); to everyone else /metrics is not there (404).
func (a *App) serveMetrics(srv *httpx.Server) (*metrics.Metrics, error) {
	allow, err := metrics.ParseAllow(strings.Join(a.Config.MetricsAllow, ","))
	if err != nil {
		return nil, err
	}
	pool, err := a.DB.Gorm.DB()
	if err != nil {
		return nil, err
	}
	m := metrics.New(metrics.Config{Pool: pool, Phone: a.Phone, Appeals: a.Appeals, Log: a.Log,
		Allow: allow, Token: a.Config.MetricsToken})
	srv.Root().Use(m.Observe)
	srv.On(srv.Root(), "GET", "/metrics", httpx.Public, m.Handler())
	return m, nil
}
