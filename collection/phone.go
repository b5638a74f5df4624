package collection

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"fmt"
	"log/slog"
	"math/big"
	"time"

	"gorm.io/gorm"

	"pingyi/fault"
	"pingyi/sampling"
	"pingyi/secret"
	"pingyi/storage"
)

// Sender delivers a verification code to a mobile number: an SMS gateway
// in production. Implementations must not log the number or the code.
type Sender interface {
	SendCode(ctx context.Context, phone sampling.Phone, code string) error
}

// LogSender is the Sender for development and for deployments without an
// SMS gateway: it only logs that a code was sent. With ShowCodes (set only
// for development, PINGYI_DEV_SHOW_CODES) it logs the code itself, marked
// so, next to the masked number, so that a developer can finish the flow.
type LogSender struct {
	Log       *slog.Logger
	ShowCodes bool
}

// SendCode logs the sending.
func (l LogSender) SendCode(ctx context.Context, phone sampling.Phone, code string) error {
	if l.ShowCodes {
		l.Log.WarnContext(ctx, "DEVELOPMENT ONLY, never in production: phone verification code", "phone", phone, "code", code)
		return nil
	}
	l.Log.InfoContext(ctx, "phone verification code sent (log-only sender: no message left this server)")
	return nil
}

// Verification codes: six digits, ten minutes, five tries; five codes per
// number and twenty per address an hour, so nobody pays for a flood of SMS.
const (
	codeTTL         = 10 * time.Minute
	codeAttempts    = 5
	codesPerPhone   = 5
	codesPerAddress = 20
)

type verification struct {
	ID         int64
	DraftID    int64
	PhoneHash  string
	CodeHash   string
	Attempts   int
	CreatedAt  time.Time
	ExpiresAt  time.Time
	VerifiedAt *time.Time
}

func (verification) TableName() string { return "phone_verifications" }

type phoneClaim struct {
	CampaignID int64
	PhoneHash  string
	ResponseID int64
}

func (phoneClaim) TableName() string { return "phone_claims" }

var (
	errPhoneAnswered = fault.Conflictf("this phone number has already been used to answer this evaluation")
	errNoCode        = fault.Conflictf("there is no code waiting for this form; ask for a new one")
	errCodeExpired   = fault.Conflictf("the code has expired; ask for a new one")
	errCodeTries     = fault.RateLimitedf("too many wrong codes; ask for a new one")
	errWrongCode     = fault.Invalidf("the code is not right; check the message and try again")
)

// SendCode starts verifying a mobile number for a draft: it stores the
// code's keyed hash and sends the code. The number itself is never stored.
func (s *Service) SendCode(ctx context.Context, d *Draft, raw, ipHash string) error {
	p, err := sampling.NormalizePhone(raw)
	if err != nil || p.Kind != sampling.Mobile {
		return fault.WithProblems([]fault.Problem{fault.P("phone", "enter an 11-digit mainland mobile number")}, "please check the mobile number")
	}
	phoneHash := s.keys.Hash(secret.Phone, p.Canonical)
	code, err := sixDigits()
	if err != nil {
		return err
	}
	now := s.db.Now()
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := refuseClaimed(tx, d.CampaignID, phoneHash); err != nil {
			return err
		}
		if err := s.count(tx, "code-phone", d.CampaignID, phoneHash, codesPerPhone); err != nil {
			return err
		}
		if ipHash != "" {
			if err := s.count(tx, "code-ip", d.CampaignID, ipHash, codesPerAddress); err != nil {
				return err
			}
		}
		return tx.Create(&verification{DraftID: d.ID, PhoneHash: phoneHash, CodeHash: s.codeHash(phoneHash, code),
			CreatedAt: now, ExpiresAt: now.Add(codeTTL)}).Error
	})
	if err != nil {
		return err
	}
	return s.sender.SendCode(ctx, p, code)
}

func refuseClaimed(tx *gorm.DB, campaignID int64, phoneHash string) error {
	var n int64
	if err := tx.Model(&phoneClaim{}).Where("campaign_id = ? AND phone_hash = ?", campaignID, phoneHash).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return errPhoneAnswered
	}
	return nil
}

func (s *Service) codeHash(phoneHash, code string) string {
	return s.keys.Hash(secret.Identity, "verify:"+phoneHash+":"+code)
}

func sixDigits() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1000000))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

// CheckCode checks the code typed for a draft's latest verification; the
// right one marks the draft's phone verified. Every try is counted before
// the comparison, in its own statement, so failures are never rolled back.
func (s *Service) CheckCode(ctx context.Context, d *Draft, code string) error {
	var v verification
	err := s.db.WithContext(ctx).Where("draft_id = ?", d.ID).Order("id DESC").Take(&v).Error
	switch {
	case storage.IsNotFound(err), err == nil && v.VerifiedAt != nil:
		return errNoCode
	case err != nil:
		return err
	case s.db.Now().After(v.ExpiresAt):
		return errCodeExpired
	}
	res := s.db.WithContext(ctx).Model(&verification{}).Where("id = ? AND attempts < ?", v.ID, codeAttempts).
		Update("attempts", gorm.Expr("attempts + 1"))
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return errCodeTries
	}
	if !hmac.Equal([]byte(s.codeHash(v.PhoneHash, code)), []byte(v.CodeHash)) {
		return errWrongCode
	}
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := refuseClaimed(tx, d.CampaignID, v.PhoneHash); err != nil {
			return err
		}
		if err := tx.Model(&verification{}).Where("id = ?", v.ID).Update("verified_at", s.db.Now()).Error; err != nil {
			return err
		}
		return tx.Model(&Draft{}).Where("id = ?", d.ID).Update("phone_hash", v.PhoneHash).Error
	})
}

// claimPhone holds a campaign to one response per verified number.
func claimPhone(campaignID int64, phoneHash string) func(tx *gorm.DB, responseID int64) error {
	return func(tx *gorm.DB, responseID int64) error {
		err := tx.Create(&phoneClaim{CampaignID: campaignID, PhoneHash: phoneHash, ResponseID: responseID}).Error
		if storage.IsDuplicate(err) {
			return errPhoneAnswered
		}
		return err
	}
}
