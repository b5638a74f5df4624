package account

import (
	"context"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
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

// SignIn checks a login and password and starts a session. addressHash
// is the keyed hash of the caller's address ("" from the command line):
// wrong passwords count against the login and the address, and past their
// limits either is locked for a while (see throttle.go). A locked login
// or address is refused before any password is hashed, and hashes wait
// for one of a few slots (hashPool), so a flood of attempts costs neither
// unbounded memory nor unbounded time. An unknown login gets the answer
// of a wrong password, in the same time, and only the right password
// learns that an account is disabled: the answers do not tell a guesser
// which logins exist (until guessing locks one).
func (s *Store) SignIn(ctx context.Context, login, password, addressHash string) (User, string, error) {
	if login == "" || password == "" {
		// A form sent half-filled guesses nothing: no account has an empty
		// login or password. It costs no hash and counts against no one.
		return User{}, "", fault.Unauthorizedf("wrong login or password")
	}
	subj := subjectsOf(login, addressHash)
	if err := s.refuseIfLocked(ctx, subj); err != nil {
		return User{}, "", err
	}
	u, err := s.ByLogin(ctx, login)
	known := err == nil
	if err != nil && !fault.Is(err, fault.NotFound) {
		return User{}, "", err
	}
	if !known {
		u.PasswordHash = dummyHash
	}
	if err := s.hashes.acquire(ctx); err != nil {
		return User{}, "", err
	}
	// Checked again in the slot: waiting for it may have outlasted the
	// burst of guesses that locked the login meanwhile.
	right := false
	if err = s.refuseIfLocked(ctx, subj); err == nil {
		right = CheckPassword(u.PasswordHash, password) && known
	}
	s.hashes.release()
	if err != nil {
		return User{}, "", err
	}
	if !right {
		if err := s.recordFailure(ctx, subj); err != nil {
			return User{}, "", err
		}
		s.sweepThrottles(ctx) // guesses at made-up logins leave rows too
		return User{}, "", fault.Unauthorizedf("wrong login or password")
	}
	if !u.Active() {
		return User{}, "", fault.Forbiddenf("this account is disabled")
	}
	token := secret.Token(32)
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := s.admit(tx, subj); err != nil {
			return err
		}
		now := s.db.Now()
		// Expired sessions are swept here rather than by a timer, so several
		// serve processes need no coordination to keep the table small.
		if err := tx.Where("expires_at < ?", now).Delete(&Session{}).Error; err != nil {
			return err
		}
		return tx.Create(&Session{IDHash: secret.Digest(token), UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(SessionTTL)}).Error
	})
	if err != nil {
		return User{}, "", err
	}
	s.sweepThrottles(ctx)
	return u, token, nil
}

// SessionUser returns the user of a live session. It is one query for the
// session and its user: every signed-in page starts here.
func (s *Store) SessionUser(ctx context.Context, token string) (User, error) {
	var u User
	err := s.db.WithContext(ctx).Table("sessions").Select("users.*").
		Joins("JOIN users ON users.id = sessions.user_id").
		Where("sessions.id_hash = ? AND sessions.expires_at > ?", secret.Digest(token), s.db.Now()).Take(&u).Error
	return s.signedIn(ctx, u, err)
}

// signedIn turns the lookup of a session's or a token's user into the
// answer: an unknown session or token and a disabled account alike are
// not signed in.
func (s *Store) signedIn(ctx context.Context, u User, err error) (User, error) {
	if storage.IsNotFound(err) || (err == nil && !u.Active()) {
		return User{}, errSignInRequired()
	}
	if err != nil {
		return User{}, err
	}
	users := []User{u}
	err = s.orgContext(ctx, users)
	return users[0], err
}

// errSignInRequired answers an unknown session or token, and a disabled
// account's.
func errSignInRequired() error { return fault.Unauthorizedf("sign in required") }

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
	right, err := s.hashes.check(ctx, u.PasswordHash, current)
	if err != nil {
		return err
	}
	if !right {
		return fault.Invalidf("the current password is wrong")
	}
	if current == next {
		return fault.Invalidf("the new password must differ from the current one")
	}
	if err := checkNewPassword(u.Login, next); err != nil {
		return err
	}
	hash, err := s.hashes.hash(ctx, next)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		err := tx.Model(&u).Updates(map[string]any{"password_hash": hash, "must_change_password": false, "updated_at": s.db.Now()}).Error
		if err != nil {
			return err
		}
		if err := tx.Where("user_id = ? AND id_hash <> ?", u.ID, secret.Digest(keepToken)).Delete(&Session{}).Error; err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: u.Actor(), Action: "user.password", Object: "user:" + u.Login})
	})
}
