package account

import (
	"context"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
)

// What administrators do for someone who cannot sign in: see that their
// login is locked out and lift the lock, or give them a new one-time
// password. Both are audited; neither tells the administrator anything
// about the address the wrong passwords came from.

// Lockouts returns, by account id, until when each locked-out account's
// login is locked.
func (s *Store) Lockouts(ctx context.Context) (map[int64]time.Time, error) {
	users, err := s.List(ctx)
	if err != nil {
		return nil, err
	}
	byDigest := map[string]int64{}
	var subjects []string
	for _, u := range users {
		subj := subjectsOf(u.Login, "").login
		byDigest[subj] = u.ID
		subjects = append(subjects, subj)
	}
	var rows []throttle
	if len(subjects) > 0 {
		if err := s.db.WithContext(ctx).Where("subject IN ? AND locked_until > ?", subjects, s.db.Now()).Find(&rows).Error; err != nil {
			return nil, err
		}
	}
	out := map[int64]time.Time{}
	for _, r := range rows {
		out[byDigest[r.Subject]] = *r.LockedUntil
	}
	return out, nil
}

// Unlock lifts the lock-out of an account's login and forgets its wrong
// passwords. A locked address (many logins tried from one place) stays
// locked: it is not the account's.
func (s *Store) Unlock(ctx context.Context, id int64, actor audit.Actor) error {
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		u, err := s.lockUser(tx, id)
		if err != nil {
			return err
		}
		res := tx.Where("subject = ?", subjectsOf(u.Login, "").login).Delete(&throttle{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return fault.Conflictf("the account %s is not locked out", u.Login)
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "user.unlock", Object: "user:" + u.Login})
	})
}

// ResetPassword gives an account a new one-time password, returned once
// to be handed over, which must be changed at the next sign-in. The
// account's sessions end and its lock-out is lifted.
func (s *Store) ResetPassword(ctx context.Context, id int64, actor audit.Actor) (User, string, error) {
	password := oneTimePassword()
	hash, err := s.hashes.hash(ctx, password)
	if err != nil {
		return User{}, "", err
	}
	var u User
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if u, err = s.lockUser(tx, id); err != nil {
			return err
		}
		if !u.Active() {
			return fault.Conflictf("the account %s is disabled: create a new one instead", u.Login)
		}
		if u.Login == actor.Login {
			return fault.Conflictf("change your own password on the password page, with your current one")
		}
		if err := tx.Model(&u).Updates(map[string]any{"password_hash": hash, "must_change_password": true, "updated_at": s.db.Now()}).Error; err != nil {
			return err
		}
		if err := tx.Where("user_id = ?", id).Delete(&Session{}).Error; err != nil {
			return err
		}
		if err := tx.Where("subject = ?", subjectsOf(u.Login, "").login).Delete(&throttle{}).Error; err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "user.password_reset", Object: "user:" + u.Login})
	})
	if err != nil {
		return User{}, "", err
	}
	return u, password, nil
}

func (s *Store) lockUser(tx *gorm.DB, id int64) (User, error) {
	var u User
	err := s.db.Locked(tx, storage.ForUpdate).Take(&u, id).Error
	if storage.IsNotFound(err) {
		return u, fault.NotFoundf("no account %d", id)
	}
	return u, err
}
