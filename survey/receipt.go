package survey

import (
	"bytes"
	"context"

	"pingyi/fault"
	"pingyi/storage"
)

// StructureByID returns a campaign with its whole structure, by id: the
// tables of other packages refer to campaigns by id.
func (s *Store) StructureByID(ctx context.Context, id int64) (*Structure, error) {
	var c Campaign
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&c).Error
	if storage.IsNotFound(err) {
		return nil, fault.NotFoundf("no campaign %d", id)
	}
	if err != nil {
		return nil, err
	}
	return s.structureOf(ctx, s.db.WithContext(ctx), c)
}

// ReceiptOf returns the receipt of a stored response, as a respondent who
// comes back after submitting is shown it again.
func (s *Store) ReceiptOf(ctx context.Context, responseID int64) (Receipt, error) {
	var r Response
	err := s.db.WithContext(ctx).Select("ref, submitted_at").Where("id = ?", responseID).Take(&r).Error
	if storage.IsNotFound(err) {
		return Receipt{}, fault.NotFoundf("no response %d", responseID)
	}
	return Receipt{Ref: r.Ref, SubmittedAt: r.SubmittedAt}, err
}

// Repeats reports whether a submission repeats a stored response of the
// campaign: the same group and, encoded, the same answers. It tells a
// client's retry (which gets the first receipt back, marked Replayed) from
// a second, different use of something single-use, such as an invitation.
// A submission that is not valid repeats nothing.
func (s *Store) Repeats(ctx context.Context, code string, responseID int64, sub Submission) (Receipt, bool, error) {
	st, err := s.Structure(ctx, code)
	if err != nil {
		return Receipt{}, false, err
	}
	var stored Response
	err = s.db.WithContext(ctx).Where("id = ? AND campaign_id = ?", responseID, st.Campaign.ID).Take(&stored).Error
	if storage.IsNotFound(err) {
		return Receipt{}, false, nil
	}
	if err != nil {
		return Receipt{}, false, err
	}
	nr, err := prepare(st, sub)
	if err != nil {
		return Receipt{}, false, nil
	}
	nr.Ref = stored.Ref
	row, err := toRow(st, nr)
	if err != nil {
		return Receipt{}, false, nil
	}
	same := row.GroupID == stored.GroupID && bytes.Equal(row.Answers, stored.Answers)
	return Receipt{Ref: stored.Ref, SubmittedAt: stored.SubmittedAt, Replayed: true}, same, nil
}
