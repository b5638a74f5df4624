// Package survey holds campaigns and everything they are made of: categories,
// units, indicators, the answer scale, respondent groups, and the responses
// themselves, with their storage.
package survey

// Definition is the campaign definition document of SPEC.md, as a client
// sends it to `pingyi campaign create` or POST /api/v1/campaigns. It is a
// request type: it never carries ids or a status.
type Definition struct {
	Code      string       `json:"code" validate:"required,code"`
	Name      string       `json:"name" validate:"required,max=200"`
	Organizer OrganizerDef `json:"organizer"`
	// Series links campaigns across years (default: organiser code and
	// period); a comparison with last year looks only inside it.
	Series      string         `json:"series,omitempty"`
	Description string         `json:"description,omitempty" validate:"max=4000"`
	Year        int            `json:"year" validate:"required,gte=2000,lte=2100"`
	Period      string         `json:"period" validate:"required,oneof=annual midyear"`
	Scale       []OptionDef    `json:"scale" validate:"required,min=2,max=16,dive"`
	Indicators  []IndicatorDef `json:"indicators" validate:"required,min=1,max=32,dive"`
	Groups      []GroupDef     `json:"groups" validate:"required,min=1,max=32,dive"`
	Categories  []CategoryDef  `json:"categories" validate:"required,min=1,max=64,dive"`
	Units       []UnitDef      `json:"units" validate:"required,min=1,max=10000,dive"`
	AHP         [][]float64    `json:"ahp,omitempty"`
	Scoring     ScoringDef     `json:"scoring"`
	// Components weighs the survey index against the hotline assessment
	// (SPEC Scoring step 8): keys survey and hotline only. Hotline is
	// required exactly when Components has a hotline weight.
	Components map[string]float64 `json:"components,omitempty"`
	Hotline    *HotlineDef        `json:"hotline,omitempty"`
	// PublishData is the default of every group's publish_data.
	PublishData string `json:"publish_data,omitempty"`
}

// OptionDef is one answer on the scale, such as 满意 or 不了解.
type OptionDef struct {
	Code      string   `json:"code" validate:"required,code,max=16"`
	Label     string   `json:"label" validate:"required,max=64"`
	Score     *float64 `json:"score,omitempty"`
	Satisfied bool     `json:"satisfied,omitempty"`
	Excluded  bool     `json:"excluded,omitempty"`
}

// IndicatorDef is what respondents rate each unit on.
type IndicatorDef struct {
	Code      string   `json:"code" validate:"required,code"`
	Name      string   `json:"name" validate:"required,max=200"`
	Weight    *float64 `json:"weight,omitempty"`
	Auxiliary bool     `json:"auxiliary,omitempty"`
}

// GroupDef is a respondent group and its weight in the index.
type GroupDef struct {
	Code      string   `json:"code" validate:"required,code"`
	Name      string   `json:"name" validate:"required,max=200"`
	Weight    *float64 `json:"weight" validate:"required"`
	MinSample *int     `json:"min_sample,omitempty" validate:"omitempty,gte=1"`
	// OpenLink marks the group that answers through the campaign's open
	// public link; the other groups answer through invitations. When no
	// group says, the first group is the open one (the public, in every
	// evaluation we model).
	OpenLink *bool `json:"open_link,omitempty"`
	// PublishData says whether the group's responses are published with
	// each version (PublishResponses, the default) or withheld
	// (PublishNone), e.g. for a small group whose members could be
	// recognised; empty takes the campaign's.
	PublishData string `json:"publish_data,omitempty"`
	// Source is where the group's responses come from: SourceDraw,
	// SourceExternal or, absent, forms, invitations and imports.
	Source string `json:"source,omitempty"`
	// Units narrows the units the group rates (scope.go); nil: all.
	Units *UnitScope `json:"units,omitempty"`
}

// CategoryDef is a category units are ranked within.
type CategoryDef struct {
	Code string `json:"code" validate:"required,code"`
	Name string `json:"name" validate:"required,max=200"`
}

// UnitDef is a department, or with a parent one of its stations or windows.
type UnitDef struct {
	Code     string  `json:"code" validate:"required,code"`
	Name     string  `json:"name" validate:"required,max=200"`
	Category string  `json:"category" validate:"required"`
	Parent   *string `json:"parent"`
}

// ScoringDef holds the scoring parameters; absent ones take their defaults.
type ScoringDef struct {
	MinSample   *int    `json:"min_sample,omitempty" validate:"omitempty,gte=1,lte=100000"`
	Bootstrap   *int    `json:"bootstrap,omitempty" validate:"omitempty,gte=0,lte=10000"`
	Seed        *uint64 `json:"seed,omitempty" validate:"omitempty,lte=9223372036854775807"`
	TieDecimals *int    `json:"tie_decimals,omitempty" validate:"omitempty,gte=0,lte=6"`
}

// Scoring defaults: SPEC's example values, which are also common practice
// (30 responses per group before its mean is trusted; 1,000 replicates for
// stable 2.5% and 97.5% rank percentiles; indices published to 2 decimals).
const (
	DefaultMinSample   = 30
	DefaultBootstrap   = 1000
	DefaultTieDecimals = 2
	// MaxUnitDepth is department → station → window → counter.
	MaxUnitDepth = 4
)
