package storage

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// heldIDs finds, for a batch of rows, the ids of those whose key the table
// already holds, so that MySQL meets them by primary key (UpsertInto.ID).
type heldIDs struct {
	query   string // the ids and keys of the held rows among some keys
	columns int
	key     []int // the key's positions in a row
}

func newHeldIDs(table, id string, columns, key []string) *heldIDs {
	h := &heldIDs{columns: len(columns)}
	for _, k := range key {
		h.key = append(h.key, slices.Index(columns, k))
	}
	h.query = "SELECT " + id + ", " + strings.Join(key, ", ") + " FROM " + table +
		" WHERE (" + strings.Join(key, ", ") + ") IN (%s) FOR UPDATE"
	return h
}

// prefix returns the batch's values with each row's id in front: the held
// row's, or NULL for the table to give one. A key the look-up misses (one
// that MySQL's collation matches but its bytes do not) goes without an id
// and is still updated, by its unique key.
func (h *heldIDs) prefix(ctx context.Context, tx *gorm.DB, args []any, rows int) ([]any, error) {
	tuple := "(" + strings.Repeat("?, ", len(h.key)-1) + "?)"
	keyArgs := make([]any, 0, rows*len(h.key))
	for r := 0; r < rows; r++ {
		for _, k := range h.key {
			keyArgs = append(keyArgs, args[r*h.columns+k])
		}
	}
	found, err := tx.WithContext(ctx).Raw(fmt.Sprintf(h.query, strings.TrimSuffix(strings.Repeat(tuple+", ", rows), ", ")), keyArgs...).Rows()
	if err != nil {
		return nil, err
	}
	defer found.Close()
	ids := map[string]int64{}
	scanned := make([]any, 1+len(h.key))
	for found.Next() {
		var id int64
		keys := make([]string, len(h.key))
		scanned[0] = &id
		for i := range keys {
			scanned[1+i] = &keys[i]
		}
		if err := found.Scan(scanned...); err != nil {
			return nil, err
		}
		ids[strings.Join(keys, "\x00")] = id
	}
	if err := found.Err(); err != nil {
		return nil, err
	}
	out := make([]any, 0, rows*(h.columns+1))
	keys := make([]string, len(h.key))
	for r := 0; r < rows; r++ {
		row := args[r*h.columns : (r+1)*h.columns]
		for i, k := range h.key {
			keys[i] = fmt.Sprint(row[k])
		}
		if id, ok := ids[strings.Join(keys, "\x00")]; ok {
			out = append(out, id)
		} else {
			out = append(out, nil)
		}
		out = append(out, row...)
	}
	return out, nil
}
