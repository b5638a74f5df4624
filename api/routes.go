package api

import (
	"github.com/gin-gonic/gin"

	"pingyi/web"
)

// routes registers every endpoint with who may call it. This table is the
// access policy: TestEveryRouteEnforcesItsPolicy walks it.
func (s *Server) routes() {
	e := s.engine
	e.Use(withRequestID, s.logRequests, s.recoverPanics, s.failOnErrors, secureHeaders)
	// The stylesheet and the probes need no one's identity, language or
	// device, so they come before the middleware that looks those up: a
	// session query per stylesheet, a cookie per health check.
	e.StaticFS("/static", web.Static())
	s.on(e, "GET", "/healthz", public, s.healthz)
	s.on(e, "GET", "/readyz", public, s.readyz)
	e.Use(s.limitBody, chooseLang, s.device, s.identify, s.checkCSRF)
	e.NoRoute(func(c *gin.Context) { s.fail(c, errNotFound) })
	e.NoMethod(func(c *gin.Context) { s.fail(c, errNotFound) })

	// Pages.
	s.on(e, "GET", "/", public, s.homePage)
	s.on(e, "GET", "/lang/:lang", public, s.switchLang)
	s.on(e, "GET", "/login", public, s.loginForm)
	s.on(e, "POST", "/login", public, s.login)
	s.on(e, "POST", "/logout", staff, s.logout)
	s.on(e, "GET", "/password", staff, s.passwordForm)
	s.on(e, "POST", "/password", staff, s.changePassword)
	admin := e.Group("/admin", s.requireFreshPassword)
	s.on(admin, "GET", "", staff, s.adminHome)
	s.on(admin, "GET", "/campaigns/new", adminOnly, s.newCampaignForm)
	s.onUpload(admin, "POST", "/campaigns/new", adminOnly, uploadLimit, s.newCampaign)
	s.on(admin, "GET", "/campaigns/:code", staff, s.adminCampaign)
	s.on(admin, "POST", "/campaigns/:code/status", adminOnly, s.adminCampaignStatus)
	s.on(admin, "GET", "/users", adminOnly, s.adminUsers)
	s.on(admin, "POST", "/users", adminOnly, s.adminCreateUser)
	s.on(admin, "POST", "/users/:id/disable", adminOnly, s.disableUser)
	s.phonePages(e, admin)

	// The committee's review console.
	rv := e.Group("/review", s.requireFreshPassword)
	s.on(rv, "GET", "/:code", overseers, s.reviewConsole)
	s.on(rv, "POST", "/:code/runs", committee, s.createRunPage)
	s.on(rv, "POST", "/:code/runs/:run/approve", committeeOnly, s.approveRun)
	s.on(rv, "POST", "/:code/runs/:run/withdraw", committeeOnly, s.withdrawApproval)
	s.on(rv, "POST", "/:code/publish", committeeOnly, s.publishPage)
	s.on(rv, "GET", "/:code/units/:unit", overseers, s.reviewUnit)
	s.on(rv, "GET", "/:code/flags", overseers, s.reviewFlags)
	s.on(rv, "GET", "/:code/exclusions", overseers, s.reviewExclusions)
	s.on(rv, "POST", "/:code/exclusions", committeeOnly, s.excludePage)
	s.on(rv, "POST", "/:code/exclusions/:id/revoke", committeeOnly, s.revokePage)
	s.on(rv, "POST", "/:code/batches/revoke", committeeOnly, s.revokeBatchPage)
	s.on(rv, "GET", "/:code/settings", overseers, s.reviewSettings)
	s.on(rv, "POST", "/:code/settings", adminOnly, s.saveSettingsPage)
	s.on(e, "GET", "/liaison/:code", liaisons, s.requireFreshPassword, s.liaisonUnit)

	// Published results: public, cacheable, at stable addresses.
	s.on(e, "GET", "/p/:code", public, s.publicLatest)
	s.on(e, "GET", "/p/:code/v/:version", public, s.publicVersioned)
	s.on(e, "GET", "/p/:code/v/:version/publication.json", public, s.publicDownload("json"))
	s.on(e, "GET", "/p/:code/v/:version/ranking.csv", public, s.publicDownload("csv"))
	s.on(e, "GET", "/p/:code/v/:version/ranking.xlsx", public, s.publicDownload("xlsx"))
	s.on(e, "GET", "/p/:code/v/:version/chart.svg", public, s.publicDownload("svg"))

	// JSON API.
	v1 := e.Group("/api/v1")
	s.on(v1, "GET", "/me", staff, s.me)
	s.on(v1, "GET", "/me/tokens", staff, s.listTokens)
	s.on(v1, "POST", "/me/tokens", staff, s.createToken)
	s.on(v1, "DELETE", "/me/tokens/:id", staff, s.revokeToken)
	s.on(v1, "GET", "/users", adminOnly, s.listUsers)
	s.on(v1, "POST", "/users", adminOnly, s.createUser)
	s.on(v1, "POST", "/users/:id/disable", adminOnly, s.disableUser)

	s.on(v1, "GET", "/campaigns", staff, s.listCampaigns)
	s.on(v1, "POST", "/campaigns", adminOnly, s.createCampaign)
	s.on(v1, "GET", "/campaigns/:code", staff, s.getCampaign)
	s.on(v1, "PUT", "/campaigns/:code", adminOnly, s.replaceCampaign)
	s.on(v1, "PATCH", "/campaigns/:code", adminOnly, s.patchCampaign)
	s.on(v1, "POST", "/campaigns/:code/status", adminOnly, s.setCampaignStatus)
	for _, l := range lists {
		s.on(v1, "GET", "/campaigns/:code/"+l.name, staff, s.listItems(l))
		s.on(v1, "GET", "/campaigns/:code/"+l.name+"/:item", staff, s.getItem(l))
		s.on(v1, "PATCH", "/campaigns/:code/"+l.name+"/:item", adminOnly, s.patchItem(l))
	}
	s.on(v1, "POST", "/campaigns/:code/units", adminOnly, s.addUnit)
	s.on(v1, "DELETE", "/campaigns/:code/units/:item", adminOnly, s.deleteUnit)
	s.on(v1, "POST", "/campaigns/:code/score-runs", committee, s.createScoreRun)
	s.on(v1, "GET", "/campaigns/:code/score-runs", overseers, s.listScoreRuns)
	s.on(v1, "GET", "/campaigns/:code/score-runs/:run", overseers, s.getScoreRun)
	s.onUpload(v1, "POST", "/campaigns/:code/units/import", adminOnly, uploadLimit, s.importUnits)

	// Respondents: the open link and invitations share one form.
	for _, base := range []string{"/s/:code", "/i/:token"} {
		s.on(e, "GET", base, public, s.formIntro)
		s.on(e, "POST", base+"/start", public, s.formStart)
		s.on(e, "GET", base+"/verify", public, s.formVerify)
		s.on(e, "POST", base+"/verify", public, s.formCheckCode)
		s.on(e, "POST", base+"/code", public, s.formSendCode)
		s.on(e, "GET", base+"/p/:n", public, s.formPage)
		s.on(e, "POST", base+"/p/:n", public, s.formSave)
		s.on(e, "GET", base+"/review", public, s.formReview)
		s.on(e, "POST", base+"/submit", public, s.formSubmit)
		s.on(e, "GET", base+"/done", public, s.formDone)
	}
	s.on(admin, "POST", "/campaigns/:code/collection", adminOnly, s.adminCollection)
	s.on(admin, "GET", "/campaigns/:code/invitations", adminOnly, s.adminInvitations)
	s.on(admin, "POST", "/campaigns/:code/invitations", adminOnly, s.adminCreateBatch)
	s.on(admin, "GET", "/campaigns/:code/invitations/:id/csv", adminOnly, s.adminBatchCSV)
	s.on(admin, "GET", "/campaigns/:code/invitations/:id/print", adminOnly, s.adminBatchSheet)
	s.on(admin, "POST", "/campaigns/:code/invitations/:id/revoke", adminOnly, s.adminRevokeBatch)
	s.on(admin, "GET", "/campaigns/:code/import", adminOnly, s.adminImportForm)
	s.onUpload(admin, "POST", "/campaigns/:code/import", adminOnly, importLimit, s.adminImport)
	s.on(v1, "POST", "/campaigns/:code/responses", public, s.submitResponse)
	s.on(v1, "GET", "/campaigns/:code/responses/export", overseers, s.exportResponses)
	s.onUpload(v1, "POST", "/campaigns/:code/responses/import", adminOnly, importLimit, s.importResponses)
	s.on(v1, "GET", "/campaigns/:code/score-runs/:run/approvals", overseers, s.runApprovals)
	s.on(v1, "POST", "/campaigns/:code/score-runs/:run/approvals", committeeOnly, s.approveRunAPI)
	s.on(v1, "DELETE", "/campaigns/:code/score-runs/:run/approvals", committeeOnly, s.withdrawRunAPI)
	s.on(v1, "GET", "/campaigns/:code/flags", overseers, s.listFlags)
	s.on(v1, "GET", "/campaigns/:code/exclusions", overseers, s.listExclusions)
	s.on(v1, "POST", "/campaigns/:code/exclusions", committeeOnly, s.createExclusion)
	s.on(v1, "POST", "/campaigns/:code/exclusions/:id/revoke", committeeOnly, s.revokeExclusion)
	s.on(v1, "GET", "/campaigns/:code/publications", public, s.listPublications)
	s.on(v1, "POST", "/campaigns/:code/publications", committeeOnly, s.createPublication)
	s.on(v1, "GET", "/campaigns/:code/review-settings", overseers, s.getReviewSettings)
	s.on(v1, "PUT", "/campaigns/:code/review-settings", adminOnly, s.putReviewSettings)
	s.phoneAPI(v1)
}

// phonePages are the phone survey's pages: the administrator's, the
// overseers' progress, the calculator, and the operators' console.
func (s *Server) phonePages(e *gin.Engine, admin *gin.RouterGroup) {
	s.on(admin, "GET", "/sample-size", staff, s.sampleSizeCalculator)
	s.onUpload(admin, "POST", "/phone/donotcall", adminOnly, frameLimit, s.phoneImportDoNotCall)
	p := "/campaigns/:code/phone"
	s.on(admin, "GET", p, adminOnly, s.phoneAdmin)
	s.onUpload(admin, "POST", p+"/frame", adminOnly, frameLimit, s.phoneImportFrame)
	s.on(admin, "POST", p+"/rules", adminOnly, s.phoneSaveRules)
	s.on(admin, "POST", p+"/plan", adminOnly, s.phonePlan)
	s.on(admin, "POST", p+"/execute", adminOnly, s.phoneExecute)
	s.on(admin, "POST", p+"/release", adminOnly, s.phoneRelease)
	s.on(admin, "POST", p+"/erase", adminOnly, s.phoneErase)
	s.on(admin, "GET", p+"/progress", overseers, s.phoneProgress)
	s.on(admin, "POST", p+"/witness", witnesses, s.phoneWitness)
	console := e.Group("/phone", s.requireFreshPassword)
	s.on(console, "GET", "/:code", operators, s.console)
	s.on(console, "POST", "/:code/next", operators, s.nextCase)
	s.on(console, "POST", "/:code/cases/:id/outcome", operators, s.recordOutcome)
	s.on(console, "POST", "/:code/cases/:id/interview", operators, s.submitInterview)
	s.on(console, "POST", "/:code/cases/:id/giveback", operators, s.giveBack)
}

// phoneAPI is the same for scripts and dialers, as JSON.
func (s *Server) phoneAPI(v1 *gin.RouterGroup) {
	s.on(v1, "POST", "/sample-size", staff, s.sampleSizeJSON)
	s.onUpload(v1, "POST", "/phone/donotcall", adminOnly, frameLimit, s.phoneImportDoNotCall)
	p := "/campaigns/:code/phone"
	s.onUpload(v1, "POST", p+"/frame", adminOnly, frameLimit, s.phoneImportFrame)
	s.on(v1, "GET", p+"/rules", staff, s.phoneRules)
	s.on(v1, "PUT", p+"/rules", adminOnly, s.phoneSaveRules)
	s.on(v1, "POST", p+"/draw", adminOnly, s.phonePlan)
	s.on(v1, "GET", p+"/draw", overseers, s.phoneDraw)
	s.on(v1, "POST", p+"/draw/witness", witnesses, s.phoneWitness)
	s.on(v1, "POST", p+"/draw/execute", adminOnly, s.phoneExecute)
	s.on(v1, "POST", p+"/draw/release", adminOnly, s.phoneRelease)
	s.on(v1, "POST", p+"/erase", adminOnly, s.phoneErase)
	s.on(v1, "GET", p+"/progress", overseers, s.phoneProgressJSON)
	s.on(v1, "GET", p+"/current", operators, s.currentCase)
	s.on(v1, "POST", p+"/next", operators, s.nextCase)
	s.on(v1, "POST", p+"/cases/:id/outcome", operators, s.recordOutcome)
	s.on(v1, "POST", p+"/cases/:id/interview", operators, s.submitInterview)
	s.on(v1, "POST", p+"/cases/:id/giveback", operators, s.giveBack)
}

// frameLimit bounds a contact list: a million rows of CSV are about 40 MB.
const frameLimit = 256 << 20

// uploadLimit bounds unit lists and definitions: 4,000 units are ~300 KB.
const uploadLimit = 20 << 20

// importLimit bounds a file of paper forms: a million rows of the long
// format are about 60 MB as CSV.
const importLimit = 512 << 20

// on registers a route behind its guard and records it in the policy.
func (s *Server) on(r gin.IRoutes, method, path string, who access, h ...gin.HandlerFunc) {
	full := path
	if g, ok := r.(*gin.RouterGroup); ok {
		full = joinPath(g.BasePath(), path)
	}
	s.policy[method+" "+full] = who
	r.Handle(method, path, append([]gin.HandlerFunc{guard(who)}, h...)...)
}

// onUpload registers a route that takes a body larger than the default.
// The limit is applied before any middleware reads the body (the
// anti-forgery check reads form fields), which is why it is recorded here
// rather than wrapped around the handler.
func (s *Server) onUpload(r gin.IRoutes, method, path string, who access, limit int64, h ...gin.HandlerFunc) {
	s.on(r, method, path, who, h...)
	full := path
	if g, ok := r.(*gin.RouterGroup); ok {
		full = joinPath(g.BasePath(), path)
	}
	s.bodyLimits[method+" "+full] = limit
}

func joinPath(base, path string) string {
	if path == "" {
		return base
	}
	if base == "/" {
		return path
	}
	return base + path
}

// requireFreshPassword sends staff who signed in with a one-time password
// to choose their own before anything else.
func (s *Server) requireFreshPassword(c *gin.Context) {
	if u, ok := currentUser(c); ok && u.MustChangePassword {
		redirect(c, "/password")
		c.Abort()
		return
	}
	c.Next()
}
