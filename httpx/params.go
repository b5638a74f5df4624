package httpx

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
	"pingyi/tabular"
	"pingyi/validation"
)

// The one rule for an id: a positive whole number. Where it is decides
// what a bad one means: in the path it names nothing (404); in a query or
// a form it is a mistake in what was sent (400), named by its field.

func parseID(v string) (int64, bool) {
	id, err := strconv.ParseInt(v, 10, 64)
	return id, err == nil && id > 0
}

// PathID reads the id in a path parameter.
func PathID(c *gin.Context, name string) (int64, error) {
	id, ok := parseID(c.Param(name))
	if !ok {
		return 0, ErrNotFound
	}
	return id, nil
}

// QueryID reads an optional id in the query; 0 when absent.
func QueryID(c *gin.Context, name string) (int64, error) {
	v := c.Query(name)
	if v == "" {
		return 0, nil
	}
	return FieldID(name, v)
}

// FormID reads the id in a form field.
func FormID(c *gin.Context, name string) (int64, error) {
	return FieldID(name, strings.TrimSpace(c.PostForm(name)))
}

// FieldID reads the id a named field holds.
func FieldID(name, v string) (int64, error) {
	id, ok := parseID(v)
	if !ok {
		return 0, fault.Malformedf("%s must be a positive whole number", name)
	}
	return id, nil
}

// PathVersion reads the :version of a public URL.
func PathVersion(c *gin.Context) (int, error) {
	v, err := strconv.Atoi(c.Param("version"))
	if err != nil || v <= 0 {
		return 0, fault.NotFoundf("no such version")
	}
	return v, nil
}

// DecodeJSON reads the request body strictly: unknown fields and wrong
// types are reported with their paths, a body over the limit is 413.
func DecodeJSON(c *gin.Context, out any) error {
	raw, err := ReadJSON(c)
	if err != nil {
		return err
	}
	return validation.DecodeStrict(raw, out)
}

// ReadJSON reads a JSON request body whole, refusing an empty one.
func ReadJSON(c *gin.Context) ([]byte, error) {
	raw, err := readBody(c.Request)
	if err == nil && len(raw) == 0 {
		err = fault.Malformedf("the request body is empty; send a JSON document")
	}
	return raw, err
}

// readBody reads a request's body into a buffer of the size its
// Content-Length announces, which the server holds the body to: io.ReadAll
// starts at 512 bytes and doubles, copying a 17 KB submission six times
// over. The route's limit still caps what is read.
func readBody(r *http.Request) ([]byte, error) {
	if r.ContentLength <= 0 || r.ContentLength > maxPresized {
		return io.ReadAll(r.Body)
	}
	buf := make([]byte, r.ContentLength)
	n, err := io.ReadFull(r.Body, buf)
	return buf[:n], err
}

// maxPresized bounds the buffer a Content-Length alone may make readBody
// allocate before any of the body has arrived.
const maxPresized = 1 << 20

// BindForm reads a page's form fields into out.
func BindForm(c *gin.Context, out any) error {
	if err := c.ShouldBind(out); err != nil {
		return fault.Invalidf("a field that needs a number holds something else")
	}
	return nil
}

// Upload is a CSV or XLSX file sent as the multipart field "file".
type Upload struct {
	multipart.File
	Name   string
	Format tabular.Format
}

// Uploaded opens the file of an upload form or API call.
func Uploaded(c *gin.Context) (Upload, error) {
	fh, err := c.FormFile("file")
	if errors.As(err, new(*http.MaxBytesError)) {
		return Upload{}, err // Fail answers 413, with the limit
	}
	if err != nil {
		return Upload{}, fault.Malformedf("send the file as a multipart form field named %q", "file")
	}
	format, err := tabular.FormatOf(fh.Filename)
	if err != nil {
		return Upload{}, err
	}
	f, err := fh.Open()
	if err != nil {
		return Upload{}, err
	}
	return Upload{File: f, Name: fh.Filename, Format: format}, nil
}

// Itoa writes an id in a URL.
func Itoa(n int64) string { return strconv.FormatInt(n, 10) }
