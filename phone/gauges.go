package phone

import "context"

// QueueGauges is the phone queue at a glance, for /metrics.
type QueueGauges struct {
	Due    int64 // open cases due now that nobody holds
	Leased int64 // cases an operator holds under a lease that has not expired
}

// Gauges counts the phone queue across all campaigns: two counts, over
// the queue's index.
func (s *Store) Gauges(ctx context.Context) (QueueGauges, error) {
	now := s.db.Now()
	var g QueueGauges
	err := s.db.WithContext(ctx).Model(&phoneCase{}).
		Where("status = ? AND queue_at <= ? AND (lease_owner IS NULL OR lease_expires_at < ?)", Open, now, now).Count(&g.Due).Error
	if err != nil {
		return g, err
	}
	err = s.db.WithContext(ctx).Model(&phoneCase{}).
		Where("lease_owner IS NOT NULL AND lease_expires_at >= ?", now).Count(&g.Leased).Error
	return g, err
}
