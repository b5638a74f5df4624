package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/web"
)

var statusOf = map[fault.Kind]int{
	fault.Invalid:      http.StatusUnprocessableEntity,
	fault.Malformed:    http.StatusBadRequest,
	fault.NotFound:     http.StatusNotFound,
	fault.Conflict:     http.StatusConflict,
	fault.Forbidden:    http.StatusForbidden,
	fault.Unauthorized: http.StatusUnauthorized,
	fault.TooLarge:     http.StatusRequestEntityTooLarge,
	fault.Unsupported:  http.StatusUnsupportedMediaType,
	fault.RateLimited:  http.StatusTooManyRequests,
	fault.Internal:     http.StatusInternalServerError,
}

// errorBody is the stable JSON shape of every API error.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code      fault.Kind    `json:"code"`
	Message   string        `json:"message"`
	Problems  []problemJSON `json:"problems,omitempty"`
	RequestID string        `json:"request_id"`
}

type problemJSON struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

func problemsJSON(problems []fault.Problem, lang i18n.Lang) []problemJSON {
	out := make([]problemJSON, len(problems))
	for i, p := range problems {
		out[i] = problemJSON{Path: p.Path, Reason: p.Reason.In(lang)}
	}
	return out
}

// fail answers with an error: JSON under /api, a page elsewhere. Errors
// that are not domain errors are logged with the request id and shown only
// as "internal error" with that id.
func (s *Server) fail(c *gin.Context, err error) {
	e, ok := fault.As(err)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		e = &fault.Error{Kind: fault.TooLarge, Message: i18n.M("the request is too large (limit %s)", humanBytes(tooBig.Limit))}
	case !ok:
		s.Log.ErrorContext(c, "internal error", "request_id", requestID(c), "route", c.FullPath(), "err", err)
		e = &fault.Error{Kind: fault.Internal, Message: i18n.M("internal error; the incident was logged as %s", requestID(c))}
	}
	status := statusOf[e.Kind]
	lang := langOf(c)
	if isAPI(c) {
		c.AbortWithStatusJSON(status, errorBody{Error: errorDetail{Code: e.Kind, Message: e.Message.In(lang),
			Problems: problemsJSON(e.Problems, lang), RequestID: requestID(c)}})
		return
	}
	if e.Kind == fault.Unauthorized {
		s.loginPage(c, status, e.Message.In(lang))
		c.Abort()
		return
	}
	heading := map[int]string{http.StatusNotFound: "Page not found", http.StatusForbidden: "Not allowed"}[status]
	if heading == "" {
		heading = "Something went wrong"
	}
	s.page(c, status, "error", i18n.T(lang, heading), map[string]string{"Heading": i18n.T(lang, heading), "Message": e.Text(lang)})
	c.Abort()
}

// failOnPage shows a refusal the person can act on (a mistake in what they
// sent, a conflict with the state of things, a limit reached) above the
// page they came from, which render draws again with the error's status.
// API calls, and errors that page cannot help with (not found, signed
// out, internal), go to fail.
func (s *Server) failOnPage(c *gin.Context, err error, render func(status int)) {
	if e, ok := s.pageFault(c, err); ok {
		c.Set(ctxPageError, e.Text(langOf(c)))
		render(statusOf[e.Kind])
	}
}

// failOnForm is failOnPage for a form that lists the problems at their
// fields: the alert holds the message, show draws the problems.
func (s *Server) failOnForm(c *gin.Context, err error, show func(status int, problems []fault.Problem)) {
	if e, ok := s.pageFault(c, err); ok {
		c.Set(ctxPageError, e.Message.In(langOf(c)))
		show(statusOf[e.Kind], e.Problems)
	}
}

// pageFault returns the domain error to show on a page, or answers the
// request with fail.
func (s *Server) pageFault(c *gin.Context, err error) (*fault.Error, bool) {
	e, ok := fault.As(err)
	if isAPI(c) || !ok || e.Kind == fault.NotFound || e.Kind == fault.Unauthorized || e.Kind == fault.Internal {
		s.fail(c, err)
		return nil, false
	}
	return e, true
}

var errNotFound = fault.NotFoundf("not found")

// redirect answers a form or a link with the page to go to: 303, so that
// the browser fetches it with GET and a reload never sends the form again.
func redirect(c *gin.Context, to string) { c.Redirect(http.StatusSeeOther, to) }

// noStore keeps a page out of every cache: it holds a secret, a phone
// number or a respondent's answers.
func noStore(c *gin.Context) { c.Header("Cache-Control", "no-store") }

func isAPI(c *gin.Context) bool { return strings.HasPrefix(c.Request.URL.Path, "/api/") }

// page renders a template with the common page fields filled in.
func (s *Server) page(c *gin.Context, status int, name, title string, data any) {
	p := web.Page{Title: title, Lang: langOf(c), CSRF: s.csrfToken(c), Path: c.Request.URL.RequestURI(), Data: data}
	if u, ok := currentUser(c); ok {
		p.User = &web.User{Login: u.Login, Name: u.DisplayName, Role: string(u.Role), Admin: u.Role == account.Admin}
	}
	if msg, ok := c.Get(ctxPageError); ok {
		p.Error, _ = msg.(string)
	}
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Status(status)
	if err := s.Pages.Render(c.Writer, p.Lang, name, p); err != nil {
		s.Log.ErrorContext(c, "render page", "page", name, "err", err)
	}
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return itoa(n>>20) + " MiB"
	case n >= 1<<10:
		return itoa(n>>10) + " KiB"
	}
	return itoa(n) + " B"
}
