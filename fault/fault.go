// Package fault holds the domain errors that every Pingyi package returns and
// that the HTTP layer and the command line map to statuses and exit messages.
// Domain packages never speak HTTP; they say what kind of failure happened.
package fault

import (
	"errors"
	"strings"

	"pingyi/i18n"
)

// Kind classifies a failure for the user: it decides the HTTP status and the
// stable error code in JSON bodies.
type Kind string

const (
	Invalid      Kind = "invalid"      // the request is well-formed but its content is wrong (422)
	Malformed    Kind = "malformed"    // the request cannot be parsed at all (400)
	NotFound     Kind = "not_found"    // 404
	Conflict     Kind = "conflict"     // the state of things forbids it now (409)
	Forbidden    Kind = "forbidden"    // the caller is known but may not (403)
	Unauthorized Kind = "unauthorized" // the caller is not known (401)
	TooLarge     Kind = "too_large"    // 413
	Unsupported  Kind = "unsupported"  // the body is not in a format the endpoint takes (415)
	RateLimited  Kind = "rate_limited" // 429
	Internal     Kind = "internal"     // anything else; details are logged, never shown
)

// Problem is one thing wrong with a submitted document: where and why.
// Path uses JSON notation (units[3].category); for tabular files it names
// the line and column.
type Problem struct {
	Path   string
	Reason i18n.Msg
}

// P makes a problem.
func P(path, format string, args ...any) Problem {
	return Problem{Path: path, Reason: i18n.M(format, args...)}
}

// Error is a domain error. Its message is safe to show to the user.
type Error struct {
	Kind     Kind
	Message  i18n.Msg
	Problems []Problem
}

// Error renders the error in English, for logs and wrapped errors.
func (e *Error) Error() string { return e.Text(i18n.EN) }

// Text renders the error and its problems in lang, one problem per line.
func (e *Error) Text(lang i18n.Lang) string {
	var b strings.Builder
	b.WriteString(e.Message.In(lang))
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		if p.Path != "" {
			b.WriteString(p.Path)
			b.WriteString(": ")
		}
		b.WriteString(p.Reason.In(lang))
	}
	return b.String()
}

func newf(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: i18n.M(format, args...)}
}

func Invalidf(format string, args ...any) error      { return newf(Invalid, format, args...) }
func Malformedf(format string, args ...any) error    { return newf(Malformed, format, args...) }
func NotFoundf(format string, args ...any) error     { return newf(NotFound, format, args...) }
func Conflictf(format string, args ...any) error     { return newf(Conflict, format, args...) }
func Forbiddenf(format string, args ...any) error    { return newf(Forbidden, format, args...) }
func Unauthorizedf(format string, args ...any) error { return newf(Unauthorized, format, args...) }
func TooLargef(format string, args ...any) error     { return newf(TooLarge, format, args...) }
func Unsupportedf(format string, args ...any) error  { return newf(Unsupported, format, args...) }
func RateLimitedf(format string, args ...any) error  { return newf(RateLimited, format, args...) }

// WithProblems is an Invalid error listing every problem found, so that a
// user fixes a document in one round instead of one error at a time.
func WithProblems(problems []Problem, format string, args ...any) error {
	return &Error{Kind: Invalid, Message: i18n.M(format, args...), Problems: problems}
}

// ConflictWithProblems is a Conflict error that lists what may not change.
func ConflictWithProblems(problems []Problem, format string, args ...any) error {
	return &Error{Kind: Conflict, Message: i18n.M(format, args...), Problems: problems}
}

// Is reports whether err is a domain error of the given kind.
func Is(err error, kind Kind) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == kind
}

// As returns the domain error inside err, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
