package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/responses"
	"pingyi/review"
)

// The review's JSON API: the same actions as the console, for scripts.

func (s *Server) listFlags(c *gin.Context) {
	code := c.Param("code")
	run, err := s.runOrLatest(c, code, 0)
	if err != nil {
		s.fail(c, err)
		return
	}
	report, err := s.Review.Flags(c, code, run)
	if err != nil {
		s.fail(c, err)
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
		s.fail(c, err)
		return
	}
	logins, err := s.staffBy(c, func(u account.User) string { return u.Login })
	if err != nil {
		s.fail(c, err)
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
	c.JSON(http.StatusOK, gin.H{"exclusions": out})
}

// staffBy names every account by its id, for the record of who did what.
func (s *Server) staffBy(c *gin.Context, name func(account.User) string) (map[int64]string, error) {
	users, err := s.Accounts.List(c)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(users))
	for _, u := range users {
		out[u.ID] = name(u)
	}
	return out, nil
}

func (s *Server) createExclusion(c *gin.Context) {
	var in responses.ExclusionRequest
	if err := decodeJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	res, err := s.Responses.Exclude(c, c.Param("code"), in, staffOf(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, res)
}

type revokeRequest struct {
	Reason string `json:"reason"`
}

func (s *Server) revokeExclusion(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	var in revokeRequest
	if err := decodeJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	if err := s.Responses.RevokeExclusion(c, c.Param("code"), id, in.Reason, staffOf(c)); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (s *Server) runApprovals(c *gin.Context) {
	id, err := pathID(c, "run")
	if err != nil {
		s.fail(c, err)
		return
	}
	s.runApprovalsStatus(c, id, http.StatusOK)
}

func (s *Server) approveRunAPI(c *gin.Context) {
	s.approvalAPI(c, s.Review.Approve, http.StatusCreated)
}

func (s *Server) withdrawRunAPI(c *gin.Context) { s.approvalAPI(c, s.Review.Withdraw, http.StatusOK) }

func (s *Server) approvalAPI(c *gin.Context, act approvalAction, status int) {
	id, err := pathID(c, "run")
	if err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	if err := act(c, c.Param("code"), id, u); err != nil {
		s.fail(c, err)
		return
	}
	s.runApprovalsStatus(c, id, status)
}

func (s *Server) runApprovalsStatus(c *gin.Context, id int64, status int) {
	run, err := s.Runs.Get(c, c.Param("code"), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	st, err := s.Review.Status(c, c.Param("code"), run)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(status, st)
}

type publicationJSON struct {
	Version        int       `json:"version"`
	Run            int64     `json:"run"`
	PublishedAt    time.Time `json:"published_at"`
	PublishedBy    string    `json:"published_by"`
	ChangeNote     *string   `json:"change_note"`
	Digest         string    `json:"digest"`
	PreviousDigest *string   `json:"previous_digest"`
	URL            string    `json:"url"`
	Document       string    `json:"document"`
}

func toPublicationJSON(code string, p review.Publication) publicationJSON {
	base := "/p/" + code + "/v/" + itoa(int64(p.Version))
	return publicationJSON{Version: p.Version, Run: p.RunID, PublishedAt: p.PublishedAt, PublishedBy: p.PublishedBy,
		ChangeNote: p.ChangeNote, Digest: p.Digest, PreviousDigest: p.PreviousDigest, URL: base, Document: base + "/publication.json"}
}

func (s *Server) listPublications(c *gin.Context) {
	code := c.Param("code")
	list, err := s.Review.Versions(c, code)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]publicationJSON, len(list))
	for i, p := range list {
		out[i] = toPublicationJSON(code, p)
	}
	c.JSON(http.StatusOK, gin.H{"publications": out})
}

func (s *Server) createPublication(c *gin.Context) {
	var in review.PublishRequest
	if err := decodeJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	code := c.Param("code")
	p, err := s.Review.Publish(c, code, in, u)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := toPublicationJSON(code, *p)
	c.Header("Location", out.URL)
	c.JSON(http.StatusCreated, out)
}

func (s *Server) getReviewSettings(c *gin.Context) {
	set, err := s.Review.Settings(c, c.Param("code"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, set)
}

func (s *Server) putReviewSettings(c *gin.Context) {
	var in review.Settings
	if err := decodeJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	if err := s.Review.SaveSettings(c, c.Param("code"), in, actor(c)); err != nil {
		s.fail(c, err)
		return
	}
	s.getReviewSettings(c)
}
