package httpx

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/i18n"
	"pingyi/secret"
)

const (
	ctxRequestID = "pingyi.request_id"
	ctxLang      = "pingyi.lang"
	ctxPageError = "pingyi.page_error"
	ctxDevice    = "pingyi.device"

	cookieLang   = "pingyi_lang"
	cookieDevice = "pingyi_device"
)

// defaultBodyLimit caps request bodies; upload routes raise it.
const defaultBodyLimit = 2 << 20

// RequestID is the id the request is logged under.
func RequestID(c *gin.Context) string { return c.GetString(ctxRequestID) }

// withRequestID tags each request, so an "internal error" a user reports can
// be found in the logs.
func withRequestID(c *gin.Context) {
	id := secret.Token(9)
	c.Set(ctxRequestID, id)
	c.Header("X-Request-ID", id)
	c.Next()
}

// logRequests writes one structured line per request. It logs the route
// pattern, never the path (invitation tokens travel in paths) and never the
// client's address (personal data).
func (s *Server) logRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	s.Log.InfoContext(c, "request", "method", c.Request.Method, "route", route, "status", c.Writer.Status(),
		"ms", float64(time.Since(start).Microseconds())/1000, "request_id", RequestID(c))
}

// recoverPanics turns a panic into an internal error for the user and a log
// line with the stack for us.
func (s *Server) recoverPanics(c *gin.Context) {
	defer func() {
		if r := recover(); r != nil {
			if r == http.ErrAbortHandler {
				panic(r)
			}
			s.Fail(c, fmt.Errorf("panic: %v", r))
		}
	}()
	c.Next()
}

// secureHeaders forbids framing (clickjacking a form), MIME sniffing and
// leaking URLs with tokens in them through the Referer header. Pages need no
// scripts, so the policy allows none.
func secureHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'none'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; img-src 'self' data:")
	c.Next()
}

// limitBody caps what a request may send: the default, or what the route
// was registered with (OnUpload).
func (s *Server) limitBody(c *gin.Context) {
	n, ok := s.bodyLimits[c.Request.Method+" "+c.FullPath()]
	if !ok {
		n = defaultBodyLimit
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
	c.Next()
}

// chooseLang picks the language: an explicit choice (cookie) first; for the
// API the Accept-Language header, which scripts set on purpose; otherwise
// Chinese, whatever language a browser happens to be set to.
func chooseLang(c *gin.Context) {
	lang := i18n.Default
	if v, err := c.Cookie(cookieLang); err == nil {
		lang = i18n.Parse(v)
	} else if wantsJSON(c) {
		lang = i18n.Parse(c.GetHeader("Accept-Language"))
	}
	c.Set(ctxLang, lang)
	c.Next()
}

// Lang is the language the caller reads.
func Lang(c *gin.Context) i18n.Lang {
	if v, ok := c.Get(ctxLang); ok {
		return v.(i18n.Lang)
	}
	return i18n.Default
}

// device gives every browser a random, long-lived id in an HttpOnly
// cookie. Forms bind their anti-forgery token to it, and respondents'
// drafts and duplicate checks use its keyed hash.
func (s *Server) device(c *gin.Context) {
	id, err := c.Cookie(cookieDevice)
	if (err != nil || len(id) < 20) && strings.HasPrefix(c.FullPath(), "/p/") {
		// Published results carry no forms and are cached by proxies: a
		// Set-Cookie would make every answer private to one browser.
		c.Next()
		return
	}
	if err != nil || len(id) < 20 {
		id = secret.Token(24)
		s.SetCookie(c, cookieDevice, id, 400*24*3600)
	}
	c.Set(ctxDevice, id)
	c.Next()
}

// DeviceID returns the browser's device id.
func DeviceID(c *gin.Context) string { return c.GetString(ctxDevice) }

// SetCookie sets an HttpOnly cookie for the whole site, Secure when
// Pingyi is reached over https.
func (s *Server) SetCookie(c *gin.Context, name, value string, maxAge int) {
	secure := s.PublicURL != nil && s.PublicURL.Scheme == "https"
	http.SetCookie(c.Writer, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
}

// IPHash is the keyed hash of the client's address: the address itself is
// personal data and is never stored.
func (s *Server) IPHash(c *gin.Context) string { return s.Keys.Hash(secret.IP, c.ClientIP()) }

// DeviceHash is the keyed hash of the browser's device id.
func (s *Server) DeviceHash(c *gin.Context) string { return s.Keys.Hash(secret.Device, DeviceID(c)) }
