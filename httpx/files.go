package httpx

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
)

// File is one file of a multipart form, read whole.
type File struct {
	Name    string
	Content []byte
}

// UploadedFiles reads the files sent in a multipart form's fields, each
// up to max+1 bytes (so that the caller can refuse one over its limit
// naming it), leaving out file inputs sent empty without a name.
func UploadedFiles(c *gin.Context, max int64, fields ...string) ([]File, error) {
	form, err := c.MultipartForm()
	if errors.As(err, new(*http.MaxBytesError)) {
		return nil, err // Fail answers 413, with the limit
	}
	if err != nil {
		return nil, fault.Malformedf("send the files as a multipart form field named %q", fields[0])
	}
	var out []File
	for _, field := range fields {
		for _, fh := range form.File[field] {
			if fh.Filename == "" && fh.Size == 0 {
				continue
			}
			content, err := readPart(fh, max)
			if err != nil {
				return nil, err
			}
			out = append(out, File{Name: fh.Filename, Content: content})
		}
	}
	return out, nil
}

func readPart(fh *multipart.FileHeader, max int64) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, max+1))
}

// EvidenceLimit bounds an upload of rectification evidence: five files of
// 5 MiB (the domain's limits, which name themselves when exceeded) and
// room for the form.
const EvidenceLimit = 26 << 20
