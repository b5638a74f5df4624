package web

import (
	"context"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/responses"
)

// exportRoutes are the committee's downloads of the responses, as pages:
// a refusal is a page to read, not a JSON body.
func (s *Site) exportRoutes(admin *gin.RouterGroup) {
	s.On(admin, "GET", "/campaigns/:code/export", httpx.Overseers, s.exportResponses)
}

// exportResponses downloads a campaign's responses: one row per response
// (layout=wide, the default here: how people open survey data) or one
// rating per row (layout=long, SPEC's import format), as CSV or XLSX.
// /api/v1/campaigns/:code/responses/export is its JSON twin.
func (s *Site) exportResponses(c *gin.Context) {
	format, err := httpx.TableFormat(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	code := c.Param("code")
	if _, err := s.Campaigns.Structure(c, code); err != nil {
		s.Fail(c, err)
		return
	}
	switch c.DefaultQuery("layout", "wide") {
	case "wide":
		s.SendTable(c, "responses-wide-"+code, format, responses.WideFixed, func(w httpx.RowWriter) error { return s.Responses.ExportWide(c, code, w) })
	case "long":
		s.SendTable(c, "responses-"+code, format, 0, func(w httpx.RowWriter) error { return s.Responses.ExportResponses(c, code, w) })
	default:
		s.Fail(c, fault.WithProblems([]fault.Problem{fault.P("layout", "layout must be long or wide")}, "the request has %d problems", 1))
	}
}

// exportPagesResponses is what export_pages.go needs of responses.
type exportPagesResponses interface {
	ExportResponses(ctx context.Context, code string, w responses.RowWriter) error
	ExportWide(ctx context.Context, code string, w responses.RowWriter) error
}
