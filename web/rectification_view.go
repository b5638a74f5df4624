package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/rectification"
	"pingyi/survey"
)

// taskView is a task as the pages show it: with its unit's name and the
// day its deadline ends (China time), and its steps.
type taskView struct {
	rectification.Task
	UnitName string
	DueDay   string
	Steps    []stepView
}

type stepView struct {
	rectification.Step
	Files []fileLink
}

// fileLink is an attached file with the address it is downloaded from.
type fileLink struct {
	rectification.FileInfo
	URL string
}

// dueDay is the last day of a deadline that ends at 24:00 China time.
func dueDay(due time.Time) string {
	if due.IsZero() {
		return ""
	}
	return due.Add(-time.Second).In(i18n.China).Format(time.DateOnly)
}

// viewOf lays out a task; fileURL gives a file's download address.
func viewOf(t rectification.Task, names map[string]string, fileURL func(taskID, fileID int64) string) taskView {
	v := taskView{Task: t, UnitName: names[t.Unit], DueDay: dueDay(t.Due)}
	if v.UnitName == "" {
		v.UnitName = t.Unit
	}
	for _, st := range t.Steps {
		sv := stepView{Step: st}
		for _, f := range st.Files {
			sv.Files = append(sv.Files, fileLink{FileInfo: f, URL: fileURL(t.ID, f.ID)})
		}
		v.Steps = append(v.Steps, sv)
	}
	return v
}

// deadlineOf reads a deadline from a form: working days, or a date.
func deadlineOf(c *gin.Context) (rectification.Deadline, error) {
	var d rectification.Deadline
	d.Date = strings.TrimSpace(c.PostForm("deadline_date"))
	if days := strings.TrimSpace(c.PostForm("deadline_days")); days != "" {
		n, err := strconv.Atoi(days)
		if err != nil {
			return d, fault.Invalidf("the deadline in working days must be a whole number")
		}
		d.WorkingDays = n
	}
	return d, nil
}

// serveEvidence sends an attached file for download, never to be shown
// inline or sniffed into something executable.
func serveEvidence(c *gin.Context, f rectification.FileInfo, content []byte, cache string) {
	c.Header("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(f.Name))
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Content-Security-Policy", "default-src 'none'; sandbox")
	c.Header("Cache-Control", cache)
	c.Data(200, f.MediaType, content)
}

// rectificationViewDesk is what every rectification page needs of the
// desk: the campaign's unit names.
type rectificationViewDesk interface {
	Units(ctx context.Context, code string) (survey.Campaign, map[string]string, error)
}
