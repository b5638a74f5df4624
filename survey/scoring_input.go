package survey

import (
	"context"
	"fmt"
	"iter"

	"gorm.io/gorm"

	"pingyi/scoring"
)

// ScoringConfig is what the scoring package needs to know of a campaign:
// its structure with the weights resolved (AHP included) and each group's
// min_sample.
func (st *Structure) ScoringConfig() scoring.Config {
	c := st.Campaign
	cfg := scoring.Config{Bootstrap: c.Bootstrap, Seed: uint64(c.Seed), TieDecimals: c.TieDecimals}
	for _, u := range st.Units {
		cfg.Units = append(cfg.Units, scoring.Unit{Code: u.Code, Category: st.CategoryOf(u).Code})
	}
	main := 0
	for _, ind := range st.Indicators {
		x := scoring.Indicator{Code: ind.Code, Auxiliary: ind.Auxiliary}
		if !ind.Auxiliary {
			x.Weight = st.MainWeights[main]
			main++
		}
		cfg.Indicators = append(cfg.Indicators, x)
	}
	for _, o := range st.Scale {
		x := scoring.Option{Code: o.Code, Satisfied: o.Satisfied, Excluded: o.Excluded}
		if o.Score != nil {
			x.Score = *o.Score
		}
		cfg.Options = append(cfg.Options, x)
	}
	for _, g := range st.Groups {
		cfg.Groups = append(cfg.Groups, scoring.Group{Code: g.Code, Weight: g.Weight, MinSample: st.MinSampleOf(g)})
	}
	return cfg
}

// MinSampleOf is the number of responses a group needs for a unit before
// its score counts: the group's own min_sample, or the campaign's.
func (st *Structure) MinSampleOf(g Group) int {
	if g.MinSample != nil {
		return *g.MinSample
	}
	return st.Campaign.MinSample
}

// Shares are the main indicators' and the groups' weights normalised to
// sum to 1, by code: what the index is made of.
func (st *Structure) Shares() (indicators, groups map[string]float64) {
	indicators, groups = map[string]float64{}, map[string]float64{}
	sum := 0.0
	for _, w := range st.MainWeights {
		sum += w
	}
	i := 0
	for _, ind := range st.Indicators {
		if !ind.Auxiliary {
			indicators[ind.Code] = st.MainWeights[i] / sum
			i++
		}
	}
	gsum := 0.0
	for _, g := range st.Groups {
		gsum += g.Weight
	}
	for _, g := range st.Groups {
		groups[g.Code] = g.Weight / gsum
	}
	return indicators, groups
}

// CountedResponses streams the responses a score run counts: all of the
// campaign's, less those the committee excluded (an exclusion counts until
// it is revoked). When excluded is not nil, it ends up holding how many
// were left out. It is one query, so the run and its count of exclusions
// see one consistent moment of the data even while new responses arrive;
// the answers are decoded into buffers reused from row to row, which is
// what keeps a 14 M-rating campaign within tens of megabytes.
func (s *Store) CountedResponses(ctx context.Context, st *Structure, excluded *int) iter.Seq2[scoring.Response, error] {
	return countedResponses(s.db.WithContext(ctx), st, excluded)
}

// CountedResponsesTx is CountedResponses inside the caller's transaction,
// which sees the data as the transaction does.
func (s *Store) CountedResponsesTx(tx *gorm.DB, st *Structure) iter.Seq2[scoring.Response, error] {
	return countedResponses(tx, st, nil)
}

// isExcluded is true for a response r the committee has excluded; an
// excluded response's answers are not even read.
const isExcluded = `EXISTS (SELECT 1 FROM exclusions e WHERE e.response_id = r.id AND e.revoked_at IS NULL)`

// notExcluded is the condition on a response r that makes it count.
const notExcluded = `NOT ` + isExcluded

func countedResponses(q *gorm.DB, st *Structure, excluded *int) iter.Seq2[scoring.Response, error] {
	return func(yield func(scoring.Response, error) bool) {
		groupOf := st.groupPositions()
		rows, err := q.Raw(`SELECT r.ref, r.group_id, r.stratum, r.weight,
			CASE WHEN `+isExcluded+` THEN NULL ELSE r.answers END
			FROM responses r WHERE r.campaign_id = ?`, st.Campaign.ID).Rows()
		if err != nil {
			yield(scoring.Response{}, err)
			return
		}
		defer rows.Close()
		var (
			resp    scoring.Response
			groupID int64
			answers []byte
			decoded []Rating
		)
		for rows.Next() {
			if err := rows.Scan(&resp.Ref, &groupID, &resp.Stratum, &resp.Weight, &answers); err != nil {
				yield(scoring.Response{}, err)
				return
			}
			if answers == nil { // excluded: stored answers are never empty
				if excluded != nil {
					*excluded++
				}
				continue
			}
			g, ok := groupOf[groupID]
			if !ok {
				yield(scoring.Response{}, fmt.Errorf("response %s belongs to no group of the campaign", resp.Ref))
				return
			}
			resp.Group = g
			if decoded, err = DecodeAnswers(answers, decoded); err != nil {
				yield(scoring.Response{}, fmt.Errorf("response %s: %w", resp.Ref, err))
				return
			}
			resp.Ratings = resp.Ratings[:0]
			for _, r := range decoded {
				resp.Ratings = append(resp.Ratings, scoring.Rating{Unit: r.Unit, Indicator: r.Indicator, Option: r.Option})
			}
			if !yield(resp, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(scoring.Response{}, err)
		}
	}
}
