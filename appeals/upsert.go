package appeals

import (
	"context"

	"gorm.io/gorm"

	"pingyi/storage"
)

// importColumnList is what an import writes, in the order of values.
var importColumnList = []string{"source", "source_no", "channel", "kind", "complexity", "content", "status",
	"received_at", "received_month", "unit", "assigned_at", "accept_by", "accepted_at", "deadline",
	"deadline_provisional", "extension", "extension_to", "extension_at", "first_replied_at", "first_resolved",
	"replied_at", "resolved", "review_until", "callback", "callback_at", "unknown_stages",
	"received_us", "assigned_us", "response_den_us", "response_num_us", "on_time_den_us", "on_time_num_us",
	"resolution_den_us", "resolution_num_us", "callback_us", "callback_score", "prev_callback_us",
	"prev_callback_score", "settled_den_us", "settled_num_us", "created_at", "updated_at",
	"final_us", "pattern"}

// values appends c's values in importColumnList's order.
func (c *importedCase) values(dst []any) []any {
	m := &c.Marks
	return append(dst, c.Source, c.SourceNo, c.Channel, c.Kind, c.Complexity, c.Content, c.Status,
		c.ReceivedAt, c.ReceivedMonth, c.Unit, c.AssignedAt, c.AcceptBy, c.AcceptedAt, c.Deadline,
		c.DeadlineProvisional, c.Extension, c.ExtensionTo, c.ExtensionAt, c.FirstRepliedAt, c.FirstResolved,
		c.RepliedAt, c.Resolved, c.ReviewUntil, c.Callback, c.CallbackAt, c.UnknownStages,
		m.ReceivedUs, m.AssignedUs, m.ResponseDenUs, m.ResponseNumUs, m.OnTimeDenUs, m.OnTimeNumUs,
		m.ResolutionDenUs, m.ResolutionNumUs, m.CallbackUs, m.CallbackScore, m.PrevCallbackUs,
		m.PrevCallbackScore, m.SettledDenUs, m.SettledNumUs, c.CreatedAt, c.UpdatedAt,
		m.FinalUs, m.Pattern)
}

// newUpserter returns the writer of imported cases: a new (source, number)
// is inserted, a held one updated.
func newUpserter(ctx context.Context, tx *gorm.DB, db *storage.DB) (*storage.Upserter, error) {
	return db.NewUpserter(ctx, tx, storage.UpsertInto{Table: "appeal_cases", Columns: importColumnList,
		Key: []string{"source", "source_no"}, Update: updatedOnReimport, Touched: "updated_at", ID: "id"})
}
