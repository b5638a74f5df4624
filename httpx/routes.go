package httpx

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/fault"
)

// Access lists the roles that may call a route; nil means anyone.
type Access []account.Role

// Who may call a route. Pages ask Admits with the list of the route a
// button posts to, so that they offer only what is allowed.
var (
	Public    Access
	Staff     = Access{account.Admin, account.Committee, account.Operator, account.Liaison, account.Supervisor, account.Dispatcher}
	AdminOnly = Access{account.Admin}
	Committee = Access{account.Admin, account.Committee}
	Overseers = Access{account.Admin, account.Committee, account.Supervisor}
	Operators = Access{account.Admin, account.Operator}
	// Witnesses fix a draw's witness: not the administrators who planned
	// it, so that no one person both commits to a seed and picks the
	// value it is mixed with.
	Witnesses = Access{account.Committee, account.Supervisor}
	// Only committee members exclude, approve and publish (the SPEC's
	// committee "approves by quorum, publishes"); a liaison sees its own
	// unit.
	CommitteeOnly = Access{account.Committee}
	Liaisons      = Access{account.Liaison}
	// Dispatchers run the appeals ledger (诉求中心): intake, assignment,
	// extensions, callbacks and reviews.
	Dispatchers = Access{account.Admin, account.Dispatcher}
)

// Admits reports whether a role is on a list.
func Admits(who Access, r account.Role) bool { return slices.Contains(who, r) }

// Body limits of the routes that take files.
const (
	// FrameLimit bounds a contact list: a million rows of CSV are about 40 MB.
	FrameLimit = 256 << 20
	// UploadLimit bounds unit lists and definitions: 4,000 units are ~300 KB.
	UploadLimit = 20 << 20
	// ImportLimit bounds a file of paper forms: a million rows of the long
	// format are about 60 MB as CSV.
	ImportLimit = 512 << 20
)

// On registers a route behind its guard and records it in the policy
// table, which TestEveryRouteEnforcesItsPolicy walks.
//
// A public GET answers HEAD too, as monitors and caches send it: the same
// handlers run, and net/http sends the status and headers without the
// body. (Gin does not route HEAD to GET by itself.) Guarded pages do not:
// a HEAD tells a stranger nothing a GET would not refuse anyway.
func (s *Server) On(r gin.IRoutes, method, path string, who Access, h ...gin.HandlerFunc) {
	s.policy[method+" "+fullPath(r, path)] = who
	r.Handle(method, path, append([]gin.HandlerFunc{s.guard(who)}, h...)...)
	if method == http.MethodGet && who == nil {
		s.On(r, http.MethodHead, path, who, h...)
	}
}

// OnUpload registers a route that takes a body larger than the default.
// The limit is applied before any middleware reads the body, which is why
// it is recorded here rather than wrapped around the handler; the
// anti-forgery check comes after the guard (see upload.go).
func (s *Server) OnUpload(r gin.IRoutes, method, path string, who Access, limit int64, h ...gin.HandlerFunc) {
	s.On(r, method, path, who, append([]gin.HandlerFunc{s.checkUploadCSRF}, h...)...)
	s.bodyLimits[method+" "+fullPath(r, path)] = limit
}

func fullPath(r gin.IRoutes, path string) string {
	g, ok := r.(*gin.RouterGroup)
	if !ok {
		return path
	}
	base := g.BasePath()
	if path == "" {
		return base
	}
	if base == "/" {
		return path
	}
	return base + path
}

// RequireFreshPassword sends staff who signed in with a one-time password
// to choose their own before anything else.
func RequireFreshPassword(c *gin.Context) {
	if u, ok := CurrentUser(c); ok && u.MustChangePassword {
		Redirect(c, "/password")
		c.Abort()
		return
	}
	c.Next()
}

// RefuseOneTimePassword keeps an account that still has a one-time
// password off the API: the API can neither change a password nor sign
// out, so everything it offers waits until the member has chosen their
// own password on the password page (exports and permanent API tokens
// above all, which would outlive the one-time password).
func RefuseOneTimePassword(c *gin.Context) {
	if u, ok := CurrentUser(c); ok && u.MustChangePassword {
		c.Error(fault.Forbiddenf("this account still has a one-time password: choose your own at %s before using the API", "/password"))
		c.Abort()
		return
	}
	c.Next()
}
