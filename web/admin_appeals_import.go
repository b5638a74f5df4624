package web

import (
	"context"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/appeals"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/tabular"
)

// appealsImportPage takes a hotline platform's export and shows what it
// did, or every problem of the file.
type appealsImportPage struct {
	Source, Mapping string
	Result          *appeals.ImportResult
	Problems        []fault.Problem
}

func (s *Site) adminAppealsImportForm(c *gin.Context) {
	s.renderAppealsImport(c, http.StatusOK, appealsImportPage{Source: "12345"})
}

func (s *Site) renderAppealsImport(c *gin.Context, status int, p appealsImportPage) {
	s.Render(c, status, "admin_appeals_import", i18n.T(httpx.Lang(c), "Import appeal cases"), p)
}

// adminAppealsImport imports the file whole or not at all.
func (s *Site) adminAppealsImport(c *gin.Context) {
	p := appealsImportPage{Source: c.PostForm("source"), Mapping: c.PostForm("mapping")}
	res, err := s.appealsUpload(c, p)
	if err != nil {
		s.FailOnForm(c, err, func(status int, problems []fault.Problem) {
			p.Problems = problems
			s.renderAppealsImport(c, status, p)
		})
		return
	}
	p.Result = &res
	s.renderAppealsImport(c, http.StatusCreated, p)
}

func (s *Site) appealsUpload(c *gin.Context, p appealsImportPage) (appeals.ImportResult, error) {
	mapping, err := appeals.ParseMapping([]byte(p.Mapping))
	if err != nil {
		return appeals.ImportResult{}, err
	}
	f, err := httpx.Uploaded(c)
	if err != nil {
		return appeals.ImportResult{}, err
	}
	defer f.Close()
	return s.Appeals.Import(c, f, f.Format, p.Source, mapping, httpx.Who(c))
}

// adminAppealsImportAppeals is what admin_appeals_import.go needs of the ledger.
type adminAppealsImportAppeals interface {
	Import(ctx context.Context, src io.ReadSeeker, format tabular.Format, source string, mapping map[string]string, actor audit.Actor) (appeals.ImportResult, error)
}
