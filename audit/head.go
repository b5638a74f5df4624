package audit

import (
	"context"

	"gorm.io/gorm"
)

// HeadTx returns the log's length and newest hash as tx sees them; a
// publication records them, so that a log later found shorter is known to
// be broken.
func (l *Log) HeadTx(tx *gorm.DB) (length int64, hash string, err error) {
	var h head
	err = tx.Where("id = 1").Take(&h).Error
	return h.Seq, h.Hash, err
}

// HashAt returns the hash of entry seq, or "" when there is no such entry.
func (l *Log) HashAt(ctx context.Context, seq int64) (string, error) {
	var hashes []string
	err := l.db.WithContext(ctx).Model(&Record{}).Where("seq = ?", seq).Pluck("hash", &hashes).Error
	if err != nil || len(hashes) == 0 {
		return "", err
	}
	return hashes[0], nil
}
