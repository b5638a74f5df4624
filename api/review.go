package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/httpx"
	"pingyi/responses"
	"pingyi/results"
	"pingyi/review"
)

// The review's JSON API: the same actions as the console, for scripts.

func (s *Server) listFlags(c *gin.Context) {
	code := c.Param("code")
	run, err := s.Runs.RunOrLatest(c, code, 0)
	if err != nil {
		s.Fail(c, err)
		return
	}
	report, err := s.Review.Flags(c, code, run)
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, report)
}

type exclusionJSON struct {
	ID           int64      `json:"id"`
	Ref          string     `json:"ref"`
	Reason       string     `json:"reason"`
	Batch        *string    `json:"batch"`
	CreatedBy    string     `json:"created_by"`
	CreatedAt    time.Time  `json:"created_at"`
	RevokedBy    *string    `json:"revoked_by"`
	RevokedAt    *time.Time `json:"revoked_at"`
	RevokeReason *string    `json:"revoke_reason"`
}

func (s *Server) listExclusions(c *gin.Context) {
	list, err := s.Responses.Exclusions(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return
	}
	logins, err := s.Accounts.Names(c, func(u account.User) string { return u.Login })
	if err != nil {
		s.Fail(c, err)
		return
	}
	out := make([]exclusionJSON, len(list))
	for i, e := range list {
		out[i] = exclusionJSON{ID: e.ID, Ref: e.Ref, Reason: e.Reason, Batch: e.Batch, CreatedBy: logins[e.CreatedBy],
			CreatedAt: e.CreatedAt, RevokedAt: e.RevokedAt, RevokeReason: e.RevokeReason}
		if e.RevokedBy != nil {
			by := logins[*e.RevokedBy]
			out[i].RevokedBy = &by
		}
	}
	c.JSON(http.StatusOK, exclusionsJSON{Exclusions: out})
}

func (s *Server) createExclusion(c *gin.Context) {
	var in responses.ExclusionRequest
	if err := httpx.DecodeJSON(c, &in); err != nil {
		s.Fail(c, err)
		return
	}
	res, err := s.Responses.Exclude(c, c.Param("code"), in, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, res)
}

type revokeRequest struct {
	Reason string `json:"reason"`
}

func (s *Server) revokeExclusion(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	var in revokeRequest
	if err := httpx.DecodeJSON(c, &in); err != nil {
		s.Fail(c, err)
		return
	}
	if err := s.Responses.RevokeExclusion(c, c.Param("code"), id, in.Reason, httpx.Who(c)); err != nil {
		s.Fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (s *Server) runApprovals(c *gin.Context) {
	id, err := httpx.PathID(c, "run")
	if err != nil {
		s.Fail(c, err)
		return
	}
	s.runApprovalsStatus(c, id, http.StatusOK)
}

func (s *Server) approveRunAPI(c *gin.Context) {
	s.approvalAPI(c, s.Review.Approve, http.StatusCreated)
}

func (s *Server) withdrawRunAPI(c *gin.Context) { s.approvalAPI(c, s.Review.Withdraw, http.StatusOK) }

// approvalAction is approving or withdrawing an approval.
type approvalAction func(ctx context.Context, code string, run int64, by audit.Actor) error

func (s *Server) approvalAPI(c *gin.Context, act approvalAction, status int) {
	id, err := httpx.PathID(c, "run")
	if err != nil {
		s.Fail(c, err)
		return
	}
	if err := act(c, c.Param("code"), id, httpx.Who(c)); err != nil {
		s.Fail(c, err)
		return
	}
	s.runApprovalsStatus(c, id, status)
}

func (s *Server) runApprovalsStatus(c *gin.Context, id int64, status int) {
	run, err := s.Runs.Get(c, c.Param("code"), id)
	if err != nil {
		s.Fail(c, err)
		return
	}
	st, err := s.Review.Status(c, c.Param("code"), run)
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(status, st)
}

// publicationJSON is a version as the public list shows it: the committee
// publishes as a body, so no member's login is named (the audit log keeps
// who did).
type publicationJSON struct {
	Version        int       `json:"version"`
	Run            int64     `json:"run"`
	PublishedAt    time.Time `json:"published_at"`
	ChangeNote     *string   `json:"change_note"`
	Digest         string    `json:"digest"`
	PreviousDigest *string   `json:"previous_digest"`
	URL            string    `json:"url"`
	Document       string    `json:"document"`
}

func toPublicationJSON(code string, p review.Publication) publicationJSON {
	base := "/p/" + code + "/v/" + httpx.Itoa(int64(p.Version))
	return publicationJSON{Version: p.Version, Run: p.RunID, PublishedAt: p.PublishedAt,
		ChangeNote: p.ChangeNote, Digest: p.Digest, PreviousDigest: p.PreviousDigest, URL: base, Document: base + "/publication.json"}
}

func (s *Server) listPublications(c *gin.Context) {
	code := c.Param("code")
	list, err := s.Review.Versions(c, code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	out := make([]publicationJSON, len(list))
	for i, p := range list {
		out[i] = toPublicationJSON(code, p)
	}
	c.JSON(http.StatusOK, publicationsJSON{Publications: out})
}

func (s *Server) createPublication(c *gin.Context) {
	var in review.PublishRequest
	if err := httpx.DecodeJSON(c, &in); err != nil {
		s.Fail(c, err)
		return
	}
	code := c.Param("code")
	p, err := s.Review.Publish(c, code, in, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	out := toPublicationJSON(code, *p)
	c.Header("Location", out.URL)
	c.JSON(http.StatusCreated, out)
}

func (s *Server) getReviewSettings(c *gin.Context) {
	set, err := s.Review.Settings(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, set)
}

func (s *Server) putReviewSettings(c *gin.Context) {
	var in review.Settings
	if err := httpx.DecodeJSON(c, &in); err != nil {
		s.Fail(c, err)
		return
	}
	if err := s.Review.SaveSettings(c, c.Param("code"), in, httpx.Who(c)); err != nil {
		s.Fail(c, err)
		return
	}
	s.getReviewSettings(c)
}

type exclusionsJSON struct {
	Exclusions []exclusionJSON `json:"exclusions"`
}

type publicationsJSON struct {
	Publications []publicationJSON `json:"publications"`
}

// reviewAccounts is what review.go needs of accounts.
type reviewAccounts interface {
	Names(ctx context.Context, name func(account.User) string) (map[int64]string, error)
}

// reviewResponses is what review.go needs of responses.
type reviewResponses interface {
	Exclude(ctx context.Context, code string, in responses.ExclusionRequest, by audit.Actor) (responses.ExclusionResult, error)
	Exclusions(ctx context.Context, code string) ([]responses.ExclusionRecord, error)
	RevokeExclusion(ctx context.Context, code string, id int64, reason string, by audit.Actor) error
}

// reviewReview is what review.go needs of review.
type reviewReview interface {
	Approve(ctx context.Context, code string, runID int64, by audit.Actor) error
	Flags(ctx context.Context, code string, run *results.Run) (*review.Report, error)
	Publish(ctx context.Context, code string, in review.PublishRequest, by audit.Actor) (*review.Publication, error)
	SaveSettings(ctx context.Context, code string, in review.Settings, actor audit.Actor) error
	Settings(ctx context.Context, code string) (review.Settings, error)
	Status(ctx context.Context, code string, run *results.Run) (*review.RunStatus, error)
	Versions(ctx context.Context, code string) ([]review.Publication, error)
	Withdraw(ctx context.Context, code string, runID int64, by audit.Actor) error
}

// reviewRuns is what review.go needs of runs.
type reviewRuns interface {
	Get(ctx context.Context, code string, id int64) (*results.Run, error)
	RunOrLatest(ctx context.Context, code string, id int64) (*results.Run, error)
}
