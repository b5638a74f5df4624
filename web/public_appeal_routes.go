package web

import (
	"github.com/gin-gonic/gin"

	"pingyi/httpx"
)

// appealsPublicRoutes are the ledger's public pages: filing a case,
// following it at /q, and the rates by unit. Every GET here is safe (HEAD
// too): it reads and changes nothing; filing, looking up, rating, asking
// for a review and answering a follow-up are POST forms, so that a case's
// password never appears in an address, a log line or a history.
func (s *Site) appealsPublicRoutes(e *gin.Engine) {
	s.On(e, "GET", "/appeal", httpx.Public, s.publicAppealFormPage)
	s.On(e, "POST", "/appeal", httpx.Public, s.filePublicAppeal)
	s.On(e, "GET", "/q", httpx.Public, s.caseLookupForm)
	s.On(e, "POST", "/q", httpx.Public, s.qLookup)
	s.On(e, "POST", "/q/rate", httpx.Public, s.qRateReply)
	s.On(e, "POST", "/q/review", httpx.Public, s.qAskReview)
	s.On(e, "POST", "/q/followup", httpx.Public, s.qAnswerFollowUp)
	s.On(e, "GET", "/appeals/rates", httpx.Public, s.publicAppealRates)
	s.On(e, "GET", "/appeals/rates.csv", httpx.Public, s.publicAppealRatesCSV)
	s.On(e, "GET", "/appeals/rates/chart.svg", httpx.Public, s.publicAppealRatesChart)
}
