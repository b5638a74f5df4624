package account

import (
	"context"
	"strconv"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/secret"
)

// APIToken lets a script act as a user with an Authorization: Bearer header.
type APIToken struct {
	ID         int64
	UserID     int64
	Name       string
	TokenHash  string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// TableName ties APIToken to the api_tokens table.
func (APIToken) TableName() string { return "api_tokens" }

// maxTokenName is the longest name a token may have (the column's size).
const maxTokenName = 100

// tokenPrefix makes Pingyi tokens recognisable in a leaked file or log.
const tokenPrefix = "pgy_"

// CreateToken issues a token for a user and returns it once.
func (s *Store) CreateToken(ctx context.Context, userID int64, name string, actor audit.Actor) (APIToken, string, error) {
	u, err := s.Get(ctx, userID)
	if err != nil {
		return APIToken{}, "", err
	}
	if name == "" {
		name = "api"
	}
	if utf8.RuneCountInString(name) > maxTokenName {
		return APIToken{}, "", fault.WithProblems([]fault.Problem{fault.P("name", "%s must be at most %s characters", "name", strconv.Itoa(maxTokenName))},
			"the request has %d problems", 1)
	}
	token := tokenPrefix + secret.Token(32)
	t := APIToken{UserID: u.ID, Name: name, TokenHash: secret.Digest(token), CreatedAt: s.db.Now()}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&t).Error; err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "token.create", Object: "user:" + u.Login, Detail: map[string]any{"token": t.ID, "name": name}})
	})
	return t, token, err
}

// Tokens lists a user's tokens.
func (s *Store) Tokens(ctx context.Context, userID int64) ([]APIToken, error) {
	var out []APIToken
	return out, s.db.WithContext(ctx).Where("user_id = ?", userID).Order("id").Find(&out).Error
}

// RevokeToken ends a token.
func (s *Store) RevokeToken(ctx context.Context, userID, tokenID int64, actor audit.Actor) error {
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&APIToken{}).Where("id = ? AND user_id = ? AND revoked_at IS NULL", tokenID, userID).Update("revoked_at", s.db.Now())
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return fault.NotFoundf("no token %d", tokenID)
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "token.revoke", Object: "token:" + strconv.FormatInt(tokenID, 10)})
	})
}
