package audit

import (
	"context"
	"fmt"
)

// Break names the first entry where the chain does not hold.
type Break struct {
	Seq    int64
	Reason string
}

func (b *Break) Error() string { return fmt.Sprintf("audit entry %d: %s", b.Seq, b.Reason) }

// Verify walks the whole chain in order and returns the number of entries
// checked and the first break, or nil when the chain is intact.
func (l *Log) Verify(ctx context.Context) (int64, *Break, error) {
	// The head is read first and bounds the walk, so entries appended while
	// we verify are neither missed as a break nor half-read.
	var h head
	if err := l.db.WithContext(ctx).Where("id = 1").Take(&h).Error; err != nil {
		return 0, nil, fmt.Errorf("audit head: %w", err)
	}
	rows, err := l.db.WithContext(ctx).Model(&Record{}).Where("seq <= ?", h.Seq).Order("seq").Rows()
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	prev := Record{Hash: zeroHash}
	var n int64
	for rows.Next() {
		var r Record
		if err := l.db.Gorm.ScanRows(rows, &r); err != nil {
			return n, nil, err
		}
		n++
		switch {
		case r.Seq != prev.Seq+1:
			return n, &Break{Seq: prev.Seq + 1, Reason: fmt.Sprintf("missing: the entry after %d is %d", prev.Seq, r.Seq)}, nil
		case r.PrevHash != prev.Hash:
			return n, &Break{Seq: r.Seq, Reason: "does not link to the entry before it"}, nil
		case l.hash(r) != r.Hash:
			return n, &Break{Seq: r.Seq, Reason: "content was changed after it was written"}, nil
		}
		prev = r
	}
	if err := rows.Err(); err != nil {
		return n, nil, err
	}
	if h.Seq != prev.Seq || h.Hash != prev.Hash {
		return n, &Break{Seq: prev.Seq + 1, Reason: fmt.Sprintf("the log ends at %d but %d entries were written", prev.Seq, h.Seq)}, nil
	}
	return n, nil, nil
}

const zeroHash = "0000000000000000000000000000000000000000000000000000000000000000"
