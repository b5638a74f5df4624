package api

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
	"pingyi/tabular"
)

// The working-day calendar for scripts, as JSON; web/admin_calendar.go is
// the same page for people.

func (s *Server) calendarRoutes(v1 *gin.RouterGroup) {
	s.On(v1, "GET", "/calendar/years", httpx.AdminOnly, s.calendarYears)
	s.On(v1, "GET", "/calendar/years/:year", httpx.AdminOnly, s.calendarYear)
	s.OnUpload(v1, "POST", "/calendar/import", httpx.AdminOnly, httpx.UploadLimit, s.importCalendar)
}

// calendarYearJSON is one year whose notice is known.
type calendarYearJSON struct {
	Year       int        `json:"year"`
	Imported   bool       `json:"imported"`
	InLibrary  bool       `json:"in_library"`
	Holidays   int        `json:"holidays"`
	Workdays   int        `json:"workdays"`
	ImportedAt *time.Time `json:"imported_at,omitempty"`
	ImportedBy string     `json:"imported_by,omitempty"`
}

// calendarYearsJSON lists the known years; a year not listed counts Monday
// to Friday, and its deadlines are provisional.
type calendarYearsJSON struct {
	Years []calendarYearJSON `json:"years"`
}

func (s *Server) calendarYears(c *gin.Context) {
	years, err := s.Calendar.Years(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	out := calendarYearsJSON{Years: make([]calendarYearJSON, len(years))}
	for i, y := range years {
		out.Years[i] = calendarYearJSON{Year: y.Year, Imported: y.Imported, InLibrary: y.InLibrary,
			Holidays: y.Holidays, Workdays: y.Workdays, ImportedBy: y.ImportedBy}
		if y.Imported {
			at := y.ImportedAt
			out.Years[i].ImportedAt = &at
		}
	}
	c.JSON(http.StatusOK, out)
}

// calendarDayJSON is a day a year's notice names.
type calendarDayJSON struct {
	Date string `json:"date"`
	Kind string `json:"kind"` // holiday or workday
	Name string `json:"name"`
}

// calendarNoticeJSON is the notice in force for a year; known is false
// when there is none (Monday to Friday, deadlines provisional).
type calendarNoticeJSON struct {
	Year  int               `json:"year"`
	Known bool              `json:"known"`
	Days  []calendarDayJSON `json:"days"`
}

func (s *Server) calendarYear(c *gin.Context) {
	year, err := strconv.Atoi(c.Param("year"))
	if err != nil || year < 1900 || year > 2200 {
		s.Fail(c, fault.NotFoundf("no such year"))
		return
	}
	days, err := s.Calendar.Notice(c, year)
	if err != nil {
		s.Fail(c, err)
		return
	}
	out := calendarNoticeJSON{Year: year, Known: len(days) > 0, Days: make([]calendarDayJSON, len(days))}
	for i, d := range days {
		kind := "workday"
		if d.Holiday {
			kind = "holiday"
		}
		out.Days[i] = calendarDayJSON{Date: d.Date.Format(time.DateOnly), Kind: kind, Name: d.Name}
	}
	c.JSON(http.StatusOK, out)
}

// calendarImportJSON is what a notice import did.
type calendarImportJSON struct {
	Years    []int `json:"years"`
	Replaced []int `json:"replaced"`
	Holidays int   `json:"holidays"`
	Workdays int   `json:"workdays"`
}

func (s *Server) importCalendar(c *gin.Context) {
	up, err := httpx.Uploaded(c)
	if err != nil {
		s.Fail(c, err)
		return
	}
	defer up.Close()
	res, err := s.Calendar.Import(c, up, up.Format, httpx.Who(c))
	if err != nil {
		s.Fail(c, err)
		return
	}
	replaced := res.Replaced
	if replaced == nil {
		replaced = []int{}
	}
	c.JSON(http.StatusOK, calendarImportJSON{Years: res.Years, Replaced: replaced, Holidays: res.Holidays, Workdays: res.Workdays})
}

// calendarCalendar is what calendar.go needs of the calendar.
type calendarCalendar interface {
	Years(ctx context.Context) ([]calendar.Year, error)
	Notice(ctx context.Context, year int) ([]calendar.Day, error)
	Import(ctx context.Context, src io.Reader, format tabular.Format, actor audit.Actor) (calendar.Imported, error)
}
