package account

import (
	"context"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/secret"
	"pingyi/storage"
)

// SessionTTL is how long a sign-in lasts: a working day.
const SessionTTL = 12 * time.Hour

// Session is a signed-in browser. The cookie holds the random id; the
// database holds only its digest, so a database dump signs nobody in.
type Session struct {
	IDHash    string `gorm:"primaryKey"`
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// TableName ties Session to the sessions table.
func (Session) TableName() string { return "sessions" }

// SignIn checks a login and password and starts a session. Wrong passwords
// count towards a temporary lock. An unknown login gets the answer of a
// wrong password, in the same time, and only the right password learns
// that an account is disabled: the answers do not tell a guesser which
// logins exist (until guessing locks one).
func (s *Store) SignIn(ctx context.Context, login, password string) (User, string, error) {
	u, err := s.ByLogin(ctx, login)
	if fault.Is(err, fault.NotFound) {
		CheckPassword(dummyHash, password)
		return User{}, "", fault.Unauthorizedf("wrong login or password")
	}
	if err != nil {
		return User{}, "", err
	}
	now := s.db.Now()
	if u.LockedUntil != nil && u.LockedUntil.After(now) {
		return User{}, "", fault.Forbiddenf("too many wrong passwords; the account is locked until %s", u.LockedUntil.In(i18n.China).Format("15:04"))
	}
	if !CheckPassword(u.PasswordHash, password) {
		return User{}, "", s.countFailure(ctx, u, now)
	}
	if !u.Active() {
		return User{}, "", fault.Forbiddenf("this account is disabled")
	}
	token := secret.Token(32)
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&u).Updates(map[string]any{"failed_logins": 0, "locked_until": nil}).Error; err != nil {
			return err
		}
		// Expired sessions are swept here rather than by a timer, so several
		// serve processes need no coordination to keep the table small.
		if err := tx.Where("expires_at < ?", now).Delete(&Session{}).Error; err != nil {
			return err
		}
		return tx.Create(&Session{IDHash: secret.Digest(token), UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(SessionTTL)}).Error
	})
	return u, token, err
}

func (s *Store) countFailure(ctx context.Context, u User, now time.Time) error {
	// Counted in SQL, not from the value read above, so concurrent guesses
	// through several serve processes cannot undercount.
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&User{}).Where("id = ?", u.ID).Update("failed_logins", gorm.Expr("failed_logins + 1")).Error; err != nil {
			return err
		}
		return tx.Model(&User{}).Where("id = ? AND failed_logins >= ?", u.ID, maxFailedLogins).
			Updates(map[string]any{"locked_until": now.Add(lockDuration), "failed_logins": 0}).Error
	})
	if err != nil {
		return err
	}
	return fault.Unauthorizedf("wrong login or password")
}

// SessionUser returns the user of a live session. It is one query for the
// session and its user: every signed-in page starts here.
func (s *Store) SessionUser(ctx context.Context, token string) (User, error) {
	var u User
	err := s.db.WithContext(ctx).Table("sessions").Select("users.*").
		Joins("JOIN users ON users.id = sessions.user_id").
		Where("sessions.id_hash = ? AND sessions.expires_at > ?", secret.Digest(token), s.db.Now()).Take(&u).Error
	return signedIn(u, err)
}

// signedIn turns the lookup of a session's or a token's user into the
// answer: an unknown session or token and a disabled account alike are
// not signed in.
func signedIn(u User, err error) (User, error) {
	if storage.IsNotFound(err) || (err == nil && !u.Active()) {
		return User{}, fault.Unauthorizedf("sign in required")
	}
	if err != nil {
		return User{}, err
	}
	return u, nil
}

// SignOut ends a session.
func (s *Store) SignOut(ctx context.Context, token string) error {
	return s.db.WithContext(ctx).Where("id_hash = ?", secret.Digest(token)).Delete(&Session{}).Error
}

// ChangePassword replaces a user's password after checking the current one,
// and ends the user's other sessions.
func (s *Store) ChangePassword(ctx context.Context, userID int64, current, next, keepToken string) error {
	u, err := s.Get(ctx, userID)
	if err != nil {
		return err
	}
	if !CheckPassword(u.PasswordHash, current) {
		return fault.Invalidf("the current password is wrong")
	}
	if current == next {
		return fault.Invalidf("the new password must differ from the current one")
	}
	if err := checkNewPassword(u.Login, next); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		err := tx.Model(&u).Updates(map[string]any{"password_hash": HashPassword(next), "must_change_password": false, "updated_at": s.db.Now()}).Error
		if err != nil {
			return err
		}
		if err := tx.Where("user_id = ? AND id_hash <> ?", u.ID, secret.Digest(keepToken)).Delete(&Session{}).Error; err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: u.Login, Action: "user.password", Object: "user:" + u.Login})
	})
}
