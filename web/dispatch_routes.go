package web

import (
	"github.com/gin-gonic/gin"

	"pingyi/httpx"
)

// The appeals ledger's staff pages: the dispatcher's console (诉求中心),
// the liaisons' queue of their unit's cases, and the administrator's
// imports of hotline exports and of the working-day calendar. The public
// side (/appeal, /q) is elsewhere.

func init() {
	for page, parts := range map[string][]string{
		"dispatch_console":     {"dispatch_console", "admin_nav", "appeal_queue", "problems"},
		"dispatch_case":        {"dispatch_case", "admin_nav", "appeal_case", "problems"},
		"liaison_appeals":      {"liaison_appeals", "appeal_queue"},
		"liaison_appeal":       {"liaison_appeal", "appeal_case", "problems"},
		"admin_appeals_import": {"admin_appeals_import", "admin_nav", "problems"},
		"admin_calendar":       {"admin_calendar", "admin_nav", "problems"},
	} {
		pages[page] = parts
	}
}

// appealsStaffRoutes registers the ledger's staff pages.
func (s *Site) appealsStaffRoutes(e *gin.Engine, admin *gin.RouterGroup) {
	d := e.Group("/dispatch", httpx.RequireFreshPassword)
	s.On(d, "GET", "", httpx.Dispatchers, s.dispatchConsole)
	s.On(d, "POST", "/cases", httpx.Dispatchers, s.dispatchIntake)
	s.On(d, "GET", "/cases/:id", httpx.Dispatchers, s.dispatchCase)
	s.On(d, "POST", "/cases/:id/assign", httpx.Dispatchers, s.dispatchAssign)
	s.On(d, "POST", "/cases/:id/extension", httpx.Dispatchers, s.dispatchExtension)
	s.On(d, "POST", "/cases/:id/callback", httpx.Dispatchers, s.dispatchCallback)
	s.On(d, "POST", "/cases/:id/review", httpx.Dispatchers, s.dispatchReview)
	s.On(d, "POST", "/cases/:id/public", httpx.Dispatchers, s.dispatchPublic)
	s.On(d, "POST", "/cases/:id/contact", httpx.Dispatchers, s.dispatchContact)

	l := e.Group("/liaison/appeals", httpx.RequireFreshPassword)
	s.On(l, "GET", "", httpx.Liaisons, s.liaisonAppeals)
	s.On(l, "GET", "/:id", httpx.Liaisons, s.liaisonAppeal)
	s.On(l, "POST", "/:id/accept", httpx.Liaisons, s.liaisonAccept)
	s.On(l, "POST", "/:id/return", httpx.Liaisons, s.liaisonReturn)
	s.On(l, "POST", "/:id/extension", httpx.Liaisons, s.liaisonExtension)
	s.On(l, "POST", "/:id/reply", httpx.Liaisons, s.liaisonReply)

	s.On(admin, "GET", "/appeals/import", httpx.AdminOnly, s.adminAppealsImportForm)
	s.OnUpload(admin, "POST", "/appeals/import", httpx.AdminOnly, httpx.ImportLimit, s.adminAppealsImport)
	s.On(admin, "GET", "/calendar", httpx.AdminOnly, s.adminCalendar)
	s.OnUpload(admin, "POST", "/calendar", httpx.AdminOnly, httpx.UploadLimit, s.adminCalendarImport)
}
