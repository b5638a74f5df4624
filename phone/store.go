package phone

import (
	"context"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/sampling"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/survey"
)

// Store keeps the phone survey in the database.
type Store struct {
	db        *storage.DB
	keys      *secret.Keys
	audit     *audit.Log
	survey    *survey.Store
	responses *responses.Store
	// days loads the working-day calendar for the calling days; nil: the
	// days of the week alone decide.
	days func(ctx context.Context) (WorkingDays, error)
}

// UseCalendar makes holidays and adjusted working days count in the
// calling days (CallingHours.Calendar), from the calendar days loads as it
// stands each time rules are read.
func (s *Store) UseCalendar(days func(ctx context.Context) (WorkingDays, error)) { s.days = days }

// NewStore returns the phone survey store of db. Completed interviews go
// through the responses' one submission path.
func NewStore(db *storage.DB, keys *secret.Keys, log *audit.Log, surveys *survey.Store, answers *responses.Store) *Store {
	return &Store{db: db, keys: keys, audit: log, survey: surveys, responses: answers}
}

// frameSecret is the per-campaign secret of sampling.PhoneKey, derived from
// the master key: keys of one campaign's frame cannot be linked to another
// campaign's, while the same number keys alike within a campaign.
func (s *Store) frameSecret(campaignCode string) []byte {
	return s.keys.MAC(secret.Phone, []byte("pingyi/frame-key/"+campaignCode))
}

// matchHash identifies a number across campaigns, for the do-not-call list
// and the "recently contacted" exclusion.
func (s *Store) matchHash(p sampling.Phone) string { return s.keys.Hash(secret.Phone, p.Canonical) }

// forUpdate locks the rows a query reads until the transaction ends.
func (s *Store) forUpdate(q *gorm.DB) *gorm.DB { return s.db.Locked(q, storage.ForUpdate) }

// insertBatch is how many rows of the given number of columns one INSERT
// carries (see storage.DB.RowsPerInsert).
func (s *Store) insertBatch(columns int) int { return s.db.RowsPerInsert(columns) }

func (s *Store) campaign(ctx context.Context, code string) (survey.Campaign, error) {
	return s.survey.Campaign(ctx, code)
}

// frameOf returns a campaign's frame; found is false when it has none yet.
func (s *Store) frameOf(q *gorm.DB, campaignID int64) (f Frame, found bool, err error) {
	err = q.Where("campaign_id = ?", campaignID).Take(&f).Error
	if storage.IsNotFound(err) {
		return f, false, nil
	}
	return f, err == nil, err
}

// drawOf returns a campaign's draw.
func (s *Store) drawOf(q *gorm.DB, c survey.Campaign) (Draw, error) {
	var d Draw
	err := q.Where("campaign_id = ?", c.ID).Take(&d).Error
	if storage.IsNotFound(err) {
		return d, fault.NotFoundf("campaign %q has no phone sample yet", c.Code)
	}
	return d, err
}

// strataOf returns a draw's strata by stratum key.
func strataOf(q *gorm.DB, drawID int64) ([]Stratum, error) {
	var out []Stratum
	return out, q.Where("draw_id = ?", drawID).Order("stratum").Find(&out).Error
}
