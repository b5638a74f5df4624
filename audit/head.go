package audit

import "gorm.io/gorm"

// HeadTx returns the log's length and newest hash as tx sees them; a
// publication records them, so that a log later found shorter is known to
// be broken.
func (l *Log) HeadTx(tx *gorm.DB) (length int64, hash string, err error) {
	var h head
	err = tx.Where("id = 1").Take(&h).Error
	return h.Seq, h.Hash, err
}
