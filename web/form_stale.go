package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/httpx"
	"pingyi/i18n"
)

// The stale handlers answer a respondent's post whose anti-forgery token
// failed (a lost cookie, a page left open for days): they store nothing
// and draw the page again, with what was typed and a fresh token, asking
// to send it once more. They never answer 403 with the answers gone.

func (s *Site) staleMessage(c *gin.Context, again string) {
	httpx.SetPageError(c, i18n.M("Nothing was lost, but nothing was saved yet either: the page had been open too long or the browser lost its cookie. Check your answers below and press %s again.", i18n.T(httpx.Lang(c), again)).In(httpx.Lang(c)))
}

// staleSave draws the form page again with the answers it was sent.
func (s *Site) staleSave(c *gin.Context) {
	f, ok := s.admit(c)
	if !ok {
		return
	}
	p, ok := s.pageOf(c, f)
	if !ok {
		return
	}
	content, problems := f.readPage(c, p)
	again := "Next page"
	if p.Number == len(f.pages) {
		again = "Check my answers"
	}
	s.staleMessage(c, again)
	s.formPageView(c, f, p, content, http.StatusOK, s.respondentProblems(c, f, problems))
}

// staleStart draws the introduction again (the phone number typed in it
// is asked for again: it is never kept).
func (s *Site) staleStart(c *gin.Context) {
	if f, ok := s.admit(c); ok {
		again := "Begin"
		if f.needsPhone() {
			again = "Send the code"
		}
		s.staleMessage(c, again)
		s.introPage(c, f, http.StatusOK, nil)
	}
}

// staleSubmit draws the review again; without a draft (an open link whose
// cookie was lost) the respondent starts again at the link.
func (s *Site) staleSubmit(c *gin.Context) {
	f, ok := s.admit(c)
	if !ok {
		return
	}
	if f.draft == nil {
		httpx.Redirect(c, f.base)
		return
	}
	s.staleMessage(c, "Submit my answers")
	s.reviewView(c, f, http.StatusOK, nil)
}

// staleVerify draws the code page again, for the button that was pressed.
func (s *Site) staleVerify(again string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if f, ok := s.admitToVerify(c); ok {
			s.staleMessage(c, again)
			s.verifyPage(c, f, http.StatusOK, nil)
		}
	}
}
