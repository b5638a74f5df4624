package appeals

import (
	"context"
	"database/sql"
	"strings"

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

// upserter writes imported cases a batch at a time with one prepared
// statement, so a million rows are parsed by the database once, not a
// thousand times.
type upserter struct {
	tx   *gorm.DB
	db   *storage.DB
	rows int // rows per full batch
	full *sql.Stmt
	args []any
}

func newUpserter(ctx context.Context, tx *gorm.DB, db *storage.DB) (*upserter, error) {
	// Half of what one INSERT may carry: about 500 parameters on SQLite,
	// whose driver binds them in quadratic time (measured: binding was a
	// quarter of an import at 1,000).
	u := &upserter{tx: tx, db: db, rows: max(1, db.RowsPerInsert(2*len(importColumnList)))}
	if sqlTx, ok := tx.Statement.ConnPool.(*sql.Tx); ok {
		stmt, err := sqlTx.PrepareContext(ctx, u.statement(u.rows))
		if err != nil {
			return nil, err
		}
		u.full = stmt
	}
	return u, nil
}

func (u *upserter) close() {
	if u.full != nil {
		u.full.Close()
	}
}

// write upserts a batch of at most u.rows cases.
func (u *upserter) write(ctx context.Context, batch []importedCase) error {
	u.args = u.args[:0]
	for i := range batch {
		u.args = batch[i].values(u.args)
	}
	if len(batch) == u.rows && u.full != nil {
		_, err := u.full.ExecContext(ctx, u.args...)
		return err
	}
	return u.tx.Exec(u.statement(len(batch)), u.args...).Error
}

// statement is an INSERT of n rows that updates the cases already held.
func (u *upserter) statement(n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO appeal_cases (")
	b.WriteString(strings.Join(importColumnList, ", "))
	b.WriteString(") VALUES ")
	row := "(" + strings.Repeat("?, ", len(importColumnList)-1) + "?)"
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	b.WriteString(u.db.OnConflictUpdate([]string{"source", "source_no"}, updatedOnReimport))
	return b.String()
}
