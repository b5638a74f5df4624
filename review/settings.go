package review

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/scoring"
	"pingyi/storage"
	"pingyi/survey"
)

// Settings are a campaign's review parameters. Every field has a default
// (DefaultSettings); a campaign without stored settings uses them.
type Settings struct {
	// Quorum is how many committee members must approve a run; 0 means a
	// majority of the active committee accounts at the time of publishing.
	Quorum int        `json:"quorum"`
	Tiers  []Tier     `json:"tiers"`
	Flags  Thresholds `json:"flags"`
}

// Tier is a band of the index. A unit is in the first tier (highest first)
// whose Min its index reaches, the index rounded to the campaign's tie
// decimals as it is shown; an index below every Min is in the last tier.
type Tier struct {
	Name string  `json:"name"`
	Min  float64 `json:"min"`
}

// Thresholds tune the quality flags; flags.go says what each one means.
type Thresholds struct {
	WideInterval    float64 `json:"wide_interval"`    // points of CI width above which an index is flagged
	BurstSize       int     `json:"burst_size"`       // k: forms from one device or address…
	BurstMinutes    int     `json:"burst_minutes"`    // t: …within this many minutes
	BurstGap        float64 `json:"burst_gap"`        // d: points by which a burst's mean for a unit beats the others'
	BurstT          float64 `json:"burst_t"`          // z: how many standard errors that gap must also be (Welch's t)
	WindowSize      int     `json:"window_size"`      // web forms about one unit within t minutes, from any source
	IdenticalCopies int     `json:"identical_copies"` // forms with byte-identical answers
	IdenticalCells  int     `json:"identical_cells"`  // valid ratings a pattern needs to count as identical answers
	StraightUnits   int     `json:"straight_units"`   // units rated with one single option
	FastSeconds     int     `json:"fast_seconds"`     // completion faster than this
}

// DefaultSettings: tiers at 90/80/60, named as the four upper options of
// SPEC's scale (the bands people already know from the form), and flag
// thresholds that no ordinary respondent trips in the demo's realistic
// data while its planted burst trips several. The burst gap is small (5
// points) because stuffing a unit that is already rated 92 can only add
// 8; the t of 3 keeps chance out: an honest cluster of ten forms strays
// that far from the rest about once in a thousand.
func DefaultSettings() Settings {
	return Settings{
		Tiers: []Tier{{"满意", 90}, {"比较满意", 80}, {"基本满意", 60}, {"不满意", 0}},
		Flags: Thresholds{WideInterval: 10, BurstSize: 10, BurstMinutes: 30, BurstGap: 5, BurstT: 3, WindowSize: 30,
			IdenticalCopies: 3, IdenticalCells: 12, StraightUnits: 10, FastSeconds: 90},
	}
}

// TierOf returns the tier name of an index shown with decimals, or "" for
// a unit without an index.
func (s Settings) TierOf(index *float64, decimals int) string {
	if index == nil || len(s.Tiers) == 0 {
		return ""
	}
	x := scoring.RoundHalfAway(*index, decimals)
	for _, t := range s.Tiers {
		if x >= t.Min {
			return t.Name
		}
	}
	return s.Tiers[len(s.Tiers)-1].Name
}

// Check reports every problem of a settings document.
func (s Settings) Check() error {
	var problems []fault.Problem
	addf := func(path, format string, args ...any) { problems = append(problems, fault.P(path, format, args...)) }
	if s.Quorum < 0 || s.Quorum > 1000 {
		addf("quorum", "must be 0 (a majority of the committee) or a number of members up to 1000")
	}
	if len(s.Tiers) == 0 || len(s.Tiers) > 10 {
		addf("tiers", "give between 1 and 10 tiers")
	}
	seen := map[string]bool{}
	for i, t := range s.Tiers {
		at := fmt.Sprintf("tiers[%d]", i)
		name := strings.TrimSpace(t.Name)
		switch {
		case name == "" || utf8.RuneCountInString(name) > 32:
			addf(at+".name", "a tier needs a name of 1 to 32 characters")
		case seen[name]:
			addf(at+".name", "tier name %q is used twice", name)
		}
		seen[name] = true
		if math.IsNaN(t.Min) || math.IsInf(t.Min, 0) {
			addf(at+".min", "must be a number")
		} else if i > 0 && !(t.Min < s.Tiers[i-1].Min) {
			addf(at+".min", "tiers go from the highest to the lowest: %v is not below %v", t.Min, s.Tiers[i-1].Min)
		}
	}
	f := s.Flags
	if !(f.WideInterval > 0) {
		addf("flags.wide_interval", "must be above 0")
	}
	if !(f.BurstGap >= 0) {
		addf("flags.burst_gap", "must not be negative")
	}
	if !(f.BurstT >= 0) {
		addf("flags.burst_t", "must not be negative")
	}
	for _, x := range []struct {
		path string
		v    int
		min  int
	}{{"flags.burst_size", f.BurstSize, 2}, {"flags.burst_minutes", f.BurstMinutes, 1}, {"flags.window_size", f.WindowSize, 2},
		{"flags.identical_copies", f.IdenticalCopies, 2}, {"flags.identical_cells", f.IdenticalCells, 1},
		{"flags.straight_units", f.StraightUnits, 2}, {"flags.fast_seconds", f.FastSeconds, 1}} {
		if x.v < x.min || x.v > 100000 {
			addf(x.path, "must be a whole number from %d to %d", x.min, 100000)
		}
	}
	if len(problems) > 0 {
		return fault.WithProblems(problems, "the review settings have %d problems", len(problems))
	}
	return nil
}

type settingsRow struct {
	CampaignID int64 `gorm:"primaryKey"`
	Settings   string
	UpdatedAt  time.Time
	UpdatedBy  string
}

func (settingsRow) TableName() string { return "review_settings" }

// Settings returns a campaign's review settings: the stored ones over the
// defaults, so a field added later takes its default.
func (s *Store) Settings(ctx context.Context, code string) (Settings, error) {
	c, err := s.survey.Campaign(ctx, code)
	if err != nil {
		return Settings{}, err
	}
	return settingsOf(s.db.WithContext(ctx), c.ID)
}

// campaign returns a campaign's structure with its review settings.
func (s *Store) campaign(ctx context.Context, code string) (*survey.Structure, Settings, error) {
	st, err := s.survey.Structure(ctx, code)
	if err != nil {
		return nil, Settings{}, err
	}
	set, err := settingsOf(s.db.WithContext(ctx), st.Campaign.ID)
	return st, set, err
}

func settingsOf(q *gorm.DB, campaignID int64) (Settings, error) {
	out := DefaultSettings()
	var row settingsRow
	err := q.Where("campaign_id = ?", campaignID).Take(&row).Error
	if storage.IsNotFound(err) {
		return out, nil
	}
	if err != nil {
		return out, err
	}
	out.Tiers = nil // stored tiers replace the defaults rather than merge with them
	if err := json.Unmarshal([]byte(row.Settings), &out); err != nil {
		return out, fmt.Errorf("review settings of campaign %d: %w", campaignID, err)
	}
	return out, nil
}

// SaveSettings checks and stores a campaign's review settings. Versions
// already published keep the tiers they were published with.
func (s *Store) SaveSettings(ctx context.Context, code string, in Settings, actor audit.Actor) error {
	for i := range in.Tiers {
		in.Tiers[i].Name = strings.TrimSpace(in.Tiers[i].Name)
	}
	if err := in.Check(); err != nil {
		return err
	}
	raw, _ := json.Marshal(in)
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		c, err := s.survey.LockCampaign(tx, code)
		if err != nil {
			return err
		}
		row := settingsRow{CampaignID: c.ID, Settings: string(raw), UpdatedAt: s.db.Now(), UpdatedBy: actor.Login}
		if err := tx.Save(&row).Error; err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "review.settings", Object: "campaign:" + code, Detail: in})
	})
}
