package responses

import (
	"context"
	"iter"
	"time"

	"pingyi/scoring"
	"pingyi/survey"
)

// excludedAt is true for a response r excluded at the moment given twice
// as arguments: excluded by then and not yet revoked.
const excludedAt = `EXISTS (SELECT 1 FROM exclusions e WHERE e.response_id = r.id AND e.created_at <= ? AND (e.revoked_at IS NULL OR e.revoked_at > ?))`

// CountedResponsesAt streams the responses that counted at moment at, as
// the exclusions decided and revoked since then say, from the responses
// stored now: a published version's input digest recomputed from them
// tells whether its responses were changed or deleted after publication.
func (s *Store) CountedResponsesAt(ctx context.Context, st *survey.Structure, at time.Time) iter.Seq2[scoring.Response, error] {
	return countedResponses(s.db.WithContext(ctx), st, nil, excludedAt, at, at)
}
