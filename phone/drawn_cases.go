package phone

import (
	"gorm.io/gorm"

	"pingyi/responses"
)

// DrawnCasesTx tells an import of interviews (responses.DrawnCases) the
// stratum and current design weight of each named case of the campaign's
// draw, and whether it can take an interview.
func (s *Store) DrawnCasesTx(tx *gorm.DB, campaignID int64, ids []int64) (map[int64]responses.DrawnCase, error) {
	out := make(map[int64]responses.DrawnCase, len(ids))
	weights := map[[2]any]float64{}
	for start := 0; start < len(ids); start += 500 {
		var cases []phoneCase
		if err := s.forUpdate(tx.Select("id, draw_id, stratum, status, response_id").
			Where("campaign_id = ? AND id IN ?", campaignID, ids[start:min(start+500, len(ids))])).Find(&cases).Error; err != nil {
			return nil, err
		}
		for _, c := range cases {
			k := [2]any{c.DrawID, c.Stratum}
			w, ok := weights[k]
			if !ok {
				var st Stratum
				if err := tx.Where("draw_id = ? AND stratum = ?", c.DrawID, c.Stratum).Take(&st).Error; err != nil {
					return nil, err
				}
				w = st.Weight()
				weights[k] = w
			}
			out[c.ID] = responses.DrawnCase{Stratum: c.Stratum, Weight: w, Released: c.Status != Pending, Interviewed: c.ResponseID != nil}
		}
	}
	return out, nil
}

// BindCasesTx records each imported interview on its case: the case closes
// as complete (AAPOR 1.1) unless it was closed already, and counts towards
// its stratum's completes. Later releases keep the response's weight at
// N_h/n_h, as for an interview entered in the console.
func (s *Store) BindCasesTx(tx *gorm.DB, campaignID int64, responseOf map[int64]int64) error {
	now := s.db.Now()
	for caseID, responseID := range responseOf {
		var pc phoneCase
		if err := tx.Where("id = ? AND campaign_id = ?", caseID, campaignID).Take(&pc).Error; err != nil {
			return err
		}
		upd := map[string]any{"response_id": responseID}
		if pc.Status != Closed {
			upd["status"], upd["disposition"], upd["closed_at"] = Closed, codeComplete, now
			upd["lease_owner"], upd["lease_expires_at"], upd["leased_at"] = nil, nil, nil
		}
		if err := tx.Model(&phoneCase{}).Where("id = ? AND response_id IS NULL", caseID).Updates(upd).Error; err != nil {
			return err
		}
		if err := tx.Model(&Stratum{}).Where("draw_id = ? AND stratum = ?", pc.DrawID, pc.Stratum).
			Update("completes", gorm.Expr("completes + 1")).Error; err != nil {
			return err
		}
	}
	return nil
}
