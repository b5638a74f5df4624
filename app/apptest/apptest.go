// Package apptest starts the real Pingyi (app.Open, the production wiring)
// on a fresh database for HTTP tests, with a signed-in staff member and an
// API token for every role, and sends requests as any of them or as a
// stranger.
package apptest

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"pingyi/account"
	"pingyi/app"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

// Stranger is the role of a caller who is not signed in.
const Stranger account.Role = ""

// Password is every test account's password.
const Password = "test-password-123"

// Harness is a running Pingyi for tests.
type Harness struct {
	T       testing.TB
	App     *app.App
	Handler http.Handler
	// Policy is who may call each route ("METHOD /pattern"); nil is anyone.
	Policy map[string][]account.Role
	// Logs holds everything the app logged, for tests that check what a
	// log may never contain.
	Logs     *Logs
	tokens   map[account.Role]string
	sessions map[account.Role]string
	device   string
}

// New starts Pingyi on a fresh database of dialect d.
func New(t testing.TB, d storage.Dialect) *Harness {
	t.Helper()
	return NewOn(t, storagetest.DSN(t, d))
}

// NewOn starts Pingyi on the empty database dsn (a node of a cluster, see
// storage/galeratest), as New does.
func NewOn(t testing.TB, dsn string) *Harness {
	t.Helper()
	cfg := app.Default()
	cfg.DB = dsn
	cfg.SecretKey = strings.Repeat("ab", secret.KeySize)
	cfg.PublicURL = "http://pingyi.test"
	cfg.DevShowCodes = true // tests read verification codes from the log
	logs := &Logs{}
	var out io.Writer = logs
	if os.Getenv("PINGYI_TEST_LOG") != "" {
		out = io.MultiWriter(logs, os.Stderr)
	}
	log := slog.New(slog.NewTextHandler(out, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a, srv := start(t, cfg, log, true)
	hs := &Harness{T: t, App: a, Handler: srv.Handler(), Policy: srv.Policy(), Logs: logs, tokens: map[account.Role]string{}, sessions: map[account.Role]string{},
		device: "test-device-" + secret.Token(12)}
	for _, role := range account.Roles {
		hs.addStaff(role)
	}
	return hs
}

// addStaff creates the role's test account and keeps its session and token
// for API and Page.
func (h *Harness) addStaff(role account.Role) {
	m := h.NewMember(role, Login(role))
	h.sessions[role], h.tokens[role] = m.session, m.token
}

// Logs is a log sink that tests can read while the app writes to it.
type Logs struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *Logs) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// String returns everything logged so far.
func (l *Logs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// Login returns the login of the test account with a role.
func Login(role account.Role) string { return "t-" + string(role) }

// CSRF is the anti-forgery token of the harness's browser.
func (h *Harness) CSRF() string { return csrfOf(h, h.device) }

// API sends a JSON request as role (by bearer token; Stranger sends none).
// body may be nil, a []byte, a string, or a value to marshal.
func (h *Harness) API(role account.Role, method, path string, body any) *httptest.ResponseRecorder {
	h.T.Helper()
	return h.api(h.tokens[role], method, path, body)
}

// api sends a JSON request with a bearer token ("" sends none).
func (h *Harness) api(token, method, path string, body any) *httptest.ResponseRecorder {
	h.T.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		r = bytes.NewReader(b)
	case string:
		r = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			h.T.Fatal(err)
		}
		r = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(method, path, r)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return h.Do(req)
}

// Upload sends a file as the multipart field "file" as role.
func (h *Harness) Upload(role account.Role, path, filename string, content []byte) *httptest.ResponseRecorder {
	h.T.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", filename)
	fw.Write(content)
	mw.Close()
	req := httptest.NewRequest("POST", path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if role != Stranger {
		req.Header.Set("Authorization", "Bearer "+h.tokens[role])
	}
	return h.Do(req)
}

// Page sends a browser request as role (by session cookie), with the
// device cookie and, for forms, the anti-forgery token.
func (h *Harness) Page(role account.Role, method, path string, form url.Values) *httptest.ResponseRecorder {
	h.T.Helper()
	return h.Do(h.Browser(role, formRequest(method, path, form, h.CSRF())))
}

// formRequest builds a browser's request, a form carrying the anti-forgery
// token csrf unless the test gave one.
func formRequest(method, path string, form url.Values, csrf string) *http.Request {
	var r io.Reader
	if form != nil || method == http.MethodPost {
		if form == nil {
			form = url.Values{}
		}
		if !form.Has("csrf_token") {
			form.Set("csrf_token", csrf)
		}
		r = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, r)
	if r != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return req
}

// Browser adds the harness browser's cookies for role to a request.
func (h *Harness) Browser(role account.Role, req *http.Request) *http.Request {
	req.AddCookie(&http.Cookie{Name: "pingyi_device", Value: h.device})
	if role != Stranger {
		req.AddCookie(&http.Cookie{Name: "pingyi_session", Value: h.sessions[role]})
	}
	return req
}

// Do serves a request.
func (h *Harness) Do(req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.Handler.ServeHTTP(rec, req)
	return rec
}

// Decode reads a JSON response body.
func Decode[T any](t testing.TB, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("response is not JSON (%v): %s", err, rec.Body.String())
	}
	return v
}

// Each runs fn on a fresh harness of every back end.
func Each(t *testing.T, fn func(t *testing.T, h *Harness)) {
	for _, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) { fn(t, New(t, d)) })
	}
}

// Path fills a route pattern's parameters from values (":code" → values["code"]).
func Path(pattern string, values map[string]string) string {
	parts := strings.Split(pattern, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, ":") || strings.HasPrefix(p, "*") {
			if v, ok := values[p[1:]]; ok {
				parts[i] = url.PathEscape(v)
			} else {
				parts[i] = "x"
			}
		}
	}
	return strings.Join(parts, "/")
}
