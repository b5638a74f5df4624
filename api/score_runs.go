package api

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/audit"
	"pingyi/httpx"
	"pingyi/results"
	"pingyi/scoring"
)

// runMeta is what a score run records besides its results.
type runMeta struct {
	CreatedAt    time.Time       `json:"created_at"`
	CreatedBy    string          `json:"created_by"`
	Seed         int64           `json:"seed"`
	InputDigest  string          `json:"input_digest"`
	ResultDigest string          `json:"result_digest"`
	Responses    int             `json:"responses"`
	Excluded     int             `json:"excluded"`
	Ratings      int64           `json:"ratings"`
	Config       json.RawMessage `json:"config,omitempty"`
}

// runJSON is a run in SPEC's shape, with its record alongside.
type runJSON struct {
	results.Document
	Meta runMeta `json:"meta"`
}

func toRunMeta(r *results.Run) runMeta {
	m := runMeta{CreatedAt: r.CreatedAt, CreatedBy: r.CreatedBy, Seed: r.Seed, InputDigest: r.InputDigest,
		ResultDigest: r.ResultDigest, Responses: r.Responses, Excluded: r.Excluded, Ratings: r.Ratings}
	if r.Config != "" {
		m.Config = json.RawMessage(r.Config)
	}
	return m
}

func (s *Server) createScoreRun(c *gin.Context) {
	code := c.Param("code")
	run, _, err := s.Runs.Create(c, code, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.Header("Location", "/api/v1/campaigns/"+code+"/score-runs/"+httpx.Itoa(run.ID))
	c.JSON(http.StatusCreated, runJSON{Document: run.Document(code), Meta: toRunMeta(run)})
}

func (s *Server) getScoreRun(c *gin.Context) {
	id, err := httpx.PathID(c, "run")
	if err != nil {
		s.Fail(c, err)
		return
	}
	code := c.Param("code")
	run, err := s.Runs.Get(c, code, id)
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, runJSON{Document: run.Document(code), Meta: toRunMeta(run)})
}

type runSummary struct {
	Run int64 `json:"run"`
	runMeta
}

func (s *Server) listScoreRuns(c *gin.Context) {
	runs, err := s.Runs.List(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return
	}
	out := make([]runSummary, len(runs))
	for i := range runs {
		out[i] = runSummary{Run: runs[i].ID, runMeta: toRunMeta(&runs[i])}
	}
	c.JSON(http.StatusOK, runsJSON{Runs: out})
}

type runsJSON struct {
	Runs []runSummary `json:"runs"`
}

// scoreRunsRuns is what score_runs.go needs of runs.
type scoreRunsRuns interface {
	Create(ctx context.Context, code string, actor audit.Actor) (*results.Run, *scoring.Result, error)
	Get(ctx context.Context, code string, id int64) (*results.Run, error)
	List(ctx context.Context, code string) ([]results.Run, error)
}
