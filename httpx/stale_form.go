package httpx

import "github.com/gin-gonic/gin"

// OnForm registers a public form route whose anti-forgery failures keep
// what was typed: a respondent whose cookie was lost or whose token went
// stale would otherwise get a bare 403 and lose a page of answers. When
// the token does not match, stale runs instead of h: it must store
// nothing, only draw the page again with what was posted and a fresh
// token, asking to send it once more. Public routes only: stale runs in
// place of the whole route, and a fresh token is all a stranger needs.
func (s *Server) OnForm(r gin.IRoutes, method, path string, stale gin.HandlerFunc, h ...gin.HandlerFunc) {
	s.On(r, method, path, Public, h...)
	s.staleForms[method+" "+fullPath(r, path)] = stale
}

// staleForm is the handler that keeps a form whose token failed, if the
// route has one.
func (s *Server) staleForm(c *gin.Context) (gin.HandlerFunc, bool) {
	h, ok := s.staleForms[c.Request.Method+" "+c.FullPath()]
	return h, ok
}
