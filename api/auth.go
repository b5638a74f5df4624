package api

import (
	"crypto/hmac"
	"encoding/base64"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/fault"
	"pingyi/secret"
)

const (
	ctxUser       = "pingyi.user"
	ctxSession    = "pingyi.session"
	cookieSession = "pingyi_session"
	headerCSRF    = "X-CSRF-Token"
	fieldCSRF     = "csrf_token"
)

// access lists the roles that may call a route; nil means anyone.
type access []account.Role

var (
	public    access
	staff     = access{account.Admin, account.Committee, account.Operator, account.Liaison, account.Supervisor}
	adminOnly = access{account.Admin}
	committee = access{account.Admin, account.Committee}
	overseers = access{account.Admin, account.Committee, account.Supervisor}
	operators = access{account.Admin, account.Operator}
	// witnesses fix a draw's witness: not the administrators who planned
	// it, so that no one person both commits to a seed and picks the
	// value it is mixed with.
	witnesses = access{account.Committee, account.Supervisor}
)

// identify finds who is calling: a bearer token (scripts) or a session
// cookie (browsers). It never refuses; guard does.
func (s *Server) identify(c *gin.Context) {
	if h := c.GetHeader("Authorization"); strings.HasPrefix(h, "Bearer ") {
		u, err := s.Accounts.TokenUser(c, strings.TrimPrefix(h, "Bearer "))
		if err != nil && !fault.Is(err, fault.Unauthorized) {
			s.fail(c, err)
			return
		}
		if err == nil {
			c.Set(ctxUser, u)
		}
		c.Next()
		return
	}
	if token, err := c.Cookie(cookieSession); err == nil && token != "" {
		u, err := s.Accounts.SessionUser(c, token)
		if err != nil && !fault.Is(err, fault.Unauthorized) {
			s.fail(c, err)
			return
		}
		if err == nil {
			c.Set(ctxUser, u)
			c.Set(ctxSession, token)
		}
	}
	c.Next()
}

func currentUser(c *gin.Context) (account.User, bool) {
	v, ok := c.Get(ctxUser)
	if !ok {
		return account.User{}, false
	}
	return v.(account.User), true
}

func actor(c *gin.Context) string {
	u, _ := currentUser(c)
	return u.Login
}

// guard admits callers whose role is in who: a stranger gets 401, another
// role 403. (Sending a member who must change a one-time password to do so
// first is requireFreshPassword's job, on the page groups.)
func guard(who access) gin.HandlerFunc {
	return func(c *gin.Context) {
		if who == nil {
			c.Next()
			return
		}
		u, ok := currentUser(c)
		if !ok {
			c.Error(fault.Unauthorizedf("sign in required"))
			c.Abort()
			return
		}
		if !admits(who, u.Role) {
			c.Error(fault.Forbiddenf("your role may not do this"))
			c.Abort()
			return
		}
		c.Next()
	}
}

// admits reports whether a role is on a list; pages ask it with the list
// of the route a button posts to, so that they offer only what is allowed.
func admits(who access, r account.Role) bool { return slices.Contains(who, r) }

// checkCSRF protects every state-changing request a browser can be tricked
// into sending. The token is an HMAC of the browser's device id, so it
// needs no storage and works across serve processes. Bearer-token callers
// carry no ambient credentials and need none.
func (s *Server) checkCSRF(c *gin.Context) {
	switch c.Request.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		c.Next()
		return
	}
	if strings.HasPrefix(c.GetHeader("Authorization"), "Bearer ") {
		c.Next()
		return
	}
	// A JSON body cannot be sent across sites without a CORS preflight,
	// which Pingyi never grants; without a staff session there is no
	// authority to abuse either. Kiosks and the phone channel post so.
	// Without a session the API needs no token either: its guarded routes
	// refuse strangers, and its one anonymous route (responses) takes only
	// JSON, refusing anything else with 415.
	if _, session := c.Get(ctxSession); !session && (strings.HasPrefix(c.ContentType(), "application/json") || isAPI(c)) {
		c.Next()
		return
	}
	got := c.GetHeader(headerCSRF)
	if got == "" {
		// The token is in the body: a body over the route's limit is
		// answered as too large (413), not as a form without a token.
		if err := s.parseForm(c); errors.As(err, new(*http.MaxBytesError)) {
			c.Error(err)
			c.Abort()
			return
		}
		got = c.PostForm(fieldCSRF)
	}
	if !hmac.Equal([]byte(got), []byte(s.csrfToken(c))) || got == "" {
		c.Error(fault.Forbiddenf("the form expired or was sent from another site; reload the page and try again"))
		c.Abort()
		return
	}
	c.Next()
}

// parseForm reads a form body as gin would on the first PostForm, but
// keeps the error gin drops.
func (s *Server) parseForm(c *gin.Context) error {
	err := c.Request.ParseForm()
	if err == nil && c.ContentType() == "multipart/form-data" {
		err = c.Request.ParseMultipartForm(s.engine.MaxMultipartMemory)
	}
	return err
}

func (s *Server) csrfToken(c *gin.Context) string {
	dev := deviceID(c)
	if dev == "" {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString(s.Keys.MAC(secret.CSRF, []byte(dev)))
}

// failOnErrors turns errors that middleware recorded with c.Error into a
// response; handlers call s.fail directly.
func (s *Server) failOnErrors(c *gin.Context) {
	c.Next()
	if len(c.Errors) > 0 && !c.Writer.Written() {
		s.fail(c, c.Errors.Last().Err)
	}
}
