package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/phone"
	"pingyi/review"
)

// publicDrawRoutes publish the phone draw (issue 17, item 6): its page,
// from the moment it is planned, and with each published version its
// record (draw.json) and its sample manifest (sample.csv).
func (s *Site) publicDrawRoutes(e *gin.Engine) {
	s.On(e, "GET", "/p/:code/draw", httpx.Public, s.publicDraw)
	s.On(e, "GET", "/p/:code/v/:version/draw.json", httpx.Public, s.publicDrawFile(false))
	s.On(e, "GET", "/p/:code/v/:version/sample.csv", httpx.Public, s.publicDrawFile(true))
}

// publicDrawPage is what the draw's public page shows.
type publicDrawPage struct {
	Draw phone.PublicDraw
	Name string // the campaign's
	// Verify is how a special supervisor re-derives the sample.
	Verify string
}

// publicDraw shows a campaign's draw to anyone: the commitment (hash and
// time) as soon as the draw is planned, so that a witness fixed later can
// be seen to come after it.
func (s *Site) publicDraw(c *gin.Context) {
	code := c.Param("code")
	st, err := s.Campaigns.Structure(c, code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	d, found, err := s.Phone.PublicDraw(c, code)
	if err == nil && !found {
		err = fault.NotFoundf("campaign %q has no phone draw yet", code)
	}
	if err != nil {
		s.Fail(c, err)
		return
	}
	httpx.NoStore(c) // the draw moves on: planned, witnessed, executed
	s.Render(c, http.StatusOK, "public_draw", st.Campaign.Name, publicDrawPage{Draw: d, Name: st.Campaign.Name})
}

// publicDrawFile serves an executed draw's record or sample manifest with
// a published version. They never change once the draw is executed.
func (s *Site) publicDrawFile(sample bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		code := c.Param("code")
		v, err := httpx.PathVersion(c)
		if err != nil {
			s.Fail(c, err)
			return
		}
		if _, err := s.Review.Head(c, code, v); err != nil {
			s.Fail(c, err)
			return
		}
		d, found, err := s.Phone.PublicDraw(c, code)
		if err == nil && (!found || d.Status != phone.Executed) {
			err = fault.NotFoundf("campaign %q has no executed phone draw", code)
		}
		if err != nil {
			s.Fail(c, err)
			return
		}
		var buf bytes.Buffer
		name, mime := "draw.json", "application/json; charset=utf-8"
		if sample {
			name, mime = "sample.csv", "text/csv; charset=utf-8"
			err = s.Phone.WriteSampleManifest(c, code, &buf)
		} else {
			err = writeDrawRecord(&buf, d)
		}
		if err != nil {
			s.Fail(c, err)
			return
		}
		c.Header("Content-Disposition", `attachment; filename="`+code+"-v"+httpx.Itoa(int64(v))+"-"+name+`"`)
		c.Header("Cache-Control", cacheLatest)
		c.Data(http.StatusOK, mime, buf.Bytes())
	}
}

// writeDrawRecord writes draw.json: the public draw, indented for people
// who read it before they check it.
func writeDrawRecord(w io.Writer, d phone.PublicDraw) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

// homeDraw is a campaign's draw commitment, as the home page lists it.
type homeDraw struct {
	Commitment string
	URL        string
	phone.PublicDraw
}

// drawOf returns a campaign's draw for the home page, or nil without one.
func (s *Site) drawOf(c *gin.Context, code string) (*homeDraw, error) {
	d, found, err := s.Phone.PublicDraw(c, code)
	if err != nil || !found {
		return nil, err
	}
	return &homeDraw{Commitment: d.Commitment, URL: "/p/" + code + "/draw", PublicDraw: d}, nil
}

// publicDrawPhone is what public_draw.go needs of the phone survey.
type publicDrawPhone interface {
	PublicDraw(ctx context.Context, code string) (phone.PublicDraw, bool, error)
	WriteSampleManifest(ctx context.Context, code string, out io.Writer) error
}

// publicDrawReview is what public_draw.go needs of the review.
type publicDrawReview interface {
	Head(ctx context.Context, code string, version int) (*review.Publication, error)
}
