package responses

import (
	"bytes"
	"context"

	"pingyi/fault"
	"pingyi/storage"
)

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
	st, err := s.surveys.Structure(ctx, code)
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
