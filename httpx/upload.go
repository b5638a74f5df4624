package httpx

import (
	"bytes"
	"crypto/hmac"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
)

// A route that takes a file (OnUpload) is gated before anything reads its
// body: an anonymous or wrong-role 1 GiB upload must cost a few KiB, not
// hundreds of MiB of temporary files. So checkCSRF leaves these routes
// alone, guard refuses strangers and other roles from the headers alone,
// and only then does checkUploadCSRF look for the anti-forgery token: in
// the X-CSRF-Token header, or as the first field of the multipart form,
// which every upload form in web/templates puts before its file input.
// It reads the form part by part and stops at the first one, so a form
// whose token does not come first is refused after a few KiB, before its
// file is read; an accepted form is handed on whole (the bytes peeked at,
// then the rest of the stream) for the handler to parse as before.
//
// The token is not carried in the form's action URL instead: a token in an
// address ends up in browser history and proxy logs.

// uploadPeek bounds what is read of a multipart body to find its first
// field: the boundary, the part's headers and a token of 43 characters fit
// many times over.
const uploadPeek = 16 << 10

// isUpload reports whether the request's route was registered with
// OnUpload.
func (s *Server) isUpload(c *gin.Context) bool {
	_, ok := s.bodyLimits[c.Request.Method+" "+c.FullPath()]
	return ok
}

// checkUploadCSRF is the anti-forgery check of an upload route; it runs
// after guard.
func (s *Server) checkUploadCSRF(c *gin.Context) {
	if csrfExempt(c) {
		c.Next()
		return
	}
	got := c.GetHeader(headerCSRF)
	if got == "" {
		var err error
		if got, err = s.formToken(c); err != nil {
			c.Error(err)
			c.Abort()
			return
		}
	}
	if !s.checkToken(c, got) {
		return
	}
	// The form is genuine and its sender admitted: read it now, so that a
	// body over the route's limit is answered as too large (413) whichever
	// field the handler reads first.
	if err := s.ParseForm(c); errors.As(err, new(*http.MaxBytesError)) {
		c.Error(err)
		c.Abort()
		return
	}
	c.Next()
}

// formToken finds the token in the body: the first part of a multipart
// form, or a field of any other form (whose sender has already passed the
// guard, so reading it costs only an authorised caller's bandwidth).
func (s *Server) formToken(c *gin.Context) (string, error) {
	if c.ContentType() != "multipart/form-data" {
		err := s.ParseForm(c)
		return c.PostForm(fieldCSRF), err
	}
	_, params, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || params["boundary"] == "" {
		return "", fault.Malformedf("send the file as a multipart form field named %q", "file")
	}
	body := c.Request.Body
	var seen bytes.Buffer
	mr := multipart.NewReader(io.TeeReader(io.LimitReader(body, uploadPeek), &seen), params["boundary"])
	token := ""
	if p, err := mr.NextPart(); err == nil && p.FormName() == fieldCSRF && p.FileName() == "" {
		v, _ := io.ReadAll(io.LimitReader(p, 256))
		token = string(v)
	}
	c.Request.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(seen.Bytes()), body), body}
	return token, nil
}

// tokenValid reports whether got is the caller's anti-forgery token.
func (s *Server) tokenValid(c *gin.Context, got string) bool {
	return got != "" && hmac.Equal([]byte(got), []byte(s.CSRFToken(c)))
}

// checkToken reports whether got is this browser's token, refusing the
// request if not.
func (s *Server) checkToken(c *gin.Context, got string) bool {
	if !s.tokenValid(c, got) {
		c.Error(fault.Forbiddenf("the form expired or was sent from another site; reload the page and try again"))
		c.Abort()
		return false
	}
	return true
}
