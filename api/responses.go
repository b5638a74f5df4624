package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/audit"
	"pingyi/collection"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/responses"
	"pingyi/scoring"
	"pingyi/survey"
	"pingyi/tabular"
	"pingyi/validation"
)

// submissionRequest is the body of POST /api/v1/campaigns/:code/responses:
// the content of the web form, for kiosks and the phone channel. Channel,
// stratum and weight are for staff only.
type submissionRequest struct {
	Group          string             `json:"group"`
	Token          string             `json:"token"`
	IdempotencyKey string             `json:"idempotency_key"`
	Answers        []responses.Answer `json:"answers"`
	Comments       map[string]string  `json:"comments"`
	StartedAt      *string            `json:"started_at"`
	Channel        *responses.Channel `json:"channel"`
	Stratum        *string            `json:"stratum"`
	Weight         *float64           `json:"weight"`
}

type receiptJSON struct {
	Ref         string    `json:"ref"`
	SubmittedAt time.Time `json:"submitted_at"`
	Replayed    bool      `json:"replayed,omitempty"`
}

// maxIdempotencyKey is the stored column's width.
const maxIdempotencyKey = 128

// submitResponse stores one response: 201 with its receipt, or 200 with
// the first receipt when it repeats an earlier submission. Only JSON is
// taken: a browser cannot send JSON across sites without a preflight,
// which is what makes this anonymous route safe from forged requests.
func (s *Server) submitResponse(c *gin.Context) {
	if !strings.EqualFold(c.ContentType(), "application/json") {
		s.Fail(c, fault.Unsupportedf("send the response as JSON, with Content-Type: application/json"))
		return
	}
	req, err := decodeSubmission(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	u, signedIn := httpx.CurrentUser(c)
	staff := signedIn && httpx.Admits(httpx.Operators, u.Role)
	if !staff && (req.Channel != nil || req.Stratum != nil || req.Weight != nil) {
		s.Fail(c, fault.Forbiddenf("only administrators and phone operators may set channel, stratum or weight"))
		return
	}
	sub, err := s.submissionOf(c, req, staff)
	if err != nil {
		s.Fail(c, err)
		return
	}
	r, err := s.Collection.Submit(c, c.Param("code"), collection.Input{Submission: sub, Token: req.Token, Staff: staff, Sees: u.Sees})
	if err != nil {
		s.Fail(c, err)
		return
	}
	status := http.StatusCreated
	if r.Replayed {
		status = http.StatusOK
	}
	c.JSON(status, receiptJSON{Ref: r.Ref, SubmittedAt: r.SubmittedAt, Replayed: r.Replayed})
}

// decodeSubmission reads a submission: by hand when it can (see
// scanSubmission), else once by encoding/json refusing unknown fields, and
// a body that fails that by validation.DecodeStrict, which names every
// problem with its path.
func decodeSubmission(c *gin.Context) (submissionRequest, error) {
	raw, err := httpx.ReadJSON(c)
	if err != nil {
		return submissionRequest{}, err
	}
	if req, ok := scanSubmission(raw); ok {
		return req, nil
	}
	var req submissionRequest
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err == nil && !dec.More() {
		return req, nil
	}
	req = submissionRequest{}
	return req, validation.DecodeStrict(raw, &req)
}

// submissionOf checks what the request alone can tell and builds the
// submission; everything about the campaign is checked by the store.
func (s *Server) submissionOf(c *gin.Context, req submissionRequest, staff bool) (responses.Submission, error) {
	var problems []fault.Problem
	key, header := req.IdempotencyKey, c.GetHeader("Idempotency-Key")
	switch {
	case key == "":
		key = header
	case header != "" && header != key:
		problems = append(problems, fault.P("idempotency_key", "the Idempotency-Key header and the idempotency_key field differ"))
	}
	if len(key) > maxIdempotencyKey {
		problems = append(problems, fault.P("idempotency_key", "an idempotency key may have at most %d characters", maxIdempotencyKey))
	}
	sub := responses.Submission{Group: req.Group, Channel: responses.Web, Answers: req.Answers, Comments: req.Comments,
		IdempotencyKey: key, IPHash: s.IPHash(c), DeviceHash: s.DeviceHash(c)}
	if req.StartedAt != nil {
		t, err := time.Parse(time.RFC3339, *req.StartedAt)
		if err != nil {
			problems = append(problems, fault.P("started_at", "started_at must be an RFC 3339 time such as 2026-11-21T09:30:00+08:00"))
		}
		t = t.UTC().Truncate(time.Microsecond)
		sub.StartedAt = &t
	}
	if staff {
		who := httpx.Who(c)
		sub.Submitter = &who
		if req.Channel != nil {
			sub.Channel = *req.Channel
		}
		if req.Stratum != nil {
			sub.Stratum = *req.Stratum
		}
		if req.Weight != nil {
			if !scoring.ValidDesignWeight(*req.Weight) {
				problems = append(problems, fault.P("weight", "the weight must be a number from %g to %g", scoring.MinDesignWeight, scoring.MaxDesignWeight))
			}
			sub.Weight = *req.Weight
		}
	}
	if len(problems) > 0 {
		return sub, fault.WithProblems(problems, "the response has %d problems", len(problems))
	}
	return sub, nil
}

// exportResponses streams a campaign's responses as CSV or XLSX: in the
// long import format with an excluded column (layout=long, the default),
// or one row per response (layout=wide, Chinese headers, an XLSX split
// into sheets past Excel's limits). web/export_pages.go is its page twin.
func (s *Server) exportResponses(c *gin.Context) {
	format, err := httpx.TableFormat(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	layout := c.DefaultQuery("layout", "long")
	if layout != "long" && layout != "wide" {
		s.Fail(c, fault.WithProblems([]fault.Problem{fault.P("layout", "layout must be long or wide")}, "the request has %d problems", 1))
		return
	}
	code := c.Param("code")
	// An unknown campaign is refused before the CSV's byte-order mark goes
	// out: from then on a failure can only break the connection.
	if _, err := s.Campaigns.Structure(c, code); err != nil {
		s.Fail(c, err)
		return
	}
	if layout == "wide" {
		s.SendTable(c, "responses-wide-"+code, format, responses.WideFixed, func(w httpx.RowWriter) error { return s.Responses.ExportWide(c, code, w) })
		return
	}
	s.SendTable(c, "responses-"+code, format, 0, func(w httpx.RowWriter) error { return s.Responses.ExportResponses(c, code, w) })
}

// importResponses takes a file of paper forms in the multipart field
// "file"; 201 with the counts. web/admin_collection.go is its page.
func (s *Server) importResponses(c *gin.Context) {
	up, err := httpx.Uploaded(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	defer up.Close()
	res, err := s.Responses.ImportResponses(c, c.Param("code"), up, up.Format, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, importedJSON{Responses: res.Responses, Ratings: res.Ratings, Comments: res.Comments})
}

// importedJSON counts what an import of paper forms stored.
type importedJSON struct {
	Responses int `json:"responses"`
	Ratings   int `json:"ratings"`
	Comments  int `json:"comments"`
}

// responsesCampaigns is what responses.go needs of campaigns.
type responsesCampaigns interface {
	Structure(ctx context.Context, code string) (*survey.Structure, error)
}

// responsesCollection is what responses.go needs of collection.
type responsesCollection interface {
	Submit(ctx context.Context, code string, in collection.Input) (responses.Receipt, error)
}

// responsesResponses is what responses.go needs of responses.
type responsesResponses interface {
	ExportResponses(ctx context.Context, code string, w responses.RowWriter) error
	ExportWide(ctx context.Context, code string, w responses.RowWriter) error
	ImportResponses(ctx context.Context, code string, src io.Reader, format tabular.Format, actor audit.Actor) (responses.ImportResult, error)
}
