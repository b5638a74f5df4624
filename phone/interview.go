package phone

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/sampling"
	"pingyi/storage"
)

// Interview is the questionnaire an operator fills in during the call: the
// one unit of the case rated on the campaign's indicators.
type Interview struct {
	// Answers maps an indicator code to an option code or label; an
	// indicator left out was not asked or not answered.
	Answers map[string]string `json:"answers"`
	Comment string            `json:"comment"`
	// Partial marks an interview broken off after some answers (AAPOR
	// 1.2); it is stored but does not count towards the unit's quota.
	Partial bool `json:"partial"`
}

// Interview stores the interview of the case the operator holds through
// responses.Submit, the one submission path: channel phone, the campaign's
// phone group, the case's stratum and its design weight. Inside the same
// transaction the case closes as complete (1.1) or partial (1.2), the
// attempt is recorded, and a unit that reaches its quota has its waiting
// cases closed as quota filled. Sending it twice stores it once.
func (s *Store) Interview(ctx context.Context, code string, op audit.Actor, caseID int64, in Interview) (responses.Receipt, error) {
	operatorID := op.ID
	c, err := s.campaign(ctx, code)
	if err != nil {
		return responses.Receipt{}, err
	}
	set, err := s.settingsOf(s.db.WithContext(ctx), c.ID)
	if err != nil {
		return responses.Receipt{}, err
	}
	var pc phoneCase
	err = s.db.WithContext(ctx).Where("id = ? AND campaign_id = ?", caseID, c.ID).Take(&pc).Error
	if storage.IsNotFound(err) {
		return responses.Receipt{}, fault.NotFoundf("no case %d in campaign %q", caseID, code)
	}
	if err != nil {
		return responses.Receipt{}, err
	}
	disp := codeComplete
	if in.Partial {
		disp = codePartial
	}
	d, _ := sampling.LookupDisposition(disp)
	sub := responses.Submission{Group: set.Group, Channel: responses.Phone, Stratum: pc.Stratum, Case: pc.ID,
		IdempotencyKey: fmt.Sprintf("phone-case-%d", pc.ID), Comments: map[string]string{}}
	if comment := strings.TrimSpace(in.Comment); comment != "" {
		sub.Comments[pc.Unit] = comment
	}
	indicators := make([]string, 0, len(in.Answers))
	for ind := range in.Answers {
		indicators = append(indicators, ind)
	}
	sort.Strings(indicators) // problems come back in a stable order
	for _, ind := range indicators {
		if opt := strings.TrimSpace(in.Answers[ind]); opt != "" {
			sub.Answers = append(sub.Answers, responses.Answer{Unit: pc.Unit, Indicator: ind, Option: opt})
		}
	}
	sub.InTx = func(tx *gorm.DB, responseID int64) error {
		held, st, err := s.heldCase(tx, c, operatorID, caseID, true)
		if err != nil {
			return err
		}
		// The weight is read under the stratum's lock, which a release
		// takes too: a release that commits first is reflected here, one
		// that commits later updates this response with the others.
		if err := responses.SetWeights(tx, []int64{responseID}, st.Weight()); err != nil {
			return err
		}
		now := s.db.Now()
		if _, err := s.attempt(tx, held, st, d, nil, set, operatorID, now); err != nil {
			return err
		}
		if err := tx.Model(&phoneCase{}).Where("id = ?", held.ID).Update("response_id", responseID).Error; err != nil {
			return err
		}
		if in.Partial {
			return nil
		}
		st.Completes++
		if err := tx.Model(&Stratum{}).Where("draw_id = ? AND stratum = ?", st.DrawID, st.Stratum).Update("completes", st.Completes).Error; err != nil {
			return err
		}
		if st.Completes >= st.Quota {
			return fillQuota(tx, st, now)
		}
		return nil
	}
	// Submit's transaction is run again after a deadlock; the idempotency
	// key makes a submission that did commit come back as it was.
	return s.responses.Submit(ctx, code, sub)
}

// fillQuota closes the open cases of a unit that has its completes as quota
// filled (AAPOR 4.80), except those an operator holds right now: their
// call may already be under way, and they close when it is recorded.
func fillQuota(tx *gorm.DB, st Stratum, now time.Time) error {
	return tx.Model(&phoneCase{}).
		Where("draw_id = ? AND stratum = ? AND status = ? AND (lease_owner IS NULL OR lease_expires_at < ?)", st.DrawID, st.Stratum, Open, now).
		Updates(map[string]any{"status": Closed, "disposition": codeQuotaFilled, "closed_at": now,
			"lease_owner": nil, "lease_expires_at": nil, "leased_at": nil, "appointment_at": nil}).Error
}
