package phone

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/survey"
)

// Released is what releasing replicates did, per stratum.
type Released struct {
	Strata int            `json:"strata"`
	Cases  int            `json:"cases"`
	By     map[string]int `json:"by_stratum"`
}

// Release hands the next replicate of each listed stratum (all strata when
// none is listed) to the call queue. A stratum that has its completes, or
// no replicate left, is passed over. Because the released cases of a
// stratum are always a prefix of its priority order, they stay a simple
// random sample (sampling.Replicates), and the design weight of its
// respondents becomes N_h / n_h with the new n_h: the weights of the
// stratum's stored phone responses are updated in the same transaction.
func (s *Store) Release(ctx context.Context, code string, strata []string, actor audit.Actor) (Released, error) {
	c, err := s.campaign(ctx, code)
	if err != nil {
		return Released{}, err
	}
	if c.Status != survey.Open {
		return Released{}, fault.Conflictf("cases can be released only while campaign %q is open", code)
	}
	out := Released{By: map[string]int{}}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		d, err := s.drawOf(tx, c)
		if err != nil {
			return err
		}
		if d.Status != Executed {
			return fault.Conflictf("the draw has not been executed yet")
		}
		var rows []Stratum
		if err := s.forUpdate(tx.Where("draw_id = ?", d.ID)).Order("stratum").Find(&rows).Error; err != nil {
			return err
		}
		if err := checkStrata(rows, strata); err != nil {
			return err
		}
		now := s.db.Now()
		for _, st := range rows {
			if len(strata) > 0 && !slices.Contains(strata, st.Stratum) || st.Completes >= st.Quota ||
				st.ReleasedReplicates*st.BatchSize >= st.Drawn {
				continue
			}
			n, err := s.releaseNext(tx, d, st, now)
			if err != nil {
				return err
			}
			out.By[st.Stratum] = n
			out.Strata++
			out.Cases += n
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "phone.draw.release", Object: "campaign:" + code,
			Detail: map[string]any{"draw": d.ID, "strata": out.Strata, "cases": out.Cases, "asked_for": strata}})
	})
	return out, err
}

func checkStrata(rows []Stratum, asked []string) error {
	var problems []fault.Problem
	for _, a := range asked {
		if !slices.ContainsFunc(rows, func(st Stratum) bool { return st.Stratum == a }) {
			problems = append(problems, fault.P("strata", "unit %q has no cases in this draw", a))
		}
	}
	if len(problems) > 0 {
		return fault.WithProblems(problems, "the release names %d units without cases", len(problems))
	}
	return nil
}

// releaseNext opens one stratum's next replicate and reweights the
// stratum's stored responses.
func (s *Store) releaseNext(tx *gorm.DB, d Draw, st Stratum, now time.Time) (int, error) {
	next := st.ReleasedReplicates + 1
	res := tx.Model(&phoneCase{}).Where("draw_id = ? AND stratum = ? AND replicate = ? AND status = ?", d.ID, st.Stratum, next, Pending).
		Updates(map[string]any{"status": Open, "released_at": now, "queue_at": now})
	if res.Error != nil {
		return 0, res.Error
	}
	st.Released += int(res.RowsAffected)
	st.ReleasedReplicates = next
	if err := tx.Model(&Stratum{}).Where("draw_id = ? AND stratum = ?", d.ID, st.Stratum).
		Updates(map[string]any{"released": st.Released, "released_replicates": next}).Error; err != nil {
		return 0, err
	}
	var responseIDs []int64
	if err := tx.Model(&phoneCase{}).Where("draw_id = ? AND stratum = ? AND response_id IS NOT NULL", d.ID, st.Stratum).
		Pluck("response_id", &responseIDs).Error; err != nil {
		return 0, err
	}
	if len(responseIDs) > 0 {
		if err := responses.SetWeights(tx, responseIDs, st.Weight()); err != nil {
			return 0, err
		}
	}
	return int(res.RowsAffected), nil
}
