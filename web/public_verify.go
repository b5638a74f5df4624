package web

import (
	"context"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/publicdata"
	"pingyi/review"
	"pingyi/signing"
)

// verifyRoutes serve the files anyone needs to check a version without
// trusting this server: its data and its signature. The keys are the
// API's (/.well-known/pingyi-signing-keys).
func (s *Site) verifyRoutes(e *gin.Engine) {
	for _, name := range []string{publicdata.ResponsesFile, publicdata.AppealsFile, publicdata.SignatureFile} {
		s.On(e, "GET", "/p/:code/v/:version/"+name, httpx.Public, s.publicDataFile(name))
	}
}

// publicDataFile streams one of a version's stored public files, byte for
// byte, as publication.json names its SHA-256.
func (s *Site) publicDataFile(name string) gin.HandlerFunc {
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
		if s.notModified(c, etag(head.Digest, name), cacheForever, false) {
			return
		}
		pub, content, err := s.Review.Get(c, code, v)
		if err == nil && !s.servable(c, code, pub) {
			return
		}
		if err == nil {
			err = dataFileServed(code, content, name)
		}
		if err != nil {
			c.Header("Cache-Control", "no-store")
			s.Fail(c, err)
			return
		}
		w := &fileResponse{c: c, name: code + "-v" + httpx.Itoa(int64(v)) + "-" + name}
		err = s.Review.WritePublicFile(c, code, v, name, w)
		switch {
		case err != nil && !w.started:
			c.Header("Cache-Control", "no-store")
			s.Fail(c, err)
		case err != nil:
			s.Log.ErrorContext(c, "public file cut short", "request_id", httpx.RequestID(c), "file", name, "err", err)
			c.Abort()
		case !w.started:
			w.start()
		}
	}
}

// dataFileServed says why a version has no such file to serve, or nil.
func dataFileServed(code string, c *review.Content, name string) error {
	switch {
	case c.Data == nil:
		return fault.NotFoundf("version %d of campaign %q was published before public data existed: it has no %s, and its publication.json is checked by its SHA-256 alone", c.Version, code, name)
	case name == publicdata.SignatureFile && c.Signature == nil:
		return fault.NotFoundf("version %d of campaign %q is not signed", c.Version, code)
	case name == publicdata.AppealsFile && c.Method.Hotline == nil:
		return fault.NotFoundf("the index of campaign %q has no hotline component, so no appeals.csv is published", code)
	case name == publicdata.DrawFile || name == publicdata.SampleFile:
		return drawFileServed(code, c, name)
	case name == publicdata.ResponsesFile && allWithheld(c):
		return fault.NotFoundf("the organiser keeps the responses of campaign %q private (publish_data \"none\"): no responses.csv is published, and the method says which numbers can therefore not be recomputed", code)
	}
	return nil
}

// allWithheld is true when no group's responses are published.
func allWithheld(c *review.Content) bool {
	return c.Data != nil && len(c.Method.Groups) > 0 && len(c.Data.Withheld) == len(c.Method.Groups)
}

// fileResponse writes the status and headers of a download with its
// first bytes, so that an error found before any byte is still a clean
// error page.
type fileResponse struct {
	c       *gin.Context
	name    string
	started bool
}

func (w *fileResponse) start() {
	w.started = true
	h := w.c.Writer.Header()
	switch {
	case strings.HasSuffix(w.name, ".csv"):
		h.Set("Content-Type", "text/csv; charset=utf-8")
	case strings.HasSuffix(w.name, ".json"):
		h.Set("Content-Type", "application/json; charset=utf-8")
	default:
		h.Set("Content-Type", "text/plain; charset=utf-8")
	}
	h.Set("Content-Disposition", `attachment; filename="`+w.name+`"`)
	w.c.Status(http.StatusOK)
	w.c.Writer.WriteHeaderNow()
}

func (w *fileResponse) Write(p []byte) (int, error) {
	if !w.started {
		w.start()
	}
	if w.c.Request.Method == http.MethodHead {
		return len(p), nil
	}
	return w.c.Writer.Write(p)
}

var _ io.Writer = (*fileResponse)(nil)

// servable refuses, with 500 and an explanation, to serve a stored
// version whose bytes no longer hash to its digest: what it would show is
// not what was published. It is logged as an error for the operators.
func (s *Site) servable(c *gin.Context, code string, p *review.Publication) bool {
	if p.Intact() {
		return true
	}
	s.Log.ErrorContext(c, "stored publication does not hash to its digest: refusing to serve it", "request_id", httpx.RequestID(c),
		"campaign", code, "version", p.Version, "digest", p.Digest, "hashes_to", review.Digest(p.Content))
	c.Header("Cache-Control", "no-store")
	s.Fail(c, &fault.Error{Kind: fault.Internal, Message: i18n.M(
		"version %d of %s is not served: its stored bytes no longer hash to its published digest %s, so they are not what was published. The organiser has been alerted (request %s).",
		p.Version, code, p.Digest, httpx.RequestID(c))})
	return false
}

// verifyPanel is what a public page says about checking it: the key that
// signed it and how to run `pingyi verify`.
type verifyPanel struct {
	URL         string // the version's absolute address, for the command
	Key         *signing.Key
	Fingerprint string
	KeyID       string // named by the document, even when not listed
	Files       []review.DataFile
	Withheld    []string // names of the groups whose responses are withheld
	AllWithheld bool
	V1          bool // published before public data: digest only
}

// verifyPanelOf gathers the panel of a version at base (/p/CODE/v/N).
func (s *Site) verifyPanelOf(c *gin.Context, content *review.Content, base string) (*verifyPanel, error) {
	p := &verifyPanel{URL: s.absolute(c, base), V1: content.Data == nil}
	if content.Data != nil {
		p.AllWithheld = allWithheld(content)
		for _, f := range content.Data.Files {
			if !p.AllWithheld || f.Name != publicdata.ResponsesFile {
				p.Files = append(p.Files, f)
			}
		}
		names := map[string]string{}
		for _, g := range content.Method.Groups {
			names[g.Code] = g.Name
		}
		for _, code := range content.Data.Withheld {
			p.Withheld = append(p.Withheld, names[code])
		}
	}
	if content.Signature == nil {
		return p, nil
	}
	p.KeyID = content.Signature.KeyID
	keys, err := s.Review.SigningKeys(c)
	if err != nil {
		return nil, err
	}
	if k := keys.Find(p.KeyID); k != nil {
		p.Key, p.Fingerprint = k, k.Fingerprint()
	}
	return p, nil
}

// absolute is a path at the address people reach Pingyi by.
func (s *Site) absolute(c *gin.Context, path string) string {
	if s.PublicURL != nil && s.PublicURL.Host != "" {
		return strings.TrimSuffix(s.PublicURL.String(), "/") + path
	}
	scheme := "http"
	if c.Request.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host + path
}

// publicVerifyReview is what public_verify.go needs of review.
type publicVerifyReview interface {
	WritePublicFile(ctx context.Context, code string, version int, name string, w io.Writer) error
	SigningKeys(ctx context.Context) (signing.KeyList, error)
}
