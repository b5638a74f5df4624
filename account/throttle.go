package account

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/secret"
	"pingyi/storage"
)

// Sign-in throttling (OWASP ASVS 2.2.1, level 2): wrong passwords are
// counted per login — known or not, so guessing at logins is slowed too —
// and per address, in the database, so that every serve process sees one
// count. Past a limit within failureWindow the login or the address is
// locked for a while; each lock-out of the same day lasts twice the one
// before, up to maxLock. A lock always ends by itself, so the real user
// is never shut out for good, and the right password signs them in and
// clears the login's count. Only the address count survives a success:
// one's own account must not reset a guesser's address.
const (
	failureWindow = 15 * time.Minute
	maxLock       = time.Hour
	locksForgiven = 24 * time.Hour
)

// limit is how many wrong passwords a subject may give within the window,
// and its first lock-out.
type limit struct {
	failures  int
	firstLock time.Duration
}

var (
	loginLimit = limit{failures: 5, firstLock: 15 * time.Minute}
	// An office behind one address shares this count: a limit several
	// times a login's, so colleagues' typos do not lock out the office.
	addressLimit = limit{failures: 30, firstLock: 15 * time.Minute}
)

// throttle is one subject's count, as stored.
type throttle struct {
	Subject         string `gorm:"primaryKey"`
	Failures        int
	Locks           int
	WindowStartedAt time.Time
	LockedUntil     *time.Time
}

func (throttle) TableName() string { return "sign_in_throttles" }

// subjects names what one attempt counts against: the login tried and,
// when known, the address it came from (a keyed hash; never the address).
type subjects struct{ login, address string }

func subjectsOf(login, addressHash string) subjects {
	s := subjects{login: "login:" + secret.Digest(strings.ToLower(login))}
	if addressHash != "" {
		s.address = "address:" + addressHash
	}
	return s
}

// all lists the subjects in one order, so that two transactions locking
// rows of both take them in the same order and cannot deadlock.
func (s subjects) all() []string {
	out := []string{s.login}
	if s.address != "" {
		out = append(out, s.address)
	}
	slices.Sort(out)
	return out
}

func (s subjects) limit(subject string) limit {
	if subject == s.address {
		return addressLimit
	}
	return loginLimit
}

// lockFor is the length of a subject's lock-out after `locks` earlier ones.
func (l limit) lockFor(locks int) time.Duration {
	d := l.firstLock
	for i := 0; i < locks && d < maxLock; i++ {
		d *= 2
	}
	return min(d, maxLock)
}

// refuseIfLocked answers an attempt on a locked login or from a locked
// address before any password is hashed.
func (s *Store) refuseIfLocked(ctx context.Context, subj subjects) error {
	var locked []throttle
	err := s.db.WithContext(ctx).Where("subject IN ? AND locked_until > ?", subj.all(), s.db.Now()).Find(&locked).Error
	if err != nil {
		return err
	}
	for _, t := range locked {
		if err := lockedOut(subj, t); err != nil {
			return err
		}
	}
	return nil
}

func lockedOut(subj subjects, t throttle) error {
	if t.LockedUntil == nil {
		return nil
	}
	until := t.LockedUntil.In(i18n.China).Format("15:04")
	if t.Subject == subj.address {
		return fault.RateLimitedf("too many wrong passwords from your network; try again after %s", until)
	}
	return fault.Forbiddenf("too many wrong passwords; the account is locked until %s", until)
}

// ensureRows creates the subjects' rows if missing. On SQLite it also makes
// the transaction a writer from its first statement, so what it reads next
// no other process can change before it commits.
func ensureRows(tx *gorm.DB, names []string, now time.Time) error {
	rows := make([]throttle, len(names))
	for i, n := range names {
		rows[i] = throttle{Subject: n, WindowStartedAt: now}
	}
	return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&rows).Error
}

// recordFailure counts a wrong password against every subject and locks
// those past their limit. The count is decided in the database: the
// UPDATE takes the row's lock, so concurrent failures through any number
// of processes each see the count the one before left.
func (s *Store) recordFailure(ctx context.Context, subj subjects) error {
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		now := s.db.Now()
		names := subj.all()
		if err := ensureRows(tx, names, now); err != nil {
			return err
		}
		for _, name := range names {
			// window_started_at is assigned last: MySQL evaluates the
			// assignments in order, each seeing the ones before.
			stale := now.Add(-failureWindow)
			err := tx.Model(&throttle{}).Where("subject = ?", name).Updates(map[string]any{
				"failures":          gorm.Expr("CASE WHEN window_started_at < ? THEN 1 ELSE failures + 1 END", stale),
				"locks":             gorm.Expr("CASE WHEN window_started_at < ? THEN 0 ELSE locks END", now.Add(-locksForgiven)),
				"window_started_at": gorm.Expr("CASE WHEN window_started_at < ? THEN ? ELSE window_started_at END", stale, now),
			}).Error
			if err != nil {
				return err
			}
			var t throttle
			if err := tx.Where("subject = ?", name).Take(&t).Error; err != nil {
				return err
			}
			l := subj.limit(name)
			if t.Failures < l.failures {
				continue
			}
			err = tx.Model(&throttle{}).Where("subject = ?", name).Updates(map[string]any{
				"failures": 0, "locks": t.Locks + 1, "locked_until": now.Add(l.lockFor(t.Locks)), "window_started_at": now,
			}).Error
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// admit decides, inside the transaction that starts a session, that the
// login is not locked, and clears its count. The row is read under lock,
// so a burst of wrong passwords that locks the account in the meantime
// is seen here: the right password arriving among them does not get in.
func (s *Store) admit(tx *gorm.DB, subj subjects) error {
	now := s.db.Now()
	if err := ensureRows(tx, []string{subj.login}, now); err != nil {
		return err
	}
	var t throttle
	if err := s.db.Locked(tx, storage.ForUpdate).Where("subject = ?", subj.login).Take(&t).Error; err != nil {
		return err
	}
	if t.LockedUntil != nil && t.LockedUntil.After(now) {
		return lockedOut(subj, t)
	}
	return tx.Model(&throttle{}).Where("subject = ?", subj.login).
		Updates(map[string]any{"failures": 0, "locks": 0, "locked_until": nil, "window_started_at": now}).Error
}

// sweepThrottles now and then deletes counts that have lapsed.
func (s *Store) sweepThrottles(ctx context.Context) {
	if rand.IntN(64) != 0 {
		return
	}
	now := s.db.Now()
	s.db.WithContext(ctx).Where("window_started_at < ? AND (locked_until IS NULL OR locked_until < ?)", now.Add(-locksForgiven), now).
		Delete(&throttle{})
}
