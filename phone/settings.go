package phone

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
)

// Settings are a campaign's calling rules and call script.
type Settings struct {
	Group       string // the respondent group phone interviews answer for
	Hours       CallingHours
	MaxAttempts int
	MinInterval time.Duration // between two attempts on one case
	Lease       time.Duration // how long a case stays held without activity
	Script      string        // "{unit}" and "{campaign}" are filled in on the console
	UpdatedBy   string
	UpdatedAt   *time.Time
}

type settingsRow struct {
	CampaignID         int64 `gorm:"primaryKey"`
	GroupCode          string
	CallingHours       string
	CallingDays        string
	MaxAttempts        int
	MinIntervalMinutes int
	LeaseMinutes       int
	Script             string
	UpdatedBy          string
	UpdatedAt          time.Time
}

func (settingsRow) TableName() string { return "phone_settings" }

// The defaults follow common practice for government satisfaction call-backs:
// no calls over the midday rest or in the evening, six attempts at least two
// hours apart, a case held for a quarter of an hour.
const (
	defaultGroup = "service_users"
	defaultHours = "09:00-12:00,14:00-20:00"
	defaultDays  = "1234567"
	defaultMax   = 6
)

// DefaultScript is the call script until an administrator writes another.
const DefaultScript = "您好！我是{campaign}的电话调查员。您近期在{unit}办理过业务，想占用您两三分钟，了解您对该单位服务效率、服务态度和服务质量的评价。您的回答只用于统计，我们会严格保密。请问现在方便吗？"

// DefaultSettings are the rules of a campaign nobody has configured.
func DefaultSettings() Settings {
	h, _ := ParseCallingHours(defaultHours, defaultDays)
	return Settings{Group: defaultGroup, Hours: h, MaxAttempts: defaultMax, MinInterval: 2 * time.Hour,
		Lease: 15 * time.Minute, Script: DefaultScript}
}

// SettingsInput is what an administrator submits.
type SettingsInput struct {
	Group              string `json:"group" form:"group"`
	CallingHours       string `json:"calling_hours" form:"calling_hours"`
	CallingDays        string `json:"calling_days" form:"calling_days"`
	MaxAttempts        int    `json:"max_attempts" form:"max_attempts"`
	MinIntervalMinutes int    `json:"min_interval_minutes" form:"min_interval_minutes"`
	LeaseMinutes       int    `json:"lease_minutes" form:"lease_minutes"`
	Script             string `json:"script" form:"script"`
}

// Input returns the settings as the form shows them.
func (st Settings) Input() SettingsInput {
	return SettingsInput{Group: st.Group, CallingHours: st.Hours.String(), CallingDays: st.Hours.DayString(),
		MaxAttempts: st.MaxAttempts, MinIntervalMinutes: int(st.MinInterval / time.Minute),
		LeaseMinutes: int(st.Lease / time.Minute), Script: st.Script}
}

const maxScript = 20000

// Settings returns a campaign's rules.
func (s *Store) Settings(ctx context.Context, code string) (Settings, error) {
	c, err := s.campaign(ctx, code)
	if err != nil {
		return Settings{}, err
	}
	return s.settingsOf(s.db.WithContext(ctx), c.ID)
}

func (s *Store) settingsOf(q *gorm.DB, campaignID int64) (Settings, error) {
	set, err := s.storedSettings(q, campaignID)
	if err != nil || s.days == nil {
		return set, err
	}
	set.Hours.Calendar, err = s.days(q.Statement.Context)
	return set, err
}

// storedSettings are a campaign's rules as stored, or the defaults.
func (s *Store) storedSettings(q *gorm.DB, campaignID int64) (Settings, error) {
	var row settingsRow
	err := q.Where("campaign_id = ?", campaignID).Take(&row).Error
	if storage.IsNotFound(err) {
		return DefaultSettings(), nil
	}
	if err != nil {
		return Settings{}, err
	}
	h, err := ParseCallingHours(row.CallingHours, row.CallingDays)
	if err != nil {
		return Settings{}, err // only valid rules are ever stored
	}
	at := row.UpdatedAt
	return Settings{Group: row.GroupCode, Hours: h, MaxAttempts: row.MaxAttempts,
		MinInterval: time.Duration(row.MinIntervalMinutes) * time.Minute, Lease: time.Duration(row.LeaseMinutes) * time.Minute,
		Script: row.Script, UpdatedBy: row.UpdatedBy, UpdatedAt: &at}, nil
}

// SaveSettings checks and stores a campaign's rules, every problem at once.
func (s *Store) SaveSettings(ctx context.Context, code string, in SettingsInput, actor audit.Actor) (Settings, error) {
	st, err := s.survey.Structure(ctx, code)
	if err != nil {
		return Settings{}, err
	}
	var problems []fault.Problem
	in.Group = strings.TrimSpace(in.Group)
	if _, ok := st.GroupIndex(in.Group); !ok {
		problems = append(problems, fault.P("group", "unknown respondent group %q", in.Group))
	}
	hours, err := ParseCallingHours(in.CallingHours, in.CallingDays)
	if err != nil {
		problems = append(problems, fault.P("calling_hours", "calling hours must look like 09:00-12:00,14:00-20:00 and days like 12345 (1 is Monday)"))
	}
	if in.MaxAttempts < 1 || in.MaxAttempts > 30 {
		problems = append(problems, fault.P("max_attempts", "the maximum number of attempts must be between %d and %d", 1, 30))
	}
	if in.MinIntervalMinutes < 0 || in.MinIntervalMinutes > 7*24*60 {
		problems = append(problems, fault.P("min_interval_minutes", "the interval between attempts must be between 0 and %d minutes", 7*24*60))
	}
	if in.LeaseMinutes < 1 || in.LeaseMinutes > 240 {
		problems = append(problems, fault.P("lease_minutes", "a case may be held between 1 and %d minutes", 240))
	}
	in.Script = strings.TrimSpace(in.Script)
	if in.Script == "" || utf8.RuneCountInString(in.Script) > maxScript {
		problems = append(problems, fault.P("script", "the call script must have between 1 and %d characters", maxScript))
	}
	if len(problems) > 0 {
		return Settings{}, fault.WithProblems(problems, "the calling rules have %d problems", len(problems))
	}
	row := settingsRow{CampaignID: st.Campaign.ID, GroupCode: in.Group, CallingHours: hours.String(), CallingDays: hours.DayString(),
		MaxAttempts: in.MaxAttempts, MinIntervalMinutes: in.MinIntervalMinutes, LeaseMinutes: in.LeaseMinutes,
		Script: in.Script, UpdatedBy: actor.Login, UpdatedAt: s.db.Now()}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Save(&row).Error; err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "phone.rules", Object: "campaign:" + code,
			Detail: map[string]any{"group": row.GroupCode, "calling_hours": row.CallingHours, "calling_days": row.CallingDays,
				"max_attempts": row.MaxAttempts, "min_interval_minutes": row.MinIntervalMinutes,
				"lease_minutes": row.LeaseMinutes, "script_characters": utf8.RuneCountInString(row.Script)}})
	})
	if err != nil {
		return Settings{}, err
	}
	return s.settingsOf(s.db.WithContext(ctx), st.Campaign.ID)
}
