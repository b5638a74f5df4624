package web

import (
	"context"

	"github.com/gin-gonic/gin"

	"pingyi/appeals"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/rectification"
)

// followUpAnswers are what the dispatcher may record at the callback of a
// rectification task: the person's three answers, or that they could not
// be reached.
var followUpAnswers = []rectification.Satisfaction{rectification.Satisfied, rectification.FairlySatisfied, rectification.Dissatisfied, rectification.NotReached}

// dispatchFollowUpRoutes adds the follow-up of a case's rectification
// tasks (回访) to the dispatcher's case page.
func (s *Site) dispatchFollowUpRoutes(e *gin.Engine) {
	d := e.Group("/dispatch", httpx.RequireFreshPassword)
	s.On(d, "POST", "/cases/:id/followup", httpx.Dispatchers, s.dispatchFollowUp)
}

// caseFollowUps are the rectification tasks that came from a case, with
// their follow-up; none for an imported case without a public number.
func (s *Site) caseFollowUps(ctx context.Context, k appeals.Case) ([]rectification.Task, error) {
	if k.Number == "" {
		return nil, nil
	}
	return s.Rectification.FollowUpsOfCase(ctx, k.Number)
}

// dispatchFollowUp records, from the dispatcher's callback, how satisfied
// the case's person is with a closed rectification task of this case.
func (s *Site) dispatchFollowUp(c *gin.Context) {
	s.caseAction(c, "followup", func(id int64) error {
		taskID, err := httpx.FormID(c, "task")
		if err != nil {
			return err
		}
		answer := rectification.Satisfaction(c.PostForm("answer"))
		known := false
		for _, a := range followUpAnswers {
			known = known || a == answer
		}
		if !known {
			return fault.WithProblems([]fault.Problem{fault.P("answer", "choose 满意, 基本满意, 不满意 or 未联系上")}, "the person's answer is missing")
		}
		k, err := s.Appeals.Get(c, id)
		if err != nil {
			return err
		}
		tasks, err := s.caseFollowUps(c, k)
		if err != nil {
			return err
		}
		for _, t := range tasks {
			if t.ID == taskID && t.FollowUp != nil {
				return s.Rectification.AnswerFollowUp(c, httpx.Who(c), taskID, answer)
			}
		}
		return fault.Conflictf("task %d of this case asks for no follow-up: it is not closed, or it came from another case", taskID)
	})
}

// dispatchFollowUpRectification is what the dispatcher's case page needs of
// rectification: the tasks from the case and their follow-up.
type dispatchFollowUpRectification interface {
	FollowUpsOfCase(ctx context.Context, caseNo string) ([]rectification.Task, error)
	AnswerFollowUp(ctx context.Context, actor audit.Actor, taskID int64, answer rectification.Satisfaction) error
}
