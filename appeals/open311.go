package appeals

import (
	"context"
	"time"

	"pingyi/fault"
	"pingyi/storage"
)

// Open311Service is a service of the GeoReport v2 service list: one per
// kind of appeal.
type Open311Service struct {
	Code, Name, Description string
}

// Open311Services lists the kinds of appeal as GeoReport services.
func Open311Services() []Open311Service {
	return []Open311Service{
		{Consult, "咨询", "政策、办事咨询"},
		{Help, "求助", "遇到困难请求帮助"},
		{Complaint, "投诉", "对服务或办事的投诉"},
		{Report, "举报", "对单位或其工作人员的举报"},
		{Suggest, "建议", "意见建议"},
	}
}

// Open311Request is a case as the GeoReport v2 read API shows it: only
// what identifies no one — its type, unit, status and dates. Neither the
// content nor the contact nor the reply is ever here.
type Open311Request struct {
	ID                string // service_request_id: the public number
	ServiceCode       string
	ServiceName       string
	Status            string // open or closed
	AgencyResponsible string // the unit's name
	Requested         time.Time
	Updated           time.Time
	Expected          *time.Time // the deadline
}

// Open311Filter narrows the request list as GeoReport v2 allows.
type Open311Filter struct {
	ServiceCode string
	Status      string // open, closed or ""
	Start, End  *time.Time
	Limit       int // at most 1000; 0 for 1000
}

var serviceNames = map[string]string{Consult: "咨询", Help: "求助", Complaint: "投诉", Report: "举报", Suggest: "建议"}

// Open311Requests lists the cases the dispatcher made public, newest first.
func (s *Store) Open311Requests(ctx context.Context, f Open311Filter) ([]Open311Request, error) {
	q := s.db.WithContext(ctx).Where("public_listed = ? AND number IS NOT NULL", true)
	if f.ServiceCode != "" {
		q = q.Where("kind = ?", f.ServiceCode)
	}
	switch f.Status {
	case "":
	case "open":
		q = q.Where("status <> ?", StatusReplied)
	case "closed":
		q = q.Where("status = ?", StatusReplied)
	default:
		return nil, fault.Invalidf("status must be open or closed")
	}
	if f.Start != nil {
		q = q.Where("received_at >= ?", f.Start.UTC())
	}
	if f.End != nil {
		q = q.Where("received_at < ?", f.End.UTC())
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 1000
	}
	var rows []caseRow
	if err := q.Order("received_at DESC, id DESC").Limit(f.Limit).Find(&rows).Error; err != nil {
		return nil, err
	}
	us, err := s.units(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Open311Request, len(rows))
	for i, c := range rows {
		out[i] = open311Request(c, us)
	}
	return out, nil
}

// Open311Request returns one public case by its number.
func (s *Store) Open311Request(ctx context.Context, number string) (Open311Request, error) {
	var c caseRow
	err := s.db.WithContext(ctx).Where("number = ? AND public_listed = ?", number, true).Take(&c).Error
	if storage.IsNotFound(err) {
		return Open311Request{}, fault.NotFoundf("no public case %s", number)
	}
	if err != nil {
		return Open311Request{}, err
	}
	us, err := s.units(ctx)
	if err != nil {
		return Open311Request{}, err
	}
	return open311Request(c, us), nil
}

func open311Request(c caseRow, us *units) Open311Request {
	status := "open"
	if c.Status == StatusReplied {
		status = "closed"
	}
	r := Open311Request{ID: deref(c.Number), ServiceCode: c.Kind, ServiceName: serviceNames[c.Kind], Status: status,
		Requested: c.ReceivedAt, Updated: c.UpdatedAt, Expected: c.effectiveDeadline()}
	// A report's unit is not published: it would point at the unit it concerns.
	if c.Kind != Report {
		r.AgencyResponsible = us.byCode[deref(c.Unit)].Name
	}
	return r
}
