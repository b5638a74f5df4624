package appeals

import "context"

// BacklogGauges is the ledger's open work at a glance, for /metrics.
type BacklogGauges struct {
	Unassigned int64 // received or returned, waiting for the dispatcher
	Open       int64 // with a unit (assigned or accepted)
	Overdue    int64 // with a unit, past the deadline that applies now
}

// Gauges counts the open cases, over the index of the work lists.
func (s *Store) Gauges(ctx context.Context) (BacklogGauges, error) {
	var g BacklogGauges
	q := s.db.WithContext(ctx).Model(&caseRow{})
	if err := q.Where("status = ?", StatusReceived).Count(&g.Unassigned).Error; err != nil {
		return g, err
	}
	q = s.db.WithContext(ctx).Model(&caseRow{})
	if err := q.Where("status IN ?", openStatuses).Count(&g.Open).Error; err != nil {
		return g, err
	}
	q = s.db.WithContext(ctx).Model(&caseRow{})
	err := q.Where("status IN ? AND "+dueSQL+" < ?", openStatuses, s.db.Now()).Count(&g.Overdue).Error
	return g, err
}
