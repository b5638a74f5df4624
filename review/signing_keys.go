package review

import (
	"context"
	"time"

	"gorm.io/gorm"

	"pingyi/fault"
	"pingyi/signing"
)

// signingKey is a listed public key; the private halves never enter the
// database.
type signingKey struct {
	KeyID     string `gorm:"primaryKey"`
	Organizer string
	Algorithm string
	PublicKey string
	ValidFrom time.Time
	ValidTo   *time.Time
}

func (signingKey) TableName() string { return "signing_keys" }

// UseSigner makes publications signed by signer (app sets it from
// PINGYI_SIGNING_KEY or the secret key). Without one, versions are
// published unsigned and verification says so.
func (s *Store) UseSigner(signer *signing.Signer) { s.signer = signer }

// UseSigners makes each campaign's versions signed by its organiser's
// signer (SPEC: "a signature … by the organizer's key"); signers returns
// nil for an organiser that signs nothing.
func (s *Store) UseSigners(signers func(organizer string) (*signing.Signer, error)) {
	s.signers = signers
}

// signerOf is the signer of an organiser's campaigns, or nil.
func (s *Store) signerOf(organizer string) (*signing.Signer, error) {
	if s.signers != nil {
		return s.signers(organizer)
	}
	return s.signer, nil
}

// listSigner makes sure, inside tx, that the signer's key is listed, from
// now on, as its organiser's current key; a key listed before is kept,
// the organiser's previous current key retired (valid to now). This is how
// rotation happens: a new key is listed by the first version it signs.
func (s *Store) listSigner(tx *gorm.DB, signer *signing.Signer, now time.Time) (signing.Key, error) {
	k := signer.Key(now)
	var listed []signingKey
	if err := tx.Where("key_id = ?", k.ID).Find(&listed).Error; err != nil {
		return k, err
	}
	if len(listed) > 0 {
		if listed[0].ValidTo != nil {
			// A retired key signing again would make its versions look
			// signed outside its validity: rotation only goes forward.
			return k, fault.Conflictf("the signing key %s was retired at %s: configure a new PINGYI_SIGNING_KEY", k.ID, listed[0].ValidTo.UTC().Format(time.RFC3339))
		}
		return k, nil
	}
	err := tx.Model(&signingKey{}).Where("organizer = ? AND valid_to IS NULL", k.Organizer).Update("valid_to", now).Error
	if err != nil {
		return k, err
	}
	return k, tx.Create(&signingKey{KeyID: k.ID, Organizer: k.Organizer, Algorithm: k.Algorithm, PublicKey: k.PublicKey, ValidFrom: now}).Error
}

// SigningKeys lists every organiser's keys, current and retired, oldest
// first: the document of /.well-known/pingyi-signing-keys.
func (s *Store) SigningKeys(ctx context.Context) (signing.KeyList, error) {
	var rows []signingKey
	if err := s.db.WithContext(ctx).Order("valid_from, key_id").Find(&rows).Error; err != nil {
		return signing.KeyList{}, err
	}
	list := signing.KeyList{Keys: []signing.Key{}}
	for _, r := range rows {
		list.Keys = append(list.Keys, signing.Key{ID: r.KeyID, Organizer: r.Organizer, Algorithm: r.Algorithm,
			PublicKey: r.PublicKey, ValidFrom: r.ValidFrom.UTC(), ValidTo: r.ValidTo})
	}
	return list, nil
}
