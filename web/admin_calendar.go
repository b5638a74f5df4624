package web

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/audit"
	"pingyi/calendar"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
	"pingyi/tabular"
)

// calendarPage lists the years whose notice is known, marks the coming
// years that are not (their deadlines are provisional), shows one year's
// days and takes a notice file.
type calendarPage struct {
	Years       []calendar.Year
	Provisional []int // this year and the next, when no notice is loaded
	Year        int
	Days        []calendar.Day
	Imported    *calendar.Imported
	Problems    []fault.Problem
}

func (s *Site) adminCalendar(c *gin.Context) {
	year := time.Now().In(i18n.China).Year()
	if v := c.Query("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 1900 || y > 2200 {
			s.Fail(c, fault.Malformedf("year must be a year such as %d", year))
			return
		}
		year = y
	}
	s.renderCalendar(c, http.StatusOK, calendarPage{Year: year})
}

func (s *Site) renderCalendar(c *gin.Context, status int, p calendarPage) {
	years, err := s.Calendar.Years(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	days, err := s.Calendar.Notice(c, p.Year)
	if err != nil {
		s.Fail(c, err)
		return
	}
	p.Years, p.Days = years, days
	known := map[int]bool{}
	for _, y := range years {
		known[y.Year] = true
	}
	now := time.Now().In(i18n.China).Year()
	for _, y := range []int{now, now + 1} {
		if !known[y] {
			p.Provisional = append(p.Provisional, y)
		}
	}
	s.Render(c, status, "admin_calendar", i18n.T(httpx.Lang(c), "Working-day calendar"), p)
}

// adminCalendarImport loads a notice file: each year it holds replaces
// what was known of it, whole or not at all.
func (s *Site) adminCalendarImport(c *gin.Context) {
	res, err := s.calendarUpload(c)
	if err != nil {
		s.FailOnForm(c, err, func(status int, problems []fault.Problem) {
			s.renderCalendar(c, status, calendarPage{Year: time.Now().In(i18n.China).Year(), Problems: problems})
		})
		return
	}
	p := calendarPage{Year: time.Now().In(i18n.China).Year(), Imported: &res}
	if len(res.Years) > 0 {
		p.Year = res.Years[0]
	}
	s.renderCalendar(c, http.StatusCreated, p)
}

func (s *Site) calendarUpload(c *gin.Context) (calendar.Imported, error) {
	f, err := httpx.Uploaded(c)
	if err != nil {
		return calendar.Imported{}, err
	}
	defer f.Close()
	return s.Calendar.Import(c, f, f.Format, httpx.Who(c))
}

// adminCalendarCalendar is what admin_calendar.go needs of the calendar.
type adminCalendarCalendar interface {
	Years(ctx context.Context) ([]calendar.Year, error)
	Notice(ctx context.Context, year int) ([]calendar.Day, error)
	Import(ctx context.Context, src io.Reader, format tabular.Format, actor audit.Actor) (calendar.Imported, error)
}
