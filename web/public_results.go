package web

import (
	"bytes"
	"context"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/chart"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/review"
)

// publicPage is a published version of a campaign's ranking, for anyone.
type publicPage struct {
	Publication *review.Publication
	Content     *review.Content
	Versions    []review.Publication
	Latest      int
	Tables      []rankTable
	Base        string // /p/CODE/v/N: the version's stable address
	Phone       int    // phone responses counted
	Verify      *verifyPanel
	Scores      []scoreTable // by category, in Tables' order
}

// Caching. A version's downloads never change: they are cached for a year.
// Its page changes only when a correction supersedes it, and the latest
// page when a correction is published, so both are revalidated with an
// ETag made of the digest, the latest version and the language.
const (
	cacheForever = "public, max-age=31536000, immutable"
	cachePage    = "public, max-age=300"
	cacheLatest  = "public, max-age=60"
)

func (s *Site) publicLatest(c *gin.Context) { s.publicVersion(c, 0) }

func (s *Site) publicVersioned(c *gin.Context) {
	v, err := httpx.PathVersion(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	s.publicVersion(c, v)
}

func (s *Site) publicVersion(c *gin.Context, version int) {
	code := c.Param("code")
	latest, err := s.Review.Head(c, code, 0)
	if err != nil {
		s.Fail(c, err)
		return
	}
	head := latest
	control := cacheLatest
	if version > 0 {
		if head, err = s.Review.Head(c, code, version); err != nil {
			s.Fail(c, err)
			return
		}
		control = cachePage
	}
	parts := []string{head.Digest, "v" + httpx.Itoa(int64(latest.Version)), string(httpx.Lang(c))}
	if u, ok := httpx.CurrentUser(c); ok {
		parts = append(parts, u.Login) // the page names who is signed in
	}
	tag := etag(parts...)
	if s.notModified(c, tag, control, true) {
		return
	}
	v, err := s.Review.Public(c, code, head.Version)
	if err != nil {
		s.Fail(c, err)
		return
	}
	if !s.servable(c, code, v.Publication) {
		return
	}
	p := publicPage{Publication: v.Publication, Content: v.Content, Versions: v.Versions, Latest: latest.Version,
		Tables: publicTables(v.Content), Base: "/p/" + code + "/v/" + httpx.Itoa(int64(v.Publication.Version)), Phone: v.Content.Method.Channels["phone"]}
	p.Scores = publicScores(v.Content, p.Tables)
	if p.Verify, err = s.verifyPanelOf(c, v.Content, p.Base); err != nil {
		s.Fail(c, err)
		return
	}
	s.Render(c, http.StatusOK, "public_ranking", v.Content.Campaign.Name, p)
}

// publicDownload serves one of a version's files: the publication
// document itself, the ranking as CSV or XLSX, or a category's chart.
func (s *Site) publicDownload(file string) gin.HandlerFunc {
	return func(c *gin.Context) {
		code := c.Param("code")
		v, err := httpx.PathVersion(c)
		if err != nil {
			s.Fail(c, err)
			return
		}
		head, err := s.Review.Head(c, code, v)
		if err != nil {
			s.Fail(c, err)
			return
		}
		if s.notModified(c, etag(head.Digest, file, c.Query("category"), c.Query("size")), cacheForever, false) {
			return
		}
		pub, content, err := s.Review.Get(c, code, v)
		if err != nil {
			s.Fail(c, err)
			return
		}
		if !s.servable(c, code, pub) {
			return
		}
		name := code + "-v" + httpx.Itoa(int64(v))
		var buf bytes.Buffer
		switch file {
		case "json":
			// The stored bytes, exactly: their SHA-256 is the digest.
			c.Header("Content-Disposition", `attachment; filename="`+name+`.json"`)
			c.Header("X-Pingyi-Digest", pub.Digest)
			c.Data(http.StatusOK, "application/json; charset=utf-8", pub.Content)
			return
		case "csv":
			err = review.WriteCSV(&buf, content)
			c.Header("Content-Disposition", `attachment; filename="`+name+`.csv"`)
			c.Header("Content-Type", "text/csv; charset=utf-8")
		case "xlsx":
			err = review.WriteXLSX(&buf, content)
			c.Header("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
			c.Header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		case "svg":
			size := chart.Wide
			if c.Query("size") == "narrow" {
				size = chart.Narrow
			}
			err = chart.IntervalsSized(&buf, chartRows(content, c.Query("category")), i18n.T(i18n.ZH, "Satisfaction index"), size)
			c.Header("Content-Type", "image/svg+xml")
			// Opened alone (shared, saved, a new tab) the SVG is a
			// document under its own policy: gonum/plot styles it inline,
			// which the pages' policy forbids. It runs nothing.
			c.Header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'")
		}
		if err != nil {
			s.Fail(c, err)
			return
		}
		c.Status(http.StatusOK)
		c.Writer.Write(buf.Bytes())
	}
}

// chartRows are a category's units with an index, by rank: the units at
// the head of the table only, departments, for their stations are ranked
// apart and shown beneath them in the table, not on the chart.
func chartRows(c *review.Content, category string) []chart.Row {
	var rows []chart.Row
	for _, t := range publicTables(c) {
		if t.Code != category {
			continue
		}
		for _, r := range t.Rows {
			if r.Index != nil && r.Depth == 0 {
				rows = append(rows, chart.Row{Label: r.Name, Index: *r.Index, Low: *r.CILow, High: *r.CIHigh})
			}
		}
	}
	return rows
}

func etag(parts ...string) string { return `"` + strings.Join(parts, "-") + `"` }

// notModified sets the caching headers of a public resource and answers a
// request that already holds it with 304. Pages show who is signed in and
// are in the reader's language, so they vary by cookie and are private to
// a signed-in reader.
func (s *Site) notModified(c *gin.Context, tag, control string, page bool) bool {
	h := c.Writer.Header()
	h.Set("ETag", tag)
	h.Set("Cache-Control", control)
	if page {
		h.Set("Vary", "Cookie")
		if _, ok := httpx.CurrentUser(c); ok {
			h.Set("Cache-Control", "private, no-cache")
		}
	}
	for _, t := range strings.Split(c.GetHeader("If-None-Match"), ",") {
		if t = strings.TrimSpace(t); t == tag || t == "*" {
			c.Status(http.StatusNotModified)
			return true
		}
	}
	return false
}

// publicResultsReview is what public_results.go needs of review.
type publicResultsReview interface {
	Get(ctx context.Context, code string, version int) (*review.Publication, *review.Content, error)
	Head(ctx context.Context, code string, version int) (*review.Publication, error)
	Public(ctx context.Context, code string, version int) (*review.PublicView, error)
}
