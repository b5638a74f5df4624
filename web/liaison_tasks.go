package web

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"pingyi/audit"
	"pingyi/httpx"
	"pingyi/rectification"
	"pingyi/survey"
)

// The liaison's side of rectification: the own unit's tasks with their
// deadlines, progress reports, evidence and the request to close
// (申请销号). Another unit's task is not found.

type liaisonTasksPage struct {
	Campaigns []liaisonCampaign
	Open      int
	Overdue   int
}

type liaisonCampaign struct {
	Campaign survey.Campaign
	Tasks    []taskView
	names    map[string]string
}

func (s *Site) liaisonTasks(c *gin.Context) {
	u, _ := httpx.CurrentUser(c)
	list, err := s.Rectification.TasksOfUnit(c, u.Unit(), u.Sees)
	if err != nil {
		s.Fail(c, err)
		return
	}
	var p liaisonTasksPage
	for _, t := range list {
		if n := len(p.Campaigns); n == 0 || p.Campaigns[n-1].Campaign.Code != t.Campaign {
			camp, names, err := s.Rectification.Units(c, t.Campaign)
			if err != nil {
				s.Fail(c, err)
				return
			}
			p.Campaigns = append(p.Campaigns, liaisonCampaign{Campaign: camp, names: names})
		}
		lc := &p.Campaigns[len(p.Campaigns)-1]
		lc.Tasks = append(lc.Tasks, viewOf(t, lc.names, nil))
		if t.Status != rectification.Closed {
			p.Open++
		}
		if t.Overdue {
			p.Overdue++
		}
	}
	httpx.NoStore(c)
	s.Render(c, http.StatusOK, "liaison_tasks", "", p)
}

// liaisonTaskPage is one task of the liaison's unit, with the forms to
// report, attach evidence and ask to close.
type liaisonTaskPage struct {
	Campaign survey.Campaign
	Task     taskView
	Acting   bool // the liaison may still act: not closed, not waiting for the committee
	MaxMiB   int
	MaxFiles int
	Text     string
}

func (s *Site) liaisonTask(c *gin.Context) { s.renderLiaisonTask(c, http.StatusOK) }

func (s *Site) renderLiaisonTask(c *gin.Context, status int) {
	t, err := s.liaisonTaskOf(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	camp, names, err := s.Rectification.Units(c, t.Campaign)
	if err != nil {
		s.Fail(c, err)
		return
	}
	p := liaisonTaskPage{Campaign: camp, MaxMiB: rectification.MaxFileMiB, MaxFiles: rectification.MaxFilesPerAdd, Text: c.PostForm("text"),
		Acting: t.Status == rectification.Open || t.Status == rectification.InProgress,
		Task: viewOf(t, names, func(task, file int64) string {
			return "/liaison/tasks/" + httpx.Itoa(task) + "/files/" + httpx.Itoa(file)
		})}
	httpx.NoStore(c)
	s.Render(c, status, "liaison_task", t.Problem, p)
}

// liaisonTaskOf reads the task in the path if it is the liaison's unit's;
// another unit's task is not found, so its existence is not told.
func (s *Site) liaisonTaskOf(c *gin.Context) (rectification.Task, error) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return rectification.Task{}, err
	}
	u, _ := httpx.CurrentUser(c)
	t, err := s.Rectification.UnitTask(c, u.Unit(), id)
	return t, s.UnitTaskSeen(c, t.Campaign, id, err)
}

func (s *Site) reportPage(c *gin.Context) {
	s.liaisonAct(c, func(unit string, id int64) error {
		return s.Rectification.Report(c, httpx.Who(c), unit, id, c.PostForm("text"))
	})
}

func (s *Site) evidencePage(c *gin.Context) {
	s.liaisonAct(c, func(unit string, id int64) error {
		files, err := evidenceFiles(c)
		if err != nil {
			return err
		}
		return s.Rectification.AddEvidence(c, httpx.Who(c), unit, id, c.PostForm("text"), files)
	})
}

func (s *Site) requestClosePage(c *gin.Context) {
	s.liaisonAct(c, func(unit string, id int64) error {
		return s.Rectification.RequestClose(c, httpx.Who(c), unit, id, c.PostForm("note"))
	})
}

func (s *Site) liaisonAct(c *gin.Context, act func(unit string, id int64) error) {
	t, err := s.liaisonTaskOf(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	u, _ := httpx.CurrentUser(c)
	if err := act(u.Unit(), t.ID); err != nil {
		s.FailOnPage(c, err, func(status int) { s.renderLiaisonTask(c, status) })
		return
	}
	httpx.Redirect(c, "/liaison/tasks/"+httpx.Itoa(t.ID))
}

// evidenceFiles reads the files of an evidence form: the multipart
// fields "files" (or "file").
func evidenceFiles(c *gin.Context) ([]rectification.Upload, error) {
	files, err := httpx.UploadedFiles(c, rectification.MaxFileBytes, "files", "file")
	out := make([]rectification.Upload, len(files))
	for i, f := range files {
		out[i] = rectification.Upload{Name: f.Name, Content: f.Content}
	}
	return out, err
}

func (s *Site) liaisonFile(c *gin.Context) {
	t, err := s.liaisonTaskOf(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	fileID, err := httpx.PathID(c, "file")
	if err != nil {
		s.Fail(c, err)
		return
	}
	u, _ := httpx.CurrentUser(c)
	f, content, err := s.Rectification.UnitFile(c, u.Unit(), t.ID, fileID)
	if err != nil {
		s.Fail(c, err)
		return
	}
	serveEvidence(c, f, content, "private, no-store")
}

// liaisonTasksRectification is what liaison_tasks.go needs of the
// rectification desk.
type liaisonTasksRectification interface {
	AddEvidence(ctx context.Context, actor audit.Actor, unit string, taskID int64, text string, files []rectification.Upload) error
	Report(ctx context.Context, actor audit.Actor, unit string, taskID int64, text string) error
	RequestClose(ctx context.Context, actor audit.Actor, unit string, taskID int64, note string) error
	TasksOfUnit(ctx context.Context, unit string, sees func(organizer string) bool) ([]rectification.Task, error)
	UnitFile(ctx context.Context, unit string, taskID, fileID int64) (rectification.FileInfo, []byte, error)
	UnitTask(ctx context.Context, unit string, id int64) (rectification.Task, error)
}
