package collection

import (
	"context"
	"math/rand/v2"
	"strconv"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"pingyi/fault"
	"pingyi/i18n"
)

// rateCounter counts what one key (a keyed hash of an address or a phone)
// did in one scope during one clock hour.
type rateCounter struct {
	Scope   string
	KeyHash string
	Hour    int64
	N       int
}

func (rateCounter) TableName() string { return "rate_counters" }

// ErrRateLimited is the answer past an hourly allowance (errors.Is); the
// error returned also says when the next hour begins.
var ErrRateLimited = fault.RateLimitedf("too many attempts from your network or number in the last hour; please try again later")

// limited is ErrRateLimited with the time the allowance starts again: the
// people behind one shared address (a service hall, a campus) are told
// when to come back, not "later".
type limited struct{ until *fault.Error }

func (e limited) Error() string   { return e.until.Error() }
func (e limited) Unwrap() []error { return []error{e.until, ErrRateLimited} }

func rateLimitedUntil(t time.Time) error {
	return limited{&fault.Error{Kind: fault.RateLimited,
		Message: i18n.M("Too many forms or codes have come from your network or number this hour. Your answers are safe; please try again after %s (Beijing time).", t.In(i18n.China).Format("15:04"))}}
}

// count adds one to the key's counter for this hour in tx and refuses once
// it passes limit. It runs inside the transaction it limits, so a refused
// or failed attempt is not counted and every serve process sees one count.
// Clock hours let a burst straddle two of them: at most twice the limit in
// any sixty minutes, which is the price of one row per key and hour.
func (s *Service) count(tx *gorm.DB, scope string, campaignID int64, keyHash string, limit int) error {
	c := rateCounter{Scope: scope + "/" + strconv.FormatInt(campaignID, 10), KeyHash: keyHash, Hour: s.hour(), N: 1}
	err := tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "scope"}, {Name: "key_hash"}, {Name: "hour"}},
		DoUpdates: clause.Assignments(map[string]any{"n": gorm.Expr("n + 1")}),
	}).Create(&c).Error
	if err != nil {
		return err
	}
	var n int
	if err := tx.Model(&rateCounter{}).Select("n").Where("scope = ? AND key_hash = ? AND hour = ?", c.Scope, c.KeyHash, c.Hour).
		Scan(&n).Error; err != nil {
		return err
	}
	if n > limit {
		return rateLimitedUntil(time.Unix((c.Hour+1)*3600, 0))
	}
	return nil
}

func (s *Service) hour() int64 { return s.db.Now().Unix() / 3600 }

// sweep now and then deletes counters more than a day old, outside any
// submission's transaction.
func (s *Service) sweep(ctx context.Context) {
	if rand.IntN(256) != 0 {
		return
	}
	if err := s.db.WithContext(ctx).Where("hour < ?", s.hour()-24).Delete(&rateCounter{}).Error; err != nil {
		s.log.WarnContext(ctx, "sweep rate counters", "err", err)
	}
}
