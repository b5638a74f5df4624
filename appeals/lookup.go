package appeals

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/secret"
	"pingyi/storage"
)

// publicActor is who acts at /q: the person, not staff.
var publicActor = audit.Actor{Login: "public"}

// PublicView is what /q shows the person who holds a case's number and
// password: no contact, no staff names, no reasons written for staff.
type PublicView struct {
	Number              string
	Kind                string
	Status              string
	ReceivedAt          time.Time
	Unit                string // the unit's name
	Deadline            *time.Time
	DeadlineProvisional bool
	RepliedAt           *time.Time
	Reply               string
	Resolved            *bool
	Callback            string
	ReviewLevel         int
	ReviewUntil         *time.Time // while a review may be asked
	CanRate             bool
	CanReview           bool
	Stages              []PublicStage
}

// PublicStage is one stage with its date.
type PublicStage struct {
	At    time.Time
	Stage string // receive, assign, accept, extension, reply, callback, review
	Unit  string // the unit's name, for assign
	Value string // approved (extension), yes/no (reply), the callback result, review/second_review
}

// errNoMatch is the one answer to a wrong number, a wrong password and a
// case without a password alike, so that /q reveals nothing.
func errNoMatch() error { return fault.NotFoundf("no case matches this number and password") }

// Lookup shows a case to whoever holds its number and password.
func (s *Store) Lookup(ctx context.Context, number, password, addrHash string) (PublicView, error) {
	c, err := s.unlock(ctx, number, password, addrHash)
	if err != nil {
		return PublicView{}, err
	}
	return s.publicView(ctx, c)
}

// RateReply is the person's callback at /q.
func (s *Store) RateReply(ctx context.Context, number, password, addrHash, result string) error {
	c, err := s.unlock(ctx, number, password, addrHash)
	if err != nil {
		return err
	}
	return s.Callback(ctx, c.ID, result, publicActor)
}

// AskReview is the person asking for 复查 or 复核 at /q.
func (s *Store) AskReview(ctx context.Context, number, password, addrHash string) error {
	c, err := s.unlock(ctx, number, password, addrHash)
	if err != nil {
		return err
	}
	return s.Review(ctx, c.ID, publicActor)
}

// unlock checks a guess. Every guess is counted first, per address and
// per case, in the database that every serve process shares, so a burst
// of concurrent guesses cannot slip past the limit; a right guess gives
// its count back.
func (s *Store) unlock(ctx context.Context, number, password, addrHash string) (caseRow, error) {
	caseKey := s.keys.Hash(secret.Identity, "appeal-case:"+number)
	// Keyed again here, so that an address reaches the table only as a
	// keyed hash whatever the caller passed.
	addrKey := s.keys.Hash(secret.IP, "appeal-address:"+addrHash)
	// One hour for the guess and its give-back, so a check that straddles
	// the hour gives back what it took.
	hour := s.db.Now().Unix() / 3600
	if err := s.countGuess(ctx, addrKey, caseKey, hour); err != nil {
		return caseRow{}, err
	}
	var c caseRow
	err := s.db.WithContext(ctx).Where("number = ?", number).Take(&c).Error
	if err != nil && !storage.IsNotFound(err) {
		return caseRow{}, err
	}
	hash := dummyCaseHash
	if err == nil && c.PasswordHash != nil {
		hash = *c.PasswordHash
	}
	ok, herr := s.matchCasePassword(ctx, hash, password)
	if herr != nil {
		return caseRow{}, herr
	}
	if err != nil || c.PasswordHash == nil || !ok {
		return caseRow{}, errNoMatch()
	}
	return c, s.giveGuessBack(ctx, addrKey, caseKey, hour)
}

type guess struct {
	Scope   string
	KeyHash string
	Hour    int64
	N       int
}

func (guess) TableName() string { return "appeal_guesses" }

// countGuess adds a guess to this hour's counts of the address and of the
// case, and refuses when either is over its limit. Both counters are
// bumped by one statement and read by another: /q answers hundreds of
// lookups a second, and each statement in a transaction is a round trip.
func (s *Store) countGuess(ctx context.Context, addrKey, caseKey string, hour int64) error {
	var over bool
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		over = false // db.Tx may run this again after a deadlock
		// Address first, then case, in one statement: one order, so two guesses never deadlock.
		counts := []guess{{Scope: "addr", KeyHash: addrKey, Hour: hour, N: 1}, {Scope: "case", KeyHash: caseKey, Hour: hour, N: 1}}
		if err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "scope"}, {Name: "key_hash"}, {Name: "hour"}},
			DoUpdates: clause.Assignments(map[string]any{"n": gorm.Expr("n + 1")}),
		}).Create(&counts).Error; err != nil {
			return err
		}
		var now []guess
		if err := tx.Where("hour = ? AND (scope = ? AND key_hash = ? OR scope = ? AND key_hash = ?)",
			hour, "addr", addrKey, "case", caseKey).Find(&now).Error; err != nil {
			return err
		}
		limits := map[string]int{"addr": s.cfg.GuessesPerAddress, "case": s.cfg.GuessesPerCase}
		for _, g := range now {
			over = over || g.N > limits[g.Scope]
		}
		return nil
	})
	if err != nil {
		return err
	}
	if over {
		next := time.Unix((hour+1)*3600, 0)
		return fault.RateLimitedf("too many tries; try again after %s", next.In(i18n.China).Format("15:04"))
	}
	return nil
}

// giveGuessBack takes a right guess off the counts countGuess added it to:
// one statement, which needs no read.
func (s *Store) giveGuessBack(ctx context.Context, addrKey, caseKey string, hour int64) error {
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		return tx.Model(&guess{}).Where("hour = ? AND n > 0 AND (scope = ? AND key_hash = ? OR scope = ? AND key_hash = ?)",
			hour, "addr", addrKey, "case", caseKey).Update("n", gorm.Expr("n - 1")).Error
	})
}

// bumpCounter adds delta to a counter of appeal_guesses and returns its
// new value.
func bumpCounter(tx *gorm.DB, scope, key string, hour int64, delta int) (int, error) {
	g := guess{Scope: scope, KeyHash: key, Hour: hour, N: max(delta, 0)}
	if err := tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "scope"}, {Name: "key_hash"}, {Name: "hour"}},
		DoUpdates: clause.Assignments(map[string]any{"n": gorm.Expr("n + ?", delta)}),
	}).Create(&g).Error; err != nil {
		return 0, err
	}
	var n int
	err := tx.Model(&guess{}).Select("n").Where("scope = ? AND key_hash = ? AND hour = ?", scope, key, hour).Scan(&n).Error
	return n, err
}

// SweepGuesses forgets the counts of hours gone by; the app calls it now and then.
func (s *Store) SweepGuesses(ctx context.Context) error {
	return s.db.WithContext(ctx).Where("hour < ?", s.db.Now().Unix()/3600-1).Delete(&guess{}).Error
}

func (s *Store) publicView(ctx context.Context, c caseRow) (PublicView, error) {
	var events []event
	if err := s.db.WithContext(ctx).Where("case_id = ? AND stage IN ?", c.ID,
		[]string{"receive", "assign", "accept", "extension", "reply", "callback", "review"}).
		Order("at, id").Find(&events).Error; err != nil {
		return PublicView{}, err
	}
	// Only the units this case names: /q must not read the register of
	// every campaign for each lookup.
	var codes []string
	if c.Unit != nil {
		codes = append(codes, *c.Unit)
	}
	for _, e := range events {
		if e.Stage == "assign" && e.Unit != nil {
			codes = append(codes, *e.Unit)
		}
	}
	us := &units{}
	if len(codes) > 0 {
		var err error
		if us, err = s.units(ctx, codes...); err != nil {
			return PublicView{}, err
		}
	}
	name := func(code string) string { return us.byCode[code].Name }
	now := s.db.Now()
	v := PublicView{Number: deref(c.Number), Kind: c.Kind, Status: c.Status, ReceivedAt: c.ReceivedAt,
		Unit: name(deref(c.Unit)), Deadline: c.effectiveDeadline(), DeadlineProvisional: c.DeadlineProvisional,
		RepliedAt: c.RepliedAt, Reply: deref(c.Reply), Resolved: c.Resolved, Callback: deref(c.Callback),
		ReviewLevel: c.ReviewLevel}
	if c.Status == StatusReplied {
		v.CanRate = true
		if c.ReviewLevel < 2 && !now.After(*c.ReviewUntil) {
			v.CanReview, v.ReviewUntil = true, c.ReviewUntil
		}
	}
	for _, e := range events {
		if e.Stage == "extension" && deref(e.Value) != ExtensionApproved {
			continue // a request and a refusal are the staff's business
		}
		st := PublicStage{At: e.At, Stage: e.Stage, Value: deref(e.Value)}
		if e.Stage == "assign" {
			st.Unit = name(deref(e.Unit))
		}
		v.Stages = append(v.Stages, st)
	}
	return v, nil
}
