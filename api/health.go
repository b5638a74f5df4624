package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/httpx"
)

// probes answer load balancers.
type probes struct {
	*httpx.Server
	ready func(ctx context.Context) error
}

// healthJSON is a probe's answer.
type healthJSON struct {
	Status string `json:"status"`
}

// healthz says the process is alive: a load balancer restarts it if not.
func (p probes) healthz(c *gin.Context) { c.JSON(http.StatusOK, healthJSON{Status: "ok"}) }

// readyz says the process can serve: its database answers. A load balancer
// sends no traffic to a process that is not ready.
func (p probes) readyz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c, 2*time.Second)
	defer cancel()
	if err := p.ready(ctx); err != nil {
		p.Log.WarnContext(c, "not ready", "err", err)
		c.JSON(http.StatusServiceUnavailable, healthJSON{Status: "database unreachable"})
		return
	}
	c.JSON(http.StatusOK, healthJSON{Status: "ready"})
}
