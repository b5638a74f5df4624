package web

import (
	"context"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/responses"
	"pingyi/survey"
	"pingyi/tabular"
)

// importPage takes a file of paper forms and reports what it stored, or
// every problem of the file.
type importPage struct {
	Campaign survey.Campaign
	Result   *responses.ImportResult
	Problems []fault.Problem
}

func (s *Site) adminImportForm(c *gin.Context) { s.importPage(c, http.StatusOK, nil, nil) }

func (s *Site) importPage(c *gin.Context, status int, result *responses.ImportResult, problems []fault.Problem) {
	st, err := s.Campaigns.Structure(c, c.Param("code"))
	if err != nil {
		s.Fail(c, err)
		return
	}
	s.Render(c, status, "admin_import", i18n.T(httpx.Lang(c), "Import paper forms"), importPage{Campaign: st.Campaign, Result: result, Problems: problems})
}

// adminImport takes a file of paper forms and shows what it stored or
// every problem of the file, on the same page.
func (s *Site) adminImport(c *gin.Context) {
	result, err := s.importUpload(c)
	if err != nil {
		s.FailOnForm(c, err, func(status int, problems []fault.Problem) { s.importPage(c, status, nil, problems) })
		return
	}
	s.importPage(c, http.StatusCreated, &result, nil)
}

func (s *Site) importUpload(c *gin.Context) (responses.ImportResult, error) {
	f, err := httpx.Uploaded(c)
	if err != nil {
		return responses.ImportResult{}, err
	}
	defer f.Close()
	return s.Responses.ImportResponses(c, c.Param("code"), f, f.Format, httpx.Who(c))
}

// adminImportCampaigns is what admin_import.go needs of campaigns.
type adminImportCampaigns interface {
	Structure(ctx context.Context, code string) (*survey.Structure, error)
}

// adminImportResponses is what admin_import.go needs of responses.
type adminImportResponses interface {
	ImportResponses(ctx context.Context, code string, src io.Reader, format tabular.Format, actor audit.Actor) (responses.ImportResult, error)
}
