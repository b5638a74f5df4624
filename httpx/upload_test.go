package httpx_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
)

// counted is a request body that counts what the server read of it.
type counted struct {
	r io.Reader
	n int64
}

func (c *counted) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// filler yields the same byte for ever, so a 1 GiB body costs no memory.
type filler byte

func (f filler) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(f)
	}
	return len(p), nil
}

// multipartBody is a form with a file of size bytes, the token field
// before the file (as the templates put it), after it, or absent ("").
func multipartBody(token, where string, size int64) (io.Reader, string) {
	var head bytes.Buffer
	mw := multipart.NewWriter(&head)
	if where == "first" {
		mw.WriteField("csrf_token", token)
	}
	mw.CreateFormFile("file", "免打扰.csv")
	head.WriteString("电话\n")
	end := "\r\n--" + mw.Boundary() + "--\r\n"
	if where == "last" {
		end = "\r\n--" + mw.Boundary() + "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" + token + end
	}
	return io.MultiReader(&head, io.LimitReader(filler('1'), size), strings.NewReader(end)), mw.FormDataContentType()
}

// An upload from someone who may not make it is refused from its headers:
// a stranger's or another role's 1 GiB form, or an administrator's whose
// anti-forgery token does not come first, costs a few KiB of reading and
// no temporary file.
func TestUploadsAreGatedBeforeTheirBodyIsRead(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		cases := []struct {
			name, path, where string
			role              account.Role
			csrf              string
			want              int
		}{
			{"stranger, import", "/admin/campaigns/2026-annual/import", "first", apptest.Stranger, h.CSRF(), http.StatusUnauthorized},
			{"stranger, do-not-call", "/admin/phone/donotcall", "first", apptest.Stranger, h.CSRF(), http.StatusUnauthorized},
			{"stranger, frame", "/admin/campaigns/2026-annual/phone/frame", "first", apptest.Stranger, h.CSRF(), http.StatusUnauthorized},
			{"stranger, API import", "/api/v1/campaigns/2026-annual/responses/import", "", apptest.Stranger, "", http.StatusUnauthorized},
			{"committee, import", "/admin/campaigns/2026-annual/import", "first", account.Committee, h.CSRF(), http.StatusForbidden},
			{"operator, do-not-call", "/admin/phone/donotcall", "first", account.Operator, h.CSRF(), http.StatusForbidden},
			{"committee, API do-not-call", "/api/v1/phone/donotcall", "first", account.Committee, h.CSRF(), http.StatusForbidden},
			{"admin, token after the file", "/admin/phone/donotcall", "last", account.Admin, h.CSRF(), http.StatusForbidden},
			{"admin, no token", "/admin/campaigns/2026-annual/import", "", account.Admin, "", http.StatusForbidden},
			{"admin, forged token", "/admin/campaigns/new", "first", account.Admin, "forged", http.StatusForbidden},
		}
		before, _ := os.ReadDir(tmp)
		for _, tc := range cases {
			body, ctype := multipartBody(tc.csrf, tc.where, 1<<30)
			read := &counted{r: body}
			req := httptest.NewRequest("POST", tc.path, read)
			req.Header.Set("Content-Type", ctype)
			rec := h.Do(h.Browser(tc.role, req))
			if rec.Code != tc.want {
				t.Errorf("%s: %d, want %d", tc.name, rec.Code, tc.want)
			}
			if read.n > 20<<10 {
				t.Errorf("%s: the server read %d bytes before refusing", tc.name, read.n)
			}
			if files, _ := os.ReadDir(tmp); len(files) > len(before) {
				t.Errorf("%s: %d temporary files written", tc.name, len(files)-len(before))
			}
		}
	})
}

// The administrator's form, token first as the template writes it, still
// imports; the peek at its first field hands the handler the whole form.
func TestAnUploadFormWithItsTokenFirstIsImported(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("csrf_token", h.CSRF())
		mw.WriteField("back", "/admin")
		fw, _ := mw.CreateFormFile("file", "免打扰.csv")
		fw.Write([]byte("电话\n13600000001\n13600000002\n"))
		// A file bigger than the peek, so the handler needs the rest of
		// the stream after the bytes the gate looked at.
		for i := 0; i < 4000; i++ {
			fw.Write([]byte("13700000000\n"))
		}
		mw.Close()
		req := httptest.NewRequest("POST", "/admin/phone/donotcall", &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		rec := h.Do(h.Browser(account.Admin, req))
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "4002") {
			t.Fatalf("%d %s", rec.Code, rec.Body.String()[:min(800, rec.Body.Len())])
		}
	})
}
