// Package api is Pingyi's JSON API under /api/v1, for scripts, kiosks,
// dialers and the phone channel. Every answer is a named type; errors take
// the stable body of httpx. The pages people use are in web/.
package api

import (
	"context"

	"github.com/gin-gonic/gin"

	"pingyi/httpx"
)

// Server is the JSON API: its handlers borrow the shared server's errors
// and parsers, and call the stores in Deps.
type Server struct {
	*httpx.Server
	Deps
}

// Probes registers the health checks. They need no one's identity,
// language or device, so app registers them before httpx.Identify: no
// cookie per health check.
func Probes(srv *httpx.Server, ready func(ctx context.Context) error) {
	p := probes{Server: srv, ready: ready}
	srv.On(srv.Root(), "GET", "/healthz", httpx.Public, p.healthz)
	srv.On(srv.Root(), "GET", "/readyz", httpx.Public, p.readyz)
}

// Routes registers every endpoint of /api/v1 with who may call it. With
// web.Routes this is the access policy: TestEveryRouteEnforcesItsPolicy
// walks it.
func Routes(srv *httpx.Server, d Deps) {
	s := &Server{Server: srv, Deps: d}
	v1 := srv.Root().Group("/api/v1", httpx.RefuseOneTimePassword)
	s.On(v1, "GET", "/me", httpx.Staff, s.me)
	s.On(v1, "GET", "/me/tokens", httpx.Staff, s.listTokens)
	s.On(v1, "POST", "/me/tokens", httpx.Staff, s.createToken)
	s.On(v1, "DELETE", "/me/tokens/:id", httpx.Staff, s.revokeToken)
	s.On(v1, "GET", "/users", httpx.AdminOnly, s.listUsers)
	s.On(v1, "POST", "/users", httpx.AdminOnly, s.createUser)
	s.On(v1, "POST", "/users/:id/disable", httpx.AdminOnly, s.disableUser)
	s.accountRoutes(v1)
	s.campaignRoutes(v1)
	s.responseRoutes(v1)
	s.reviewRoutes(v1)
	s.phoneRoutes(v1)
	s.appealsStaffRoutes(v1)
	s.rectificationRoutes(v1)
	s.signingKeysRoutes(srv.Root())
	s.open311Routes(srv.Root())
}

// campaignRoutes are the campaigns, their structure and their score runs.
func (s *Server) campaignRoutes(v1 *gin.RouterGroup) {
	s.On(v1, "GET", "/campaigns", httpx.Staff, s.listCampaigns)
	s.On(v1, "POST", "/campaigns", httpx.AdminOnly, s.createCampaign)
	s.On(v1, "GET", "/campaigns/:code", httpx.Staff, s.getCampaign)
	s.On(v1, "PUT", "/campaigns/:code", httpx.AdminOnly, s.replaceCampaign)
	s.On(v1, "PATCH", "/campaigns/:code", httpx.AdminOnly, s.patchCampaign)
	s.On(v1, "POST", "/campaigns/:code/status", httpx.AdminOnly, s.setCampaignStatus)
	for _, l := range lists {
		s.On(v1, "GET", "/campaigns/:code/"+l.name, httpx.Staff, s.listItems(l))
		s.On(v1, "GET", "/campaigns/:code/"+l.name+"/:item", httpx.Staff, s.getItem(l))
		s.On(v1, "PATCH", "/campaigns/:code/"+l.name+"/:item", httpx.AdminOnly, s.patchItem(l))
	}
	s.On(v1, "POST", "/campaigns/:code/units", httpx.AdminOnly, s.addUnit)
	s.On(v1, "DELETE", "/campaigns/:code/units/:item", httpx.AdminOnly, s.deleteUnit)
	s.On(v1, "POST", "/campaigns/:code/score-runs", httpx.Committee, s.createScoreRun)
	s.On(v1, "GET", "/campaigns/:code/score-runs", httpx.Overseers, s.listScoreRuns)
	s.On(v1, "GET", "/campaigns/:code/score-runs/:run", httpx.Overseers, s.getScoreRun)
	s.OnUpload(v1, "POST", "/campaigns/:code/units/import", httpx.AdminOnly, httpx.UploadLimit, s.importUnits)
}

// responseRoutes are the responses: submitted by kiosks and the phone
// channel, imported from paper, exported.
func (s *Server) responseRoutes(v1 *gin.RouterGroup) {
	s.On(v1, "POST", "/campaigns/:code/responses", httpx.Public, s.submitResponse)
	s.On(v1, "GET", "/campaigns/:code/responses/export", httpx.Overseers, s.exportResponses)
	s.OnUpload(v1, "POST", "/campaigns/:code/responses/import", httpx.AdminOnly, httpx.ImportLimit, s.importResponses)
}

// reviewRoutes are the committee's review: approvals, flags, exclusions,
// publications and the review's parameters.
func (s *Server) reviewRoutes(v1 *gin.RouterGroup) {
	s.On(v1, "GET", "/campaigns/:code/score-runs/:run/approvals", httpx.Overseers, s.runApprovals)
	s.On(v1, "POST", "/campaigns/:code/score-runs/:run/approvals", httpx.CommitteeOnly, s.approveRunAPI)
	s.On(v1, "DELETE", "/campaigns/:code/score-runs/:run/approvals", httpx.CommitteeOnly, s.withdrawRunAPI)
	s.On(v1, "GET", "/campaigns/:code/flags", httpx.Overseers, s.listFlags)
	s.On(v1, "GET", "/campaigns/:code/exclusions", httpx.Overseers, s.listExclusions)
	s.On(v1, "POST", "/campaigns/:code/exclusions", httpx.CommitteeOnly, s.createExclusion)
	s.On(v1, "POST", "/campaigns/:code/exclusions/:id/revoke", httpx.CommitteeOnly, s.revokeExclusion)
	s.On(v1, "GET", "/campaigns/:code/publications", httpx.Public, s.listPublications)
	s.On(v1, "POST", "/campaigns/:code/publications", httpx.CommitteeOnly, s.createPublication)
	s.On(v1, "GET", "/campaigns/:code/review-settings", httpx.Overseers, s.getReviewSettings)
	s.On(v1, "PUT", "/campaigns/:code/review-settings", httpx.AdminOnly, s.putReviewSettings)
}

// phoneRoutes are the phone survey for scripts and dialers.
func (s *Server) phoneRoutes(v1 *gin.RouterGroup) {
	s.On(v1, "POST", "/sample-size", httpx.Staff, s.sampleSizeJSON)
	s.OnUpload(v1, "POST", "/phone/donotcall", httpx.AdminOnly, httpx.FrameLimit, s.phoneImportDoNotCall)
	p := "/campaigns/:code/phone"
	s.OnUpload(v1, "POST", p+"/frame", httpx.AdminOnly, httpx.FrameLimit, s.phoneImportFrame)
	s.On(v1, "GET", p+"/rules", httpx.Staff, s.phoneRules)
	s.On(v1, "PUT", p+"/rules", httpx.AdminOnly, s.phoneSaveRules)
	s.On(v1, "POST", p+"/draw", httpx.AdminOnly, s.phonePlan)
	s.On(v1, "GET", p+"/draw", httpx.Overseers, s.phoneDraw)
	s.On(v1, "POST", p+"/draw/witness", httpx.Witnesses, s.phoneWitness)
	s.On(v1, "POST", p+"/draw/execute", httpx.AdminOnly, s.phoneExecute)
	s.On(v1, "POST", p+"/draw/release", httpx.AdminOnly, s.phoneRelease)
	s.On(v1, "POST", p+"/erase", httpx.AdminOnly, s.phoneErase)
	s.On(v1, "GET", p+"/progress", httpx.Overseers, s.phoneProgressJSON)
	s.On(v1, "GET", p+"/current", httpx.Operators, s.currentCase)
	s.On(v1, "POST", p+"/next", httpx.Operators, s.nextCase)
	s.On(v1, "POST", p+"/cases/:id/outcome", httpx.Operators, s.recordOutcome)
	s.On(v1, "POST", p+"/cases/:id/interview", httpx.Operators, s.submitInterview)
	s.On(v1, "POST", p+"/cases/:id/giveback", httpx.Operators, s.giveBack)
}
