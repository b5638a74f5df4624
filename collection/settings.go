package collection

import (
	"context"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
)

// Settings are how a campaign's open link defends itself.
type Settings struct {
	// SubmissionsPerIPHour overrides the server's limit; nil keeps it, 0
	// lifts it.
	SubmissionsPerIPHour *int
	// PhoneVerification makes open-link respondents verify a mobile number
	// before the form, and allows one response per number.
	PhoneVerification bool
}

type settingsRow struct {
	CampaignID           int64 `gorm:"primaryKey"`
	SubmissionsPerIPHour *int
	PhoneVerification    bool
	UpdatedAt            time.Time
}

func (settingsRow) TableName() string { return "collection_settings" }

// limit is the submissions per address and hour in force.
func (s Settings) limit(def Limits) int {
	if s.SubmissionsPerIPHour != nil {
		return *s.SubmissionsPerIPHour
	}
	return def.SubmissionsPerIPHour
}

// Effective returns the limit in force with the server's defaults.
func (s *Service) Effective(set Settings) int { return set.limit(s.limits) }

// Settings returns a campaign's settings.
func (s *Service) Settings(ctx context.Context, campaignID int64) (Settings, error) {
	return s.settings(s.db.WithContext(ctx), campaignID)
}

func (s *Service) settings(q *gorm.DB, campaignID int64) (Settings, error) {
	var row settingsRow
	err := q.Where("campaign_id = ?", campaignID).Take(&row).Error
	if storage.IsNotFound(err) {
		return Settings{}, nil
	}
	return Settings{SubmissionsPerIPHour: row.SubmissionsPerIPHour, PhoneVerification: row.PhoneVerification}, err
}

// maxPerHour bounds a configured limit to something a database counter
// means.
const maxPerHour = 1000000

// SetSettings changes a campaign's settings.
func (s *Service) SetSettings(ctx context.Context, code string, set Settings, actor audit.Actor) error {
	st, err := s.survey.Structure(ctx, code)
	if err != nil {
		return err
	}
	if n := set.SubmissionsPerIPHour; n != nil && (*n < 0 || *n > maxPerHour) {
		return fault.WithProblems([]fault.Problem{fault.P("submissions_per_ip_hour", "the limit must be between 0 (none) and %d", maxPerHour)},
			"the settings have %d problems", 1)
	}
	row := settingsRow{CampaignID: st.Campaign.ID, SubmissionsPerIPHour: set.SubmissionsPerIPHour,
		PhoneVerification: set.PhoneVerification, UpdatedAt: s.db.Now()}
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Save(&row).Error; err != nil {
			return err
		}
		detail := map[string]any{"phone_verification": set.PhoneVerification, "submissions_per_ip_hour": set.SubmissionsPerIPHour}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "collection.settings", Object: "campaign:" + code, Detail: detail})
	})
}
