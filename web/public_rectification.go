package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/rectification"
	"pingyi/survey"
)

// /p/CODE/rectification: every task of a campaign per unit, its problem,
// source, deadline, status and closing date, with the unit's rates, and a
// printable version for the notice board (张榜公示). Nothing personal;
// evidence only once the committee accepted it.

type publicRectPage struct {
	Campaign survey.Campaign
	Units    []publicRectUnit
	AsOf     time.Time
	Print    bool
	Total    rectification.Rates
	LastYear *survey.Campaign
	Ended    []endedRow
}

type publicRectUnit struct {
	Code, Name string
	Tasks      []publicTaskView
	Rates      rectification.Rates
}

type publicTaskView struct {
	rectification.PublicTask
	DueDay    string
	ClosedDay string
	Evidence  []publicEvidenceView
}

type publicEvidenceView struct {
	rectification.PublicEvidence
	Files []fileLink
}

func (s *Site) publicRectification(c *gin.Context) { s.renderPublicRect(c, false) }

func (s *Site) publicRectificationPrint(c *gin.Context) { s.renderPublicRect(c, true) }

func (s *Site) renderPublicRect(c *gin.Context, print bool) {
	code := c.Param("code")
	camp, names, err := s.Rectification.Units(c, code)
	if err != nil {
		s.Fail(c, err)
		return
	}
	now := time.Now()
	units, err := s.Rectification.Public(c, code, now)
	if err != nil {
		s.Fail(c, err)
		return
	}
	p := publicRectPage{Campaign: camp, AsOf: now, Print: print}
	base := "/p/" + url.PathEscape(code) + "/rectification/tasks/"
	for _, u := range units {
		pu := publicRectUnit{Code: u.Unit, Name: names[u.Unit], Rates: u.Rates}
		if pu.Name == "" {
			pu.Name = u.Unit
		}
		for _, t := range u.Tasks {
			tv := publicTaskView{PublicTask: t, DueDay: dueDay(t.Due)}
			if t.ClosedAt != nil {
				tv.ClosedDay = t.ClosedAt.In(i18n.China).Format(time.DateOnly)
			}
			for _, e := range t.Evidence {
				ev := publicEvidenceView{PublicEvidence: e}
				for _, f := range e.Files {
					ev.Files = append(ev.Files, fileLink{FileInfo: f, URL: base + httpx.Itoa(t.ID) + "/files/" + httpx.Itoa(f.ID)})
				}
				tv.Evidence = append(tv.Evidence, ev)
			}
			pu.Tasks = append(pu.Tasks, tv)
		}
		p.Total.Opened += u.Rates.Opened
		p.Total.Closed += u.Rates.Closed
		p.Total.Due += u.Rates.Due
		p.Total.OnTime += u.Rates.OnTime
		p.Total.Overdue += u.Rates.Overdue
		p.Units = append(p.Units, pu)
	}
	p.Total.ClosedRate, p.Total.OnTimeRate = share(p.Total.Closed, p.Total.Opened), share(p.Total.OnTime, p.Total.Due)
	if p.LastYear, p.Ended, err = s.lastYear(c, code, names); err != nil {
		s.Fail(c, err)
		return
	}
	c.Header("Cache-Control", "public, max-age=60")
	page := "public_rectification"
	if print {
		page = "public_rectification_print"
	}
	s.Render(c, http.StatusOK, page, camp.Name, p)
}

func share(n, d int) *float64 {
	if d == 0 {
		return nil
	}
	v := float64(n) / float64(d)
	return &v
}

// publicRectificationFile downloads a file of accepted evidence.
func (s *Site) publicRectificationFile(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		s.Fail(c, err)
		return
	}
	fileID, err := httpx.PathID(c, "file")
	if err != nil {
		s.Fail(c, err)
		return
	}
	f, content, err := s.Rectification.PublicFile(c, c.Param("code"), id, fileID)
	if err != nil {
		s.Fail(c, err)
		return
	}
	serveEvidence(c, f, content, "public, max-age=3600")
}

// publicRectificationRectification is what public_rectification.go needs
// of the rectification desk.
type publicRectificationRectification interface {
	Public(ctx context.Context, campaign string, asOf time.Time) ([]rectification.PublicUnit, error)
	PublicFile(ctx context.Context, campaign string, taskID, fileID int64) (rectification.FileInfo, []byte, error)
}
