package responses

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/survey"
)

// errGroupUnfit ends a group's transaction when what it found (the campaign
// not open, its structure changed since the forms were checked) is for each
// form's own transaction to report.
var errGroupUnfit = errors.New("the group goes form by form")

// stagedForm is a form of a group, checked and encoded, with what became
// of it.
type stagedForm struct {
	row     Response
	comment map[int]string
	sameAs  int  // 1 + the index of an earlier form of the group with its idempotency key, or 0
	stored  bool // inserted by this group's transaction
	outcome formOutcome
}

// commitGroup stores a group of forms to one campaign in one transaction
// and tells each its outcome. Forms the group cannot take, and the whole
// group if its transaction fails, are sent back to be submitted alone.
func (s *Store) commitGroup(code string, group []*pendingForm) {
	staged, ok := s.tryGroup(code, group)
	for i, p := range group {
		out := staged[i].outcome
		switch {
		case !ok:
			out = formOutcome{alone: true}
		case staged[i].sameAs > 0:
			out = staged[staged[i].sameAs-1].outcome
			out.receipt.Replayed = true
		}
		p.done <- out
	}
}

// tryGroup stages and stores a group, and says whether it was stored. A
// panic (in a form's hook, say) fails the group instead of the process:
// each form then runs alone on its caller's goroutine, where the panic
// recurs and is answered as any handler's would be.
func (s *Store) tryGroup(code string, group []*pendingForm) (staged []stagedForm, ok bool) {
	defer func() {
		if recover() != nil {
			staged, ok = make([]stagedForm, len(group)), false
		}
	}()
	ctx := context.Background()
	staged, st := s.stageGroup(ctx, code, group)
	if st == nil {
		return staged, false
	}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error { return s.storeGroup(ctx, tx, st, group, staged) })
	return staged, err == nil
}

// stageGroup checks and encodes each form against the campaign's structure
// as read before the transaction, so the checks run outside it (the
// transaction makes sure the structure has not changed since). A form that
// fails a check is sent back to be submitted alone, where it fails the
// same way and gets the same answer as ever (the earlier receipt, if its
// idempotency key was used). A form repeating the idempotency key of an
// earlier form of the group will get that form's receipt.
func (s *Store) stageGroup(ctx context.Context, code string, group []*pendingForm) ([]stagedForm, *survey.Structure) {
	staged := make([]stagedForm, len(group))
	st, err := s.surveys.Structure(ctx, code)
	if err != nil {
		return staged, nil
	}
	now := s.db.Now()
	firstWithKey := map[string]int{}
	for i, p := range group {
		f := &staged[i]
		f.outcome.alone = true
		nr, err := admissible(st, p.sub)
		if err != nil {
			continue
		}
		if key := p.sub.IdempotencyKey; key != "" {
			if j, seen := firstWithKey[key]; seen {
				f.sameAs, f.outcome.alone = j+1, false
				continue
			}
			firstWithKey[key] = i
		}
		nr.SubmittedAt, nr.Ref = now, NewRef(p.sub.Channel)
		if f.row, err = toRow(st, nr); err != nil {
			continue
		}
		f.comment, f.outcome.alone = nr.Comments, false
	}
	return staged, st
}

// storeGroup is the group's transaction: the campaign held open as in a
// lone submission, then each statement once for the whole group. It sets
// every outcome afresh, as db.Tx may run it twice.
func (s *Store) storeGroup(ctx context.Context, tx *gorm.DB, st *survey.Structure, group []*pendingForm, staged []stagedForm) error {
	c, err := s.surveys.HoldCampaign(tx, st.Campaign.Code)
	if err != nil {
		return err
	}
	if c.Status != survey.Open || c.StructureVersion != st.Campaign.StructureVersion {
		return errGroupUnfit
	}
	var rows []Response
	var keys []string
	for i := range staged {
		f := &staged[i]
		f.stored, f.row.ID = false, 0
		if f.outcome.alone || f.sameAs > 0 {
			continue
		}
		f.outcome = formOutcome{}
		if f.row.IdempotencyKey != nil {
			keys = append(keys, *f.row.IdempotencyKey)
		}
	}
	// A group of one skips the look-up: should its key be taken, its
	// insert fails and it is submitted alone, which replays the earlier
	// receipt, at the cost of a lone submission today.
	earlier := map[string]Receipt{}
	if len(keys) > 0 && len(group) > 1 {
		if earlier, err = receiptsByKey(tx, c.ID, keys); err != nil {
			return err
		}
	}
	for i := range staged {
		f := &staged[i]
		if f.outcome.alone || f.sameAs > 0 {
			continue
		}
		if f.row.IdempotencyKey != nil {
			if r, ok := earlier[*f.row.IdempotencyKey]; ok {
				f.outcome.receipt = r
				continue
			}
		}
		f.stored = true
		rows = append(rows, f.row)
	}
	if len(rows) == 0 {
		return nil
	}
	ids, err := s.insertRows(tx, c.ID, rows)
	if err != nil {
		return err
	}
	var comments []Comment
	for i := range staged {
		if f := &staged[i]; f.stored {
			if f.row.ID = ids[f.row.Ref]; f.row.ID == 0 {
				return fmt.Errorf("response %s not found after its insert", f.row.Ref)
			}
			comments = append(comments, commentRows(st, f.row.ID, f.comment)...)
		}
	}
	if len(comments) > 0 {
		if err := tx.CreateInBatches(comments, s.db.RowsPerInsert(3)).Error; err != nil {
			return err
		}
	}
	for i, p := range group {
		if f := &staged[i]; f.stored && p.sub.InTx != nil {
			if err := p.sub.InTx(tx, f.row.ID); err != nil {
				return err
			}
		}
	}
	if err := s.audit.AppendAll(tx, auditEntries(st, group, staged)); err != nil {
		return err
	}
	for i := range staged {
		if f := &staged[i]; f.stored {
			f.outcome.receipt = Receipt{Ref: f.row.Ref, SubmittedAt: f.row.SubmittedAt}
		}
	}
	return nil
}

// receiptsByKey finds the stored responses of a campaign with the given
// idempotency keys, as receipts of replays.
func receiptsByKey(tx *gorm.DB, campaignID int64, keys []string) (map[string]Receipt, error) {
	out := map[string]Receipt{}
	if len(keys) == 0 {
		return out, nil
	}
	var found []Response
	err := tx.Select("ref, submitted_at, idempotency_key").
		Where("campaign_id = ? AND idempotency_key IN ?", campaignID, keys).Find(&found).Error
	for _, r := range found {
		out[*r.IdempotencyKey] = Receipt{Ref: r.Ref, SubmittedAt: r.SubmittedAt, Replayed: true}
	}
	return out, err
}

// insertRows inserts responses several to a statement and returns their
// ids by ref, read back rather than trusting that a multi-row insert got
// consecutive ids, which MySQL does not promise in every lock mode.
func (s *Store) insertRows(tx *gorm.DB, campaignID int64, rows []Response) (map[string]int64, error) {
	if err := tx.CreateInBatches(rows, s.db.RowsPerInsert(len(responsesInto.Columns))).Error; err != nil {
		return nil, err
	}
	if len(rows) == 1 { // a single row's id is the insert's own
		return map[string]int64{rows[0].Ref: rows[0].ID}, nil
	}
	refs := make([]string, len(rows))
	for i, r := range rows {
		refs[i] = r.Ref
	}
	var stored []Response
	err := tx.Select("id, ref").Where("campaign_id = ? AND ref IN ?", campaignID, refs).Find(&stored).Error
	ids := make(map[string]int64, len(stored))
	for _, r := range stored {
		ids[r.Ref] = r.ID
	}
	return ids, err
}

// auditEntries are the audit records of a group's staff submissions, in
// the group's order.
func auditEntries(st *survey.Structure, group []*pendingForm, staged []stagedForm) []audit.Entry {
	var out []audit.Entry
	for i, p := range group {
		if staged[i].stored && p.sub.Submitter != nil {
			out = append(out, submitterEntry(st, staged[i].row, *p.sub.Submitter))
		}
	}
	return out
}
