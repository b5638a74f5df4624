package web

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/phone"
	"pingyi/publicdata"
	"pingyi/review"
)

// publicDrawRoutes publish the phone draw (issue 17, item 6): its page,
// from the moment it is planned, and with each published version its
// record (draw.json) and its sample manifest (sample.csv).
func (s *Site) publicDrawRoutes(e *gin.Engine) {
	s.On(e, "GET", "/p/:code/draw", httpx.Public, s.publicDraw)
	// The stored bytes the version froze when it was published, as its
	// publication.json names their SHA-256 (public_verify.go).
	s.On(e, "GET", "/p/:code/v/:version/"+publicdata.DrawFile, httpx.Public, s.publicDataFile(publicdata.DrawFile))
	s.On(e, "GET", "/p/:code/v/:version/"+publicdata.SampleFile, httpx.Public, s.publicDataFile(publicdata.SampleFile))
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
}

// publicDrawReview is what public_draw.go needs of the review.
type publicDrawReview interface {
	Head(ctx context.Context, code string, version int) (*review.Publication, error)
}

// drawFileServed says why a version serves no draw.json or sample.csv, or
// nil: it serves them only when its publication.json lists them, i.e. when
// it was published after the draw was executed by a Pingyi that froze the
// draw with each version. Older versions get 404, never a live build that
// no digest covers.
func drawFileServed(code string, c *review.Content, name string) error {
	for _, f := range c.Data.Files {
		if f.Name == name {
			return nil
		}
	}
	return fault.NotFoundf("version %d of campaign %q has no %s: it was published before the phone draw was executed, or before the draw's files were kept with each version; the draw as it stands now is on /p/%s/draw", c.Version, code, name, code)
}
