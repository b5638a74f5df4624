package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/audit"
	"pingyi/httpx"
	"pingyi/phone"
	"pingyi/responses"
)

// The operator's calls for a dialer or a script, as JSON;
// web/phone_console.go is the same for people.

// answerCase answers with the held case, or 204 when there is none.
func answerCase(c *gin.Context, held *phone.Case) {
	httpx.NoStore(c)
	if held == nil {
		c.Status(http.StatusNoContent)
		return
	}
	c.JSON(http.StatusOK, toCaseJSON(held))
}

func (s *Server) currentCase(c *gin.Context) {
	held, err := s.Phone.Current(c, c.Param("code"), httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	answerCase(c, held)
}

func (s *Server) nextCase(c *gin.Context) {
	code := c.Param("code")
	held, err := s.Phone.Next(c, code, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	answerCase(c, held)
}

func (s *Server) recordOutcome(c *gin.Context) {
	code := c.Param("code")
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	var in phone.Outcome
	if err := httpx.DecodeJSON(c, &in); err != nil {
		s.Fail(c, err)
		return
	}
	rec, err := s.Phone.Record(c, code, httpx.Who(c), id, in)
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, rec)
}

func (s *Server) submitInterview(c *gin.Context) {
	code := c.Param("code")
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	var in phone.Interview
	if err := httpx.DecodeJSON(c, &in); err != nil {
		s.Fail(c, err)
		return
	}
	r, err := s.Phone.Interview(c, code, httpx.Who(c), id, in)
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, interviewReceiptJSON{Ref: r.Ref, SubmittedAt: r.SubmittedAt, Replayed: r.Replayed})
}

// interviewReceiptJSON is the receipt of an interview.
type interviewReceiptJSON struct {
	Ref         string    `json:"ref"`
	SubmittedAt time.Time `json:"submitted_at"`
	Replayed    bool      `json:"replayed"`
}

func (s *Server) giveBack(c *gin.Context) {
	code := c.Param("code")
	id, err := httpx.PathID(c, "id")
	if err == nil {
		err = s.Phone.GiveBack(c, code, httpx.Who(c), id)
	}
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, givenBackJSON{Released: id})
}

// givenBackJSON names the case handed back to the queue.
type givenBackJSON struct {
	Released int64 `json:"released"`
}

// phoneCallsPhone is what phone_calls.go needs of phone.
type phoneCallsPhone interface {
	Current(ctx context.Context, code string, op audit.Actor) (*phone.Case, error)
	GiveBack(ctx context.Context, code string, op audit.Actor, caseID int64) error
	Interview(ctx context.Context, code string, op audit.Actor, caseID int64, in phone.Interview) (responses.Receipt, error)
	Next(ctx context.Context, code string, op audit.Actor) (*phone.Case, error)
	Record(ctx context.Context, code string, op audit.Actor, caseID int64, o phone.Outcome) (phone.Recorded, error)
}
