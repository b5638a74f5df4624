package account

import (
	"context"
	"strings"

	"github.com/go-playground/validator/v10"
	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/validation"
)

// Store keeps accounts, sessions and tokens in the database.
type Store struct {
	db       *storage.DB
	audit    *audit.Log
	validate *validator.Validate
	hashes   hashPool
}

// NewStore returns the account store of db.
func NewStore(db *storage.DB, log *audit.Log, v *validator.Validate) *Store {
	return &Store{db: db, audit: log, validate: v, hashes: newHashPool()}
}

// Create adds an account. With no password given, it generates a one-time
// password, returns it, and requires a change at first sign-in.
func (s *Store) Create(ctx context.Context, in NewUser, actor audit.Actor) (User, string, error) {
	in.Login = strings.TrimSpace(in.Login)
	if err := s.check(in); err != nil {
		return User{}, "", err
	}
	password, mustChange := in.Password, false
	if password == "" {
		password, mustChange = oneTimePassword(), true
	} else if err := checkNewPassword(in.Login, password); err != nil {
		return User{}, "", err
	}
	hash, err := s.hashes.hash(ctx, password)
	if err != nil {
		return User{}, "", err
	}
	now := s.db.Now()
	u := User{Login: in.Login, DisplayName: in.DisplayName, Role: in.Role, PasswordHash: hash,
		MustChangePassword: mustChange, CreatedAt: now, UpdatedAt: now}
	if u.DisplayName == "" {
		u.DisplayName = u.Login
	}
	if in.UnitCode != "" {
		u.UnitCode = &in.UnitCode
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		u.ID = 0 // a retried transaction inserts afresh
		orgs, err := s.organizersOf(tx, in.Organizers, actor)
		if err != nil {
			return err
		}
		if err := tx.Create(&u).Error; err != nil {
			if storage.IsDuplicate(err) {
				return fault.Conflictf("login %q is taken", u.Login)
			}
			return err
		}
		if err := joinOrganizers(tx, u.ID, orgs); err != nil {
			return err
		}
		u.Organizers = orgs
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "user.create", Object: "user:" + u.Login,
			Detail: map[string]any{"role": u.Role, "unit": in.UnitCode, "organizers": orgs}})
	})
	if err != nil {
		return User{}, "", err
	}
	return u, password, nil
}

func (s *Store) check(in NewUser) error {
	var problems []fault.Problem
	if err := s.validate.Struct(in); err != nil {
		problems = validation.Problems(err)
	}
	if in.Role != "" && !in.Role.known() {
		problems = append(problems, fault.P("role", "unknown role %q (one of admin, committee, operator, liaison, supervisor, dispatcher)", in.Role))
	}
	if in.Role == Liaison && in.UnitCode == "" {
		problems = append(problems, fault.P("unit_code", "a liaison speaks for one unit: give its code"))
	}
	if in.Role != Liaison && in.UnitCode != "" {
		problems = append(problems, fault.P("unit_code", "only liaisons are tied to a unit"))
	}
	if len(problems) > 0 {
		return fault.WithProblems(problems, "the account has problems")
	}
	return nil
}

// Get returns an account by id.
func (s *Store) Get(ctx context.Context, id int64) (User, error) {
	var u User
	err := s.db.WithContext(ctx).Take(&u, id).Error
	if storage.IsNotFound(err) {
		return u, fault.NotFoundf("no account %d", id)
	}
	return u, err
}

// ByLogin returns an account by login.
func (s *Store) ByLogin(ctx context.Context, login string) (User, error) {
	var u User
	err := s.db.WithContext(ctx).Where("login = ?", login).Take(&u).Error
	if storage.IsNotFound(err) {
		return u, fault.NotFoundf("no account %q", login)
	}
	return u, err
}

// List returns every account, by role then login.
func (s *Store) List(ctx context.Context) ([]User, error) {
	var out []User
	if err := s.db.WithContext(ctx).Order("role, login").Find(&out).Error; err != nil {
		return nil, err
	}
	return out, s.orgContext(ctx, out)
}

// Disable stops an account from signing in and ends its sessions and tokens.
func (s *Store) Disable(ctx context.Context, id int64, actor audit.Actor) error {
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		var u User
		if err := tx.Take(&u, id).Error; err != nil {
			if storage.IsNotFound(err) {
				return fault.NotFoundf("no account %d", id)
			}
			return err
		}
		if u.Login == actor.Login {
			return fault.Conflictf("you cannot disable your own account")
		}
		now := s.db.Now()
		if err := tx.Model(&u).Updates(map[string]any{"disabled_at": now, "updated_at": now}).Error; err != nil {
			return err
		}
		if err := tx.Where("user_id = ?", id).Delete(&Session{}).Error; err != nil {
			return err
		}
		if err := tx.Model(&APIToken{}).Where("user_id = ? AND revoked_at IS NULL", id).Update("revoked_at", now).Error; err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "user.disable", Object: "user:" + u.Login})
	})
}
