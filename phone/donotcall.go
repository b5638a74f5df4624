package phone

import (
	"context"
	"errors"
	"fmt"
	"io"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/sampling"
	"pingyi/tabular"
)

// DoNotCallImport says what importing a do-not-call list did.
type DoNotCallImport struct {
	Rows    int             `json:"rows"`
	Added   int             `json:"added"`
	Known   int             `json:"already_listed"`
	Invalid int             `json:"invalid"`
	Skipped []fault.Problem `json:"-"`
}

// ImportDoNotCall adds the numbers of a file (one column of numbers, named
// like a frame's phone column) to the do-not-call list, which holds only
// their keyed hashes. Frames skip these numbers from then on, and a draw
// planned later excludes them even when they were imported before.
func (s *Store) ImportDoNotCall(ctx context.Context, src io.Reader, format tabular.Format, actor audit.Actor) (DoNotCallImport, error) {
	r, err := tabular.Open(src, format)
	if err != nil {
		return DoNotCallImport{}, err
	}
	defer r.Close()
	col := r.Columns(map[string][]string{"phone": frameColumns["phone"]})["phone"]
	if col == "" {
		return DoNotCallImport{}, fault.WithProblems([]fault.Problem{fault.P("header", "the file needs a %q column (or one of %v)", "phone", frameColumns["phone"])},
			"the do-not-call list cannot be read")
	}
	var res DoNotCallImport
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		batch := make([]doNotCall, 0, importBatch)
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			n := tx.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(&batch, s.insertBatch(3))
			if n.Error != nil {
				return n.Error
			}
			res.Added += int(n.RowsAffected)
			res.Known += len(batch) - int(n.RowsAffected)
			batch = batch[:0]
			return nil
		}
		for {
			row, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return err
			}
			res.Rows++
			p, err := sampling.NormalizePhone(row.Get(col))
			if err != nil {
				res.Invalid++
				if len(res.Skipped) < maxListed {
					res.Skipped = append(res.Skipped, fault.Problem{Path: fmt.Sprintf("line %d, column %s", row.Line, col), Reason: phoneReason(err)})
				}
				continue
			}
			// Repeats, within the file or of numbers listed before, are
			// left to the primary key and counted as already listed.
			batch = append(batch, doNotCall{MatchHash: s.matchHash(p), AddedBy: actor.Login, AddedAt: s.db.Now()})
			if len(batch) == importBatch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := flush(); err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "phone.donotcall.import", Object: "phone:do-not-call",
			Detail: map[string]int{"rows": res.Rows, "added": res.Added, "already_listed": res.Known, "invalid": res.Invalid}})
	})
	return res, err
}

// doNotCallAmong returns which of the entries' numbers are on the list.
func doNotCallAmong(tx *gorm.DB, batch []entry) (map[string]bool, error) {
	out := map[string]bool{}
	if len(batch) == 0 {
		return out, nil
	}
	hashes := make([]string, len(batch))
	for i, e := range batch {
		hashes[i] = e.MatchHash
	}
	var found []string
	err := tx.Model(&doNotCall{}).Where("match_hash IN ?", hashes).Pluck("match_hash", &found).Error
	for _, h := range found {
		out[h] = true
	}
	return out, err
}
