package responses

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"pingyi/fault"
	"pingyi/scoring"
	"pingyi/storage"
	"pingyi/survey"
)

// NewResponse is a response ready to be stored, its parts named by their
// positions in the campaign's structure.
type NewResponse struct {
	Ref            string
	Group          int
	Stratum        string
	Weight         float64
	Channel        Channel
	SubmittedAt    time.Time
	StartedAt      *time.Time
	IdempotencyKey *string
	IPHash         *string
	DeviceHash     *string
	SubmittedBy    *string
	Ratings        []Rating
	Comments       map[int]string // unit position → 意见建议
}

// insertBatch is how many responses an import unpacks at a time.
const insertBatch = 500

// responsesInto is how responses are written: only inserted, a ref or an
// idempotency key already stored refusing the write.
var responsesInto = storage.UpsertInto{Table: "responses", Columns: []string{"campaign_id", "ref", "group_id",
	"stratum", "weight", "channel", "submitted_at", "started_at", "idempotency_key", "ip_hash", "device_hash",
	"answers", "submitted_by"},
	MaxBatch: 1000} // a response of 82 units × 4 indicators takes some 800 bytes

// InsertResponses stores many responses of one campaign in one transaction:
// all or none. It serves bulk paths (paper imports, the demo); a refused
// response names its ref.
func (s *Store) InsertResponses(ctx context.Context, st *survey.Structure, rs []NewResponse) error {
	return s.db.Tx(ctx, func(tx *gorm.DB) error { return s.InsertResponsesTx(tx, st, rs) })
}

// InsertResponsesTx is InsertResponses inside the caller's transaction,
// which must come from storage.DB.Tx.
func (s *Store) InsertResponsesTx(tx *gorm.DB, st *survey.Structure, rs []NewResponse) error {
	if err := acceptsImports(st.Campaign); err != nil {
		return err
	}
	return s.insertResponses(tx, st, slices.Chunk(rs, insertBatch))
}

// insertResponses stores the responses that chunks give, in tx. They are
// checked and encoded on a goroutine of their own, a batch ahead of the
// writing: on two cores the encoding and the database's work overlap. Two
// batches go back and forth between the two, so that memory stays at two
// batches' worth however many responses there are.
func (s *Store) insertResponses(tx *gorm.DB, st *survey.Structure, chunks iter.Seq[[]NewResponse]) error {
	ctx := tx.Statement.Context
	up, err := s.db.NewUpserter(ctx, tx, responsesInto)
	if err != nil {
		return err
	}
	defer up.Close()
	filled, free := make(chan *storage.Batch, 1), make(chan *storage.Batch, 2)
	free <- up.NewBatch()
	free <- up.NewBatch()
	stop := make(chan struct{})
	var commented []NewResponse
	var encodeErr error
	go func() {
		defer close(filled)
		commented, encodeErr = encodeResponses(st, chunks, free, filled, stop)
	}()
	var writeErr error
	for b := range filled {
		if writeErr == nil {
			if writeErr = up.Write(ctx, b); writeErr != nil {
				close(stop)
			}
		}
		b.Reset()
		free <- b // never blocks: there are two batches and room for both
	}
	switch {
	case storage.IsDuplicate(writeErr):
		return fault.Conflictf("a response with one of these refs is already stored in campaign %q", st.Campaign.Code)
	case writeErr != nil:
		return writeErr
	case encodeErr != nil:
		return encodeErr
	}
	return s.insertComments(tx, st, commented)
}

// encodeResponses checks and encodes the responses of chunks into the
// batches it takes from free, sends each full one (and the last) to
// filled, and returns the responses that carry comments. It stops when
// stop is closed.
func encodeResponses(st *survey.Structure, chunks iter.Seq[[]NewResponse], free <-chan *storage.Batch,
	filled chan<- *storage.Batch, stop <-chan struct{}) (commented []NewResponse, err error) {
	b := <-free
	send := func() bool {
		select {
		case filled <- b:
		case <-stop:
			return false
		}
		select {
		case b = <-free:
			return true
		case <-stop:
			return false
		}
	}
	values := make([]any, len(responsesInto.Columns))
	for chunk := range chunks {
		for _, r := range chunk {
			row, err := toRow(st, r)
			if err != nil {
				return nil, err
			}
			if len(r.Comments) > 0 {
				commented = append(commented, r)
			}
			values = append(values[:0], row.CampaignID, row.Ref, row.GroupID, row.Stratum, row.Weight, string(row.Channel),
				row.SubmittedAt, row.StartedAt, row.IdempotencyKey, row.IPHash, row.DeviceHash, row.Answers, row.SubmittedBy)
			full, err := b.Add(values)
			if err != nil {
				return nil, err
			}
			if full && !send() {
				return nil, nil // the writer has its own error
			}
		}
	}
	if b.Len() > 0 && !send() {
		return nil, nil
	}
	return commented, nil
}

// toRow checks a response against the structure and encodes its answers.
func toRow(st *survey.Structure, r NewResponse) (Response, error) {
	switch {
	case strings.TrimSpace(r.Ref) == "" || len(r.Ref) > 64:
		return Response{}, fault.Invalidf("response ref %q must be 1 to 64 characters", r.Ref)
	case r.Group < 0 || r.Group >= len(st.Groups):
		return Response{}, fault.Invalidf("response %s: unknown group", r.Ref)
	case !scoring.ValidDesignWeight(r.Weight):
		return Response{}, fault.Invalidf("response %s: the weight must be a number from %g to %g", r.Ref, scoring.MinDesignWeight, scoring.MaxDesignWeight)
	case len(r.Stratum) > 64:
		return Response{}, fault.Invalidf("response %s: stratum is longer than 64 characters", r.Ref)
	}
	for _, rt := range r.Ratings {
		if rt.Unit < 0 || rt.Unit >= len(st.Units) || rt.Option < 0 || rt.Option >= len(st.Scale) {
			return Response{}, fault.Invalidf("response %s: rating %v is outside the campaign", r.Ref, rt)
		}
	}
	answers, err := EncodeAnswers(r.Ratings, len(st.Indicators))
	if err != nil {
		return Response{}, fault.Invalidf("response %s: %s", r.Ref, err.Error())
	}
	return Response{CampaignID: st.Campaign.ID, Ref: r.Ref, GroupID: st.Groups[r.Group].ID, Stratum: r.Stratum,
		Weight: r.Weight, Channel: r.Channel, SubmittedAt: r.SubmittedAt.UTC().Truncate(time.Microsecond),
		StartedAt: r.StartedAt, IdempotencyKey: r.IdempotencyKey, IPHash: r.IPHash, DeviceHash: r.DeviceHash, SubmittedBy: r.SubmittedBy, Answers: answers}, nil
}

// commentRows are a response's comments as stored; blank ones are not.
func commentRows(st *survey.Structure, responseID int64, comments map[int]string) []Comment {
	rows := make([]Comment, 0, len(comments))
	for unit, body := range comments {
		if body = strings.TrimSpace(body); body != "" {
			rows = append(rows, Comment{ResponseID: responseID, UnitID: st.Units[unit].ID, Body: body})
		}
	}
	return rows
}

// insertComments stores comments after their responses, finding the
// responses' ids by ref rather than trusting that a multi-row insert got
// consecutive ids, which MySQL does not promise in every lock mode.
func (s *Store) insertComments(tx *gorm.DB, st *survey.Structure, rs []NewResponse) error {
	for start := 0; start < len(rs); start += insertBatch {
		batch := rs[start:min(start+insertBatch, len(rs))]
		refs := make([]string, len(batch))
		for i, r := range batch {
			refs[i] = r.Ref
		}
		var ids []struct {
			ID  int64
			Ref string
		}
		if err := tx.Model(&Response{}).Select("id, ref").Where("campaign_id = ? AND ref IN ?", st.Campaign.ID, refs).Find(&ids).Error; err != nil {
			return err
		}
		idOf := map[string]int64{}
		for _, x := range ids {
			idOf[x.Ref] = x.ID
		}
		var rows []Comment
		for _, r := range batch {
			for unit := range r.Comments {
				if unit < 0 || unit >= len(st.Units) {
					return fault.Invalidf("response %s: comment on a unit outside the campaign", r.Ref)
				}
			}
			rows = append(rows, commentRows(st, idOf[r.Ref], r.Comments)...)
		}
		if len(rows) > 0 {
			if err := tx.CreateInBatches(rows, s.db.RowsPerInsert(3)).Error; err != nil {
				return fmt.Errorf("store comments: %w", err)
			}
		}
	}
	return nil
}
