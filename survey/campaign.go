package survey

import (
	"encoding/json"
	"time"

	"pingyi/i18n"
)

// Status is where a campaign stands in its year.
type Status string

const (
	Draft     Status = "draft"     // being defined; everything may change
	Open      Status = "open"      // collecting responses; the structure is frozen
	Closed    Status = "closed"    // collection over; late paper forms may still be imported
	Review    Status = "review"    // the committee reviews score runs
	Published Status = "published" // the ranking is public
)

// In names the status in lang, so that a message saying a campaign "is
// %s" reads "收集中", not its code.
func (s Status) In(lang i18n.Lang) string { return i18n.T(lang, "status:"+string(s)) }

// Campaign is one year's (or half-year's) evaluation, as stored.
type Campaign struct {
	ID               int64
	Code             string
	Name             string
	Organizer        string // the organiser's name, as the definition gave it
	OrganizerCode    string
	Series           string
	Description      *string
	Year             int
	Period           string
	Status           Status
	MinSample        int
	Bootstrap        int
	Seed             int64
	TieDecimals      int
	AHP              *string // the pairwise matrix as JSON, when weights come from AHP
	Components       *string // the components' weights as JSON (SPEC Scoring step 8), or nil
	Hotline          *string // the hotline settings as JSON, with Components
	StructureVersion int
	CreatedAt        time.Time
	UpdatedAt        time.Time
	OpenedAt         *time.Time
	ClosedAt         *time.Time
}

// TableName ties Campaign to the campaigns table.
func (Campaign) TableName() string { return "campaigns" }

// AHPMatrix decodes the stored pairwise matrix, or nil.
func (c Campaign) AHPMatrix() [][]float64 {
	if c.AHP == nil {
		return nil
	}
	var m [][]float64
	if json.Unmarshal([]byte(*c.AHP), &m) != nil {
		return nil
	}
	return m
}

// Category groups units that are ranked against each other.
type Category struct {
	ID         int64
	CampaignID int64
	Code       string
	Name       string
	Position   int
}

// TableName ties Category to the categories table.
func (Category) TableName() string { return "categories" }

// Unit is a department, station or window that respondents rate.
type Unit struct {
	ID         int64
	CampaignID int64
	Code       string
	Name       string
	CategoryID int64
	ParentID   *int64
	Level      int // 1 for a department, 2 for its stations, …
	Position   int
}

// TableName ties Unit to the units table.
func (Unit) TableName() string { return "units" }

// Indicator is what each unit is rated on.
type Indicator struct {
	ID         int64
	CampaignID int64
	Code       string
	Name       string
	Weight     *float64 // as given, or derived from the AHP matrix when set (resolveAHP); nil for auxiliary indicators
	Auxiliary  bool
	Position   int
}

// TableName ties Indicator to the indicators table.
func (Indicator) TableName() string { return "indicators" }

// Option is one answer on the scale.
type Option struct {
	ID         int64
	CampaignID int64
	Code       string
	Label      string
	Score      *float64
	Satisfied  bool
	Excluded   bool
	Position   int
}

// TableName ties Option to the scale_options table.
func (Option) TableName() string { return "scale_options" }

// Group is a respondent group.
type Group struct {
	ID         int64
	CampaignID int64
	Code       string
	Name       string
	Weight     float64
	MinSample  *int
	OpenLink   bool
	Position   int
	// PublishData is PublishResponses or PublishNone, the definition's
	// resolved for this group.
	PublishData string
	// Source is SourceDraw, SourceExternal or SourceDefault.
	Source string
	// Units is the group's scope as JSON (scope.go), nil for every unit.
	Units *string
}

// TableName ties Group to the respondent_groups table.
func (Group) TableName() string { return "respondent_groups" }
