package api

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"pingyi/appeals"
	"pingyi/fault"
	"pingyi/httpx"
	"pingyi/i18n"
)

// open311Appeals is what the Open311 read API needs of the ledger.
type open311Appeals interface {
	Open311Requests(ctx context.Context, f appeals.Open311Filter) ([]appeals.Open311Request, error)
	Open311Request(ctx context.Context, number string) (appeals.Open311Request, error)
}

// open311Routes are the Open311 GeoReport v2 read API over the ledger, at
// the paths the standard's clients expect (not under /api/v1): the kinds
// of appeal as services, and the cases the dispatcher made public, with
// their type, unit, status and dates only.
func (s *Server) open311Routes(e *gin.Engine) {
	g := e.Group("/open311/v2")
	s.On(g, "GET", "/services.json", httpx.Public, s.open311Services)
	s.On(g, "GET", "/requests.json", httpx.Public, s.open311Requests)
	// gin cannot put a parameter before a fixed suffix: the handler takes
	// "/requests/202612345678.json" apart itself.
	s.On(g, "GET", "/requests/:file", httpx.Public, s.open311Request)
}

// open311Service is a GeoReport v2 service.
type open311Service struct {
	ServiceCode string `json:"service_code"`
	ServiceName string `json:"service_name"`
	Description string `json:"description"`
	Metadata    bool   `json:"metadata"`
	Type        string `json:"type"`
	Keywords    string `json:"keywords"`
	Group       string `json:"group"`
}

// open311Request is a GeoReport v2 service request, its public fields only.
type open311Request struct {
	ServiceRequestID  string  `json:"service_request_id"`
	Status            string  `json:"status"`
	ServiceName       string  `json:"service_name"`
	ServiceCode       string  `json:"service_code"`
	AgencyResponsible string  `json:"agency_responsible"`
	RequestedDatetime string  `json:"requested_datetime"`
	UpdatedDatetime   string  `json:"updated_datetime"`
	ExpectedDatetime  *string `json:"expected_datetime"`
}

// open311Error is GeoReport v2's error: a list of code and description.
type open311Error struct {
	Code        int    `json:"code"`
	Description string `json:"description"`
}

// open311Span is the longest period a request list may cover, as the
// standard says, and the default one, ending now.
const open311Span = 90 * 24 * time.Hour

func (s *Server) open311Services(c *gin.Context) {
	var out []open311Service
	for _, sv := range appeals.Open311Services() {
		out = append(out, open311Service{ServiceCode: sv.Code, ServiceName: sv.Name, Description: sv.Description,
			Type: "realtime"})
	}
	c.JSON(http.StatusOK, out)
}

func (s *Server) open311Requests(c *gin.Context) {
	if ids := c.Query("service_request_id"); ids != "" {
		// The standard: other parameters are ignored with this one.
		out := []open311Request{}
		for _, id := range strings.Split(ids, ",") {
			r, err := s.Appeals.Open311Request(c, strings.TrimSpace(id))
			if fault.Is(err, fault.NotFound) {
				continue
			}
			if err != nil {
				s.open311Fail(c, err)
				return
			}
			out = append(out, toOpen311(r))
		}
		c.JSON(http.StatusOK, out)
		return
	}
	start, end, err := open311Period(c.Query("start_date"), c.Query("end_date"), time.Now())
	if err != nil {
		s.open311Fail(c, err)
		return
	}
	statuses := splitList(c.Query("status"))
	status := ""
	for _, st := range statuses {
		if st != "open" && st != "closed" {
			s.open311Fail(c, fault.Invalidf("status must be open or closed"))
			return
		}
	}
	if len(statuses) == 1 {
		status = statuses[0]
	}
	codes := splitList(c.Query("service_code"))
	if len(codes) == 0 {
		codes = []string{""}
	}
	var rows []appeals.Open311Request
	for _, code := range codes {
		got, err := s.Appeals.Open311Requests(c, appeals.Open311Filter{ServiceCode: code, Status: status, Start: &start, End: &end})
		if err != nil {
			s.open311Fail(c, err)
			return
		}
		rows = append(rows, got...)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Requested.After(rows[j].Requested) })
	if len(rows) > 1000 {
		rows = rows[:1000]
	}
	out := make([]open311Request, len(rows))
	for i, r := range rows {
		out[i] = toOpen311(r)
	}
	c.JSON(http.StatusOK, out)
}

func (s *Server) open311Request(c *gin.Context) {
	id, ok := strings.CutSuffix(c.Param("file"), ".json")
	if !ok || id == "" {
		s.open311Fail(c, fault.NotFoundf("only JSON is served: ask for /open311/v2/requests/NUMBER.json"))
		return
	}
	r, err := s.Appeals.Open311Request(c, id)
	if err != nil {
		s.open311Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, []open311Request{toOpen311(r)})
}

// open311Period reads start_date and end_date (W3C date-times, or dates in
// China time): at most 90 days; one alone reaches 90 days from it; neither
// is the last 90 days.
func open311Period(from, to string, now time.Time) (time.Time, time.Time, error) {
	var problems []fault.Problem
	parse := func(name, v string) *time.Time {
		if v == "" {
			return nil
		}
		for _, layout := range []string{time.RFC3339, "2006-01-02"} {
			if t, err := time.ParseInLocation(layout, v, i18n.China); err == nil {
				return &t
			}
		}
		problems = append(problems, fault.P(name, "%q is not a W3C date-time such as 2026-10-09T08:00:00+08:00", v))
		return nil
	}
	start, end := parse("start_date", from), parse("end_date", to)
	if len(problems) > 0 {
		return time.Time{}, time.Time{}, fault.WithProblems(problems, "the period cannot be read")
	}
	switch {
	case start == nil && end == nil:
		return now.Add(-open311Span), now, nil
	case start == nil:
		return end.Add(-open311Span), *end, nil
	case end == nil:
		return *start, start.Add(open311Span), nil
	}
	if !start.Before(*end) {
		return time.Time{}, time.Time{}, fault.Invalidf("end_date must be after start_date")
	}
	if end.Sub(*start) > open311Span {
		return time.Time{}, time.Time{}, fault.Invalidf("start_date and end_date may not span more than 90 days")
	}
	return *start, *end, nil
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// w3c writes a time as GeoReport v2 does, with China's offset.
func w3c(t time.Time) string { return t.In(i18n.China).Format(time.RFC3339) }

func toOpen311(r appeals.Open311Request) open311Request {
	out := open311Request{ServiceRequestID: r.ID, Status: r.Status, ServiceName: r.ServiceName, ServiceCode: r.ServiceCode,
		AgencyResponsible: r.AgencyResponsible, RequestedDatetime: w3c(r.Requested), UpdatedDatetime: w3c(r.Updated)}
	if r.Expected != nil {
		e := w3c(*r.Expected)
		out.ExpectedDatetime = &e
	}
	return out
}

// open311Fail answers in GeoReport v2's error format: the status, and a
// list with the code and the description (each problem its own entry).
// What is not a domain error is logged and described only by its request id.
func (s *Server) open311Fail(c *gin.Context, err error) {
	lang := httpx.Lang(c)
	e, ok := fault.As(err)
	if !ok {
		s.Log.ErrorContext(c, "internal error", "request_id", httpx.RequestID(c), "route", c.FullPath(), "err", err)
		e = &fault.Error{Kind: fault.Internal, Message: i18n.M("internal error; the incident was logged as %s", httpx.RequestID(c))}
	}
	status := httpx.StatusOf(e.Kind)
	if status == http.StatusUnprocessableEntity {
		status = http.StatusBadRequest // GeoReport v2 answers a bad parameter with 400
	}
	out := []open311Error{{Code: status, Description: e.Message.In(lang)}}
	for _, p := range e.Problems {
		out = append(out, open311Error{Code: status, Description: p.Path + ": " + p.Reason.In(lang)})
	}
	c.AbortWithStatusJSON(status, out)
}
