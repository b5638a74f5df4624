package web

import (
	"github.com/gin-gonic/gin"

	"pingyi/httpx"
)

// Site is the server-rendered site: its handlers borrow the shared
// server's rendering, errors and sign-in, and call the stores in Deps.
type Site struct {
	*httpx.Server
	Deps
	public *publicCache
}

// Routes registers every page with who may see it. With api.Routes this is
// the access policy: TestEveryRouteEnforcesItsPolicy walks it.
func Routes(srv *httpx.Server, d Deps) {
	s := &Site{Server: srv, Deps: d}
	s.public = s.newPublicCache()
	e := srv.Root()
	s.On(e, "GET", "/", httpx.Public, s.homePage)
	s.On(e, "GET", "/lang/:lang", httpx.Public, s.switchLang)
	s.On(e, "GET", "/login", httpx.Public, s.loginForm)
	s.On(e, "POST", "/login", httpx.Public, s.login)
	s.On(e, "POST", "/logout", httpx.Staff, s.logout)
	s.On(e, "GET", "/password", httpx.Staff, s.passwordForm)
	s.On(e, "POST", "/password", httpx.Staff, s.changePassword)
	admin := e.Group("/admin", httpx.RequireFreshPassword)
	s.adminRoutes(admin)
	s.distributionRoutes(admin)
	s.exportRoutes(admin)
	s.formRoutes(e)
	s.formScreenRoutes(e)
	s.reviewRoutes(e)
	s.publicRoutes(e)
	s.verifyRoutes(e)
	s.publicDrawRoutes(e)
	s.phoneRoutes(e, admin)
	s.appealsStaffRoutes(e, admin)
	s.dispatchFollowUpRoutes(e)
	s.rectificationRoutes(e)
	s.appealsPublicRoutes(e)
	s.confirmRoutes(e, admin)
	s.revokeConfirmRoutes(e, admin)
	s.accountRoutes(admin)
	s.unitChartRoutes(e)
	s.phoneChartRoutes(admin)
}

// adminRoutes are the administrators' pages: campaigns, users, collection.
func (s *Site) adminRoutes(admin *gin.RouterGroup) {
	s.On(admin, "GET", "", httpx.Staff, s.adminHome)
	s.On(admin, "GET", "/campaigns/new", httpx.AdminOnly, s.newCampaignForm)
	s.OnUpload(admin, "POST", "/campaigns/new", httpx.AdminOnly, httpx.UploadLimit, s.newCampaign)
	s.On(admin, "GET", "/campaigns/:code", httpx.Staff, s.adminCampaign)
	s.On(admin, "POST", "/campaigns/:code/status", httpx.AdminOnly, s.adminCampaignStatus)
	s.On(admin, "GET", "/users", httpx.AdminOnly, s.adminUsers)
	s.On(admin, "POST", "/users", httpx.AdminOnly, s.adminCreateUser)
	s.On(admin, "POST", "/users/:id/disable", httpx.AdminOnly, s.adminDisableUser)
	s.On(admin, "POST", "/campaigns/:code/collection", httpx.AdminOnly, s.adminCollection)
	s.On(admin, "GET", "/campaigns/:code/invitations", httpx.AdminOnly, s.adminInvitations)
	s.On(admin, "POST", "/campaigns/:code/invitations", httpx.AdminOnly, s.adminCreateBatch)
	s.On(admin, "GET", "/campaigns/:code/invitations/:id/csv", httpx.AdminOnly, s.adminBatchCSV)
	s.On(admin, "GET", "/campaigns/:code/invitations/:id/print", httpx.AdminOnly, s.adminBatchSheet)
	s.On(admin, "POST", "/campaigns/:code/invitations/:id/revoke", httpx.AdminOnly, s.adminRevokeBatch)
	s.On(admin, "GET", "/campaigns/:code/import", httpx.AdminOnly, s.adminImportForm)
	s.OnUpload(admin, "POST", "/campaigns/:code/import", httpx.AdminOnly, httpx.ImportLimit, s.adminImport)
}

// formRoutes are the respondents' form: the open link and invitations
// share it.
func (s *Site) formRoutes(e *gin.Engine) {
	for _, base := range []string{"/s/:code", "/i/:token"} {
		s.On(e, "GET", base, httpx.Public, s.formIntro)
		s.OnForm(e, "POST", base+"/start", s.staleStart, s.formStart)
		s.On(e, "GET", base+"/verify", httpx.Public, s.formVerify)
		s.OnForm(e, "POST", base+"/verify", s.staleVerify("Confirm"), s.formCheckCode)
		s.OnForm(e, "POST", base+"/code", s.staleVerify("Send a new code"), s.formSendCode)
		s.On(e, "GET", base+"/p/:n", httpx.Public, s.formPage)
		s.OnForm(e, "POST", base+"/p/:n", s.staleSave, s.formSave)
		s.On(e, "GET", base+"/review", httpx.Public, s.formReview)
		s.OnForm(e, "POST", base+"/submit", s.staleSubmit, s.formSubmit)
		s.On(e, "GET", base+"/done", httpx.Public, s.formDone)
	}
}

// reviewRoutes are the committee's review console and the liaison's page.
func (s *Site) reviewRoutes(e *gin.Engine) {
	rv := e.Group("/review", httpx.RequireFreshPassword)
	s.On(rv, "GET", "/:code", httpx.Overseers, s.reviewConsole)
	s.On(rv, "POST", "/:code/runs", httpx.Committee, s.createRunPage)
	s.On(rv, "POST", "/:code/runs/:run/approve", httpx.CommitteeOnly, s.approveRun)
	s.On(rv, "POST", "/:code/runs/:run/withdraw", httpx.CommitteeOnly, s.withdrawApproval)
	s.On(rv, "POST", "/:code/publish", httpx.CommitteeOnly, s.public.forgetAfter(s.publishPage))
	s.On(rv, "GET", "/:code/units/:unit", httpx.Overseers, s.reviewUnit)
	s.On(rv, "GET", "/:code/flags", httpx.Overseers, s.reviewFlags)
	s.On(rv, "GET", "/:code/exclusions", httpx.Overseers, s.reviewExclusions)
	s.On(rv, "POST", "/:code/exclusions", httpx.CommitteeOnly, s.excludePage)
	s.On(rv, "POST", "/:code/exclusions/:id/revoke", httpx.CommitteeOnly, s.revokePage)
	s.On(rv, "POST", "/:code/batches/revoke", httpx.CommitteeOnly, s.revokeBatchPage)
	s.On(rv, "GET", "/:code/settings", httpx.Overseers, s.reviewSettings)
	s.On(rv, "POST", "/:code/settings", httpx.AdminOnly, s.saveSettingsPage)
	s.On(e, "GET", "/liaison/:code", httpx.Liaisons, httpx.RequireFreshPassword, s.liaisonUnit)
}

// publicRoutes are the published results: public, cacheable, at stable
// addresses.
func (s *Site) publicRoutes(e *gin.Engine) {
	pc := s.public
	s.On(e, "GET", "/p/:code", httpx.Public, pc.page(s.publicLatest))
	s.On(e, "GET", "/p/:code/v/:version", httpx.Public, pc.page(s.publicVersioned))
	s.On(e, "GET", "/p/:code/v/:version/publication.json", httpx.Public, pc.file(s.publicDownload("json")))
	s.On(e, "GET", "/p/:code/v/:version/ranking.csv", httpx.Public, pc.file(s.publicDownload("csv")))
	s.On(e, "GET", "/p/:code/v/:version/ranking.xlsx", httpx.Public, pc.file(s.publicDownload("xlsx")))
	s.On(e, "GET", "/p/:code/v/:version/chart.svg", httpx.Public, pc.file(s.publicDownload("svg")))
}

// phoneRoutes are the phone survey's pages: the administrator's, the
// overseers' progress, the calculator, and the operators' console.
func (s *Site) phoneRoutes(e *gin.Engine, admin *gin.RouterGroup) {
	s.On(admin, "GET", "/sample-size", httpx.Staff, s.sampleSizeCalculator)
	s.OnUpload(admin, "POST", "/phone/donotcall", httpx.AdminOnly, httpx.FrameLimit, s.phoneImportDoNotCall)
	p := "/campaigns/:code/phone"
	s.On(admin, "GET", p, httpx.AdminOnly, s.phoneAdmin)
	s.OnUpload(admin, "POST", p+"/frame", httpx.AdminOnly, httpx.FrameLimit, s.phoneImportFrame)
	s.On(admin, "POST", p+"/rules", httpx.AdminOnly, s.phoneSaveRules)
	s.On(admin, "POST", p+"/plan", httpx.AdminOnly, s.phonePlan)
	s.On(admin, "POST", p+"/execute", httpx.AdminOnly, s.phoneExecute)
	s.On(admin, "POST", p+"/release", httpx.AdminOnly, s.phoneRelease)
	s.On(admin, "POST", p+"/erase", httpx.AdminOnly, s.phoneErase)
	s.On(admin, "GET", p+"/progress", httpx.Overseers, s.phoneProgress)
	s.On(admin, "POST", p+"/witness", httpx.Witnesses, s.phoneWitness)
	console := e.Group("/phone", httpx.RequireFreshPassword)
	s.On(console, "GET", "/:code", httpx.Operators, s.console)
	s.On(console, "POST", "/:code/next", httpx.Operators, s.nextCase)
	s.On(console, "POST", "/:code/cases/:id/outcome", httpx.Operators, s.recordOutcome)
	s.On(console, "POST", "/:code/cases/:id/interview", httpx.Operators, s.submitInterview)
	s.On(console, "POST", "/:code/cases/:id/giveback", httpx.Operators, s.giveBack)
}
