package phone

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"pingyi/secret"
	"pingyi/storage"
)

// frameKey is a frame's data key, wrapped by the master key: the only form
// in which the database holds it.
type frameKey struct {
	FrameID   int64 `gorm:"primaryKey;autoIncrement:false"`
	Wrapped   []byte
	CreatedAt time.Time
}

func (frameKey) TableName() string { return "phone_frame_keys" }

// frameKeyLabel binds a data key to its frame: a value sealed for one
// frame opens for no other.
func frameKeyLabel(frameID int64) string { return fmt.Sprintf("phone-frame:%d", frameID) }

// sealingKey returns the frame's data key, made and stored wrapped if the
// frame has none yet. Call it under the frame's lock (lockFrame).
func (s *Store) sealingKey(tx *gorm.DB, frameID int64) (*secret.DataKey, error) {
	dk, err := s.openingKey(tx, frameID)
	if dk != nil || err != nil {
		return dk, err
	}
	dk, wrapped := s.keys.NewDataKey(frameKeyLabel(frameID))
	return dk, tx.Create(&frameKey{FrameID: frameID, Wrapped: wrapped, CreatedAt: s.db.Now()}).Error
}

// openingKey returns the frame's data key, or nil when it has none: its
// contacts were sealed before frames had keys, or have been erased.
func (s *Store) openingKey(tx *gorm.DB, frameID int64) (*secret.DataKey, error) {
	var k frameKey
	err := tx.Where("frame_id = ?", frameID).Take(&k).Error
	if storage.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return s.keys.OpenDataKey(frameKeyLabel(frameID), k.Wrapped)
}

// openContact opens a sealed number or name: under the frame's data key,
// or, for entries sealed before frames had keys, under the master key.
// AES-GCM authenticates, so trying the data key first cannot misread.
func (s *Store) openContact(dk *secret.DataKey, sealed []byte) ([]byte, error) {
	if dk != nil {
		if out, err := dk.Open(sealed); err == nil {
			return out, nil
		}
	}
	return s.keys.Open(secret.Phone, sealed)
}
