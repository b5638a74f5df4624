package survey

import "context"

// ExcludedCount is how many of a campaign's responses the committee has
// excluded (and not reinstated).
func (s *Store) ExcludedCount(ctx context.Context, campaignID int64) (int, error) {
	var n int64
	err := s.db.WithContext(ctx).Table("exclusions").Where("campaign_id = ? AND revoked_at IS NULL", campaignID).
		Distinct("response_id").Count(&n).Error
	return int(n), err
}
