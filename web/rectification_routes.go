package web

import (
	"github.com/gin-gonic/gin"

	"pingyi/httpx"
)

// rectificationRoutes are the rectification pages: the committee's (read
// by the supervisors too), the liaison's own unit's, and the public list.
func (s *Site) rectificationRoutes(e *gin.Engine) {
	rv := e.Group("/review", httpx.RequireFreshPassword)
	r := "/:code/rectification"
	s.On(rv, "GET", r, httpx.Overseers, s.rectificationOverview)
	s.On(rv, "GET", r+"/proposals", httpx.Overseers, s.rectificationProposals)
	s.On(rv, "POST", r+"/proposals", httpx.CommitteeOnly, s.proposePage)
	s.On(rv, "POST", r+"/proposals/:id/confirm", httpx.CommitteeOnly, s.confirmProposalPage)
	s.On(rv, "POST", r+"/proposals/:id/drop", httpx.CommitteeOnly, s.dropProposalPage)
	s.On(rv, "GET", r+"/new", httpx.Overseers, s.newTaskForm)
	s.On(rv, "POST", r+"/tasks", httpx.CommitteeOnly, s.openTaskPage)
	s.On(rv, "GET", r+"/tasks/:id", httpx.Overseers, s.rectificationTask)
	s.On(rv, "POST", r+"/tasks/:id/accept", httpx.CommitteeOnly, s.acceptTaskPage)
	s.On(rv, "POST", r+"/tasks/:id/return", httpx.CommitteeOnly, s.returnTaskPage)
	s.On(rv, "GET", r+"/tasks/:id/files/:file", httpx.Overseers, s.rectificationFile)
	s.On(rv, "POST", "/:code/units/:unit/comments", httpx.CommitteeOnly, s.commentToWork)

	lt := e.Group("/liaison/tasks", httpx.RequireFreshPassword)
	s.On(lt, "GET", "", httpx.Liaisons, s.liaisonTasks)
	s.On(lt, "GET", "/:id", httpx.Liaisons, s.liaisonTask)
	s.On(lt, "POST", "/:id/report", httpx.Liaisons, s.reportPage)
	s.OnUpload(lt, "POST", "/:id/evidence", httpx.Liaisons, httpx.EvidenceLimit, s.evidencePage)
	s.On(lt, "POST", "/:id/close", httpx.Liaisons, s.requestClosePage)
	s.On(lt, "GET", "/:id/files/:file", httpx.Liaisons, s.liaisonFile)

	s.On(e, "GET", "/p/:code/rectification", httpx.Public, s.publicRectification)
	s.On(e, "GET", "/p/:code/rectification/print", httpx.Public, s.publicRectificationPrint)
	s.On(e, "GET", "/p/:code/rectification/tasks/:id/files/:file", httpx.Public, s.publicRectificationFile)
}
