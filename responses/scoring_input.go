package responses

import (
	"context"
	"database/sql"
	"fmt"
	"iter"

	"gorm.io/gorm"

	"pingyi/scoring"
	"pingyi/survey"
)

// CountedResponses streams the responses a score run counts: all of the
// campaign's, less those the committee excluded (an exclusion counts until
// it is revoked). When excluded is not nil, it ends up holding how many
// were left out. It is one query, so the run and its count of exclusions
// see one consistent moment of the data even while new responses arrive.
// The answers are passed on as stored, in Response.Packed (scoring reads
// that form directly; only answers in another form are decoded), from
// buffers reused from row to row, which is what keeps a 14 M-rating
// campaign within tens of megabytes.
func (s *Store) CountedResponses(ctx context.Context, st *survey.Structure, excluded *int) iter.Seq2[scoring.Response, error] {
	return countedResponses(s.db.WithContext(ctx), st, excluded, isExcluded)
}

// CountedResponsesTx is CountedResponses inside the caller's transaction,
// which sees the data as the transaction does.
func (s *Store) CountedResponsesTx(tx *gorm.DB, st *survey.Structure) iter.Seq2[scoring.Response, error] {
	return countedResponses(tx, st, nil, isExcluded)
}

// isExcluded is true for a response r the committee has excluded; an
// excluded response's answers are not even read.
const isExcluded = `EXISTS (SELECT 1 FROM exclusions e WHERE e.response_id = r.id AND e.revoked_at IS NULL)`

// notExcluded is the condition on a response r that makes it count.
const notExcluded = `NOT ` + isExcluded

// countedResponses streams the responses for which the condition wasExcluded
// (on a response r, with args) is false.
func countedResponses(q *gorm.DB, st *survey.Structure, excluded *int, wasExcluded string, args ...any) iter.Seq2[scoring.Response, error] {
	return func(yield func(scoring.Response, error) bool) {
		groupOf := st.GroupPositions()
		rows, err := q.Raw(`SELECT r.ref, r.group_id, r.stratum, r.weight,
			CASE WHEN `+wasExcluded+` THEN NULL ELSE r.answers END
			FROM responses r WHERE r.campaign_id = ?`, append(args, st.Campaign.ID)...).Rows()
		if err != nil {
			yield(scoring.Response{}, err)
			return
		}
		defer rows.Close()
		var (
			resp    scoring.Response
			groupID int64
			answers sql.RawBytes // valid until the next row: yield must copy it
			decoded []Rating
			ratings []scoring.Rating
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
			if packed, ok := packedBlocks(answers, len(st.Indicators)); ok {
				resp.Ratings, resp.Packed = nil, packed
				if !yield(resp, nil) {
					return
				}
				continue
			}
			resp.Packed = nil
			if decoded, err = DecodeAnswers(answers, decoded); err != nil {
				yield(scoring.Response{}, fmt.Errorf("response %s: %w", resp.Ref, err))
				return
			}
			ratings = ratings[:0]
			for _, r := range decoded {
				ratings = append(ratings, scoring.Rating{Unit: r.Unit, Indicator: r.Indicator, Option: r.Option})
			}
			resp.Ratings = ratings
			if !yield(resp, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(scoring.Response{}, err)
		}
	}
}
