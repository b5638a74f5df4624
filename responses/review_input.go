package responses

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"pingyi/survey"
)

// Facts are what the committee's quality checks read of one counted
// response: when and how it arrived, the keyed hashes of its device and
// address (never the raw values), and its answers as stored, so identical
// forms can be found by comparing bytes.
type Facts struct {
	ID          int64
	Ref         string
	Group       int // position in the structure
	Channel     Channel
	SubmittedAt time.Time
	StartedAt   *time.Time
	IPHash      string // "" when unknown
	DeviceHash  string // "" when unknown
	Answers     []byte
}

// CountedFacts returns the facts of every response a score run would count
// now, in id order.
func (s *Store) CountedFacts(ctx context.Context, st *survey.Structure) ([]Facts, error) {
	groupOf := st.GroupPositions()
	rows, err := s.db.WithContext(ctx).Raw(`SELECT r.id, r.ref, r.group_id, r.channel, r.submitted_at, r.started_at,
			r.ip_hash, r.device_hash, r.answers
		FROM responses r WHERE r.campaign_id = ? AND `+notExcluded+` ORDER BY r.id`, st.Campaign.ID).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Facts
	for rows.Next() {
		var (
			f         Facts
			groupID   int64
			ip, dev   *string
			submitted time.Time
		)
		if err := rows.Scan(&f.ID, &f.Ref, &groupID, &f.Channel, &submitted, &f.StartedAt, &ip, &dev, &f.Answers); err != nil {
			return nil, err
		}
		g, ok := groupOf[groupID]
		if !ok {
			return nil, fmt.Errorf("response %s belongs to no group of the campaign", f.Ref)
		}
		f.Group, f.SubmittedAt = g, submitted.UTC()
		if f.StartedAt != nil {
			t := f.StartedAt.UTC()
			f.StartedAt = &t
		}
		if ip != nil {
			f.IPHash = *ip
		}
		if dev != nil {
			f.DeviceHash = *dev
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// UnitAnswers is what the counted responses said about one unit: how many
// chose each option on each indicator, and their comments.
type UnitAnswers struct {
	Counts   [][]int // [indicator][option], positions in the structure
	Comments []string
}

// AnswersAbout returns the distribution of answers and the comments about
// the unit at position unit, over the responses that counted at the moment
// asOf: the exclusions in force then are left out, whatever was excluded or
// reinstated since, so a published run's unit is shown with the answers
// that run counted.
func (s *Store) AnswersAbout(ctx context.Context, st *survey.Structure, unit int, asOf time.Time) (UnitAnswers, error) {
	out := UnitAnswers{Counts: make([][]int, len(st.Indicators))}
	for i := range out.Counts {
		out.Counts[i] = make([]int, len(st.Scale))
	}
	if unit < 0 || unit >= len(st.Units) {
		return out, fmt.Errorf("unit position %d outside the campaign", unit)
	}
	q := s.db.WithContext(ctx)
	rows, err := q.Raw(`SELECT r.ref, r.answers FROM responses r WHERE r.campaign_id = ? AND `+notExcludedAt,
		st.Campaign.ID, asOf, asOf).Rows()
	if err != nil {
		return out, err
	}
	defer rows.Close()
	var (
		ref     string
		answers []byte
		decoded []Rating
	)
	for rows.Next() {
		if err := rows.Scan(&ref, &answers); err != nil {
			return out, err
		}
		if decoded, err = DecodeAnswers(answers, decoded); err != nil {
			return out, fmt.Errorf("response %s: %w", ref, err)
		}
		for _, r := range decoded {
			if r.Unit == unit && r.Indicator < len(out.Counts) && r.Option < len(st.Scale) {
				out.Counts[r.Indicator][r.Option]++
			}
		}
	}
	if err := rows.Err(); err != nil {
		return out, err
	}
	err = q.Raw(`SELECT c.body FROM response_comments c JOIN responses r ON r.id = c.response_id
		WHERE c.unit_id = ? AND `+notExcludedAt+` ORDER BY r.id`, st.Units[unit].ID, asOf, asOf).Scan(&out.Comments).Error
	return out, err
}

// notExcludedAt is the condition on a response r that made it count at a
// moment (both parameters): no exclusion of it was in force then.
const notExcludedAt = `NOT EXISTS (SELECT 1 FROM exclusions e WHERE e.response_id = r.id
	AND e.created_at <= ? AND (e.revoked_at IS NULL OR e.revoked_at > ?))`

// Summary counts the responses a score run would count, by group (in
// structure order) and by channel.
type Summary struct {
	ByGroup   []int
	ByChannel map[Channel]int
}

// CountedSummaryTx counts the counted responses inside the caller's
// transaction.
func (s *Store) CountedSummaryTx(tx *gorm.DB, st *survey.Structure) (Summary, error) {
	out := Summary{ByGroup: make([]int, len(st.Groups)), ByChannel: map[Channel]int{}}
	var rows []struct {
		GroupID int64
		Channel Channel
		N       int
	}
	err := tx.Raw(`SELECT r.group_id, r.channel, COUNT(*) AS n FROM responses r
		WHERE r.campaign_id = ? AND `+notExcluded+` GROUP BY r.group_id, r.channel`, st.Campaign.ID).Scan(&rows).Error
	groupOf := st.GroupPositions()
	for _, r := range rows {
		out.ByGroup[groupOf[r.GroupID]] += r.N
		out.ByChannel[r.Channel] += r.N
	}
	return out, err
}
