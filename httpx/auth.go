package httpx

import (
	"encoding/base64"
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"pingyi/account"
	"pingyi/audit"
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

// identify finds who is calling: a bearer token (scripts) or a session
// cookie (browsers). It never refuses; guard does.
func (s *Server) identify(c *gin.Context) {
	if h := c.GetHeader("Authorization"); strings.HasPrefix(h, "Bearer ") {
		u, err := s.Callers.TokenUser(c, strings.TrimPrefix(h, "Bearer "))
		if err != nil && !fault.Is(err, fault.Unauthorized) {
			s.Fail(c, err)
			return
		}
		if err == nil {
			c.Set(ctxUser, u)
		}
		c.Next()
		return
	}
	if token, err := c.Cookie(cookieSession); err == nil && token != "" {
		u, err := s.Callers.SessionUser(c, token)
		if err != nil && !fault.Is(err, fault.Unauthorized) {
			s.Fail(c, err)
			return
		}
		if err == nil {
			c.Set(ctxUser, u)
			c.Set(ctxSession, token)
		}
	}
	c.Next()
}

// CurrentUser is the signed-in staff member, if any.
func CurrentUser(c *gin.Context) (account.User, bool) {
	v, ok := c.Get(ctxUser)
	if !ok {
		return account.User{}, false
	}
	return v.(account.User), true
}

// Who is the signed-in member as the domain packages take "who did this".
func Who(c *gin.Context) audit.Actor {
	u, _ := CurrentUser(c)
	return u.Actor()
}

// guard admits callers whose role is in who: a stranger gets 401, another
// role 403. (Sending a member who must change a one-time password to do so
// first is requireFreshPassword's job, on the page groups.)
//
// A campaign in the path (":code") must also be one of the caller's
// organisers' (theirs or under them): another organiser's campaign is
// answered 404, as if it did not exist, so that its code does not leak.
// This is the one place the scope is enforced for every staff page and
// API call on a campaign; public routes pass.
func (s *Server) guard(who Access) gin.HandlerFunc {
	return func(c *gin.Context) {
		if who == nil {
			c.Next()
			return
		}
		u, ok := CurrentUser(c)
		if !ok {
			c.Error(fault.Unauthorizedf("sign in required"))
			c.Abort()
			return
		}
		if !Admits(who, u.Role) {
			c.Error(fault.Forbiddenf("your role may not do this"))
			c.Abort()
			return
		}
		if err := s.campaignInScope(c, u); err != nil {
			c.Error(err)
			c.Abort()
			return
		}
		c.Next()
	}
}

// checkCSRF protects every state-changing request a browser can be tricked
// into sending. The token is an HMAC of the browser's device id, so it
// needs no storage and works across serve processes. Bearer-token callers
// carry no ambient credentials and need none.
func (s *Server) checkCSRF(c *gin.Context) {
	if csrfExempt(c) || s.isUpload(c) { // uploads: checkUploadCSRF, after guard
		c.Next()
		return
	}
	got := c.GetHeader(headerCSRF)
	if got == "" {
		// The token is in the body: a body over the route's limit is
		// answered as too large (413), not as a form without a token.
		if err := s.ParseForm(c); errors.As(err, new(*http.MaxBytesError)) {
			c.Error(err)
			c.Abort()
			return
		}
		got = c.PostForm(fieldCSRF)
	}
	if !s.tokenValid(c, got) {
		// A respondent's form whose token went stale (a lost cookie, a
		// page left open) is drawn again with what was typed, not refused.
		if stale, ok := s.staleForm(c); ok {
			stale(c)
			c.Abort()
			return
		}
	}
	if s.checkToken(c, got) {
		c.Next()
	}
}

// csrfExempt reports whether a request needs no anti-forgery token.
func csrfExempt(c *gin.Context) bool {
	switch c.Request.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return true
	}
	if strings.HasPrefix(c.GetHeader("Authorization"), "Bearer ") {
		return true
	}
	// A JSON body cannot be sent across sites without a CORS preflight,
	// which Pingyi never grants; without a staff session there is no
	// authority to abuse either. Kiosks and the phone channel post so.
	// Without a session the API needs no token either: its guarded routes
	// refuse strangers, and its one anonymous route (responses) takes only
	// JSON, refusing anything else with 415.
	_, session := c.Get(ctxSession)
	return !session && (strings.HasPrefix(c.ContentType(), "application/json") || wantsJSON(c))
}

// ParseForm reads a form body as gin would on the first PostForm, but
// keeps the error gin drops.
func (s *Server) ParseForm(c *gin.Context) error {
	err := c.Request.ParseForm()
	if err == nil && c.ContentType() == "multipart/form-data" {
		err = c.Request.ParseMultipartForm(s.engine.MaxMultipartMemory)
	}
	return err
}

// CSRFToken is the anti-forgery token of this browser.
func (s *Server) CSRFToken(c *gin.Context) string {
	dev := DeviceID(c)
	if dev == "" {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString(s.Keys.MAC(secret.CSRF, []byte(dev)))
}

// failOnErrors turns errors that middleware recorded with c.Error into a
// response; handlers call Fail directly.
func (s *Server) failOnErrors(c *gin.Context) {
	c.Next()
	if len(c.Errors) > 0 && !c.Writer.Written() {
		s.Fail(c, c.Errors.Last().Err)
	}
}
