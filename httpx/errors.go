package httpx

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
	"pingyi/i18n"
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
	Problems  []ProblemJSON `json:"problems,omitempty"`
	RequestID string        `json:"request_id"`
}

// ProblemJSON is one problem: the JSON path or file position, and why.
type ProblemJSON struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// ProblemsJSON is the problems of an error as the API shows them.
func ProblemsJSON(problems []fault.Problem, lang i18n.Lang) []ProblemJSON {
	out := make([]ProblemJSON, len(problems))
	for i, p := range problems {
		out[i] = ProblemJSON{Path: p.Path, Reason: p.Reason.In(lang)}
	}
	return out
}

// Fail answers with an error: JSON under /api, a page elsewhere. Errors
// that are not domain errors are logged with the request id and shown only
// as "internal error" with that id.
func (s *Server) Fail(c *gin.Context, err error) {
	e, ok := fault.As(err)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		e = &fault.Error{Kind: fault.TooLarge, Message: i18n.M("the request is too large (limit %s)", humanBytes(tooBig.Limit))}
	case !ok:
		s.Log.ErrorContext(c, "internal error", "request_id", RequestID(c), "route", c.FullPath(), "err", err)
		e = &fault.Error{Kind: fault.Internal, Message: i18n.M("internal error; the incident was logged as %s", RequestID(c))}
	}
	status := StatusOf(e.Kind)
	lang := Lang(c)
	if wantsJSON(c) {
		c.AbortWithStatusJSON(status, errorBody{Error: errorDetail{Code: e.Kind, Message: e.Message.In(lang),
			Problems: ProblemsJSON(e.Problems, lang), RequestID: RequestID(c)}})
		return
	}
	if e.Kind == fault.Unauthorized {
		s.LoginPage(c, status, e.Message.In(lang))
		c.Abort()
		return
	}
	heading := map[int]string{http.StatusNotFound: "Page not found", http.StatusForbidden: "Not allowed",
		http.StatusConflict: "This cannot be done now", http.StatusUnprocessableEntity: "Please check what you entered",
		http.StatusTooManyRequests: "Too many attempts", http.StatusRequestEntityTooLarge: "Too large to accept"}[status]
	if heading == "" {
		heading = "Something went wrong"
	}
	s.Render(c, status, "error", i18n.T(lang, heading), map[string]string{"Heading": i18n.T(lang, heading), "Message": e.Text(lang)})
	c.Abort()
}

// FailOnPage shows a refusal the person can act on (a mistake in what they
// sent, a conflict with the state of things, a limit reached) above the
// page they came from, which render draws again with the error's status.
// API calls, and errors that page cannot help with (not found, signed
// out, internal), go to Fail.
func (s *Server) FailOnPage(c *gin.Context, err error, render func(status int)) {
	if e, ok := s.pageFault(c, err); ok {
		SetPageError(c, e.Text(Lang(c)))
		render(StatusOf(e.Kind))
	}
}

// FailOnForm is FailOnPage for a form that lists the problems at their
// fields: the alert holds the message, show draws the problems.
func (s *Server) FailOnForm(c *gin.Context, err error, show func(status int, problems []fault.Problem)) {
	if e, ok := s.pageFault(c, err); ok {
		SetPageError(c, e.Message.In(Lang(c)))
		show(StatusOf(e.Kind), e.Problems)
	}
}

// pageFault returns the domain error to show on a page, or answers the
// request with Fail.
func (s *Server) pageFault(c *gin.Context, err error) (*fault.Error, bool) {
	e, ok := fault.As(err)
	if wantsJSON(c) || !ok || e.Kind == fault.NotFound || e.Kind == fault.Unauthorized || e.Kind == fault.Internal {
		s.Fail(c, err)
		return nil, false
	}
	return e, true
}

// ErrNotFound answers an address that names nothing.
var ErrNotFound = fault.NotFoundf("not found")

// wantsJSON tells the one place that must choose, before any handler
// runs, whether a request is the API's: its errors are JSON, its language
// may come from Accept-Language, its session-less posts need no token.
func wantsJSON(c *gin.Context) bool { return strings.HasPrefix(c.Request.URL.Path, "/api/") }

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " B"
}

// StatusOf is the HTTP status of a kind of domain error.
func StatusOf(k fault.Kind) int { return statusOf[k] }

// SetPageError puts a message in the alert above the page about to be
// rendered.
func SetPageError(c *gin.Context, message string) { c.Set(ctxPageError, message) }
