package scoring

// Config is what scoring needs to know about a campaign. Slices are in
// campaign order; responses refer to their elements by index.
type Config struct {
	Units      []Unit
	Indicators []Indicator // main and auxiliary
	Options    []Option    // the rating scale
	Groups     []Group
	// Bootstrap is the number B of replicates for the rank intervals; 0 leaves
	// rank_low and rank_high null.
	Bootstrap   int
	Seed        uint64
	TieDecimals int // indices equal when rounded to this many decimals tie
	// Hotline adds step 8's hotline component to the index; nil for a
	// definition without components, which is scored by steps 1–7 alone.
	Hotline *Hotline
}

// Unit is a rated department (单位), or a station or window below one.
// Ranks are computed within a category and level, so a department and its
// stations are never ranked against each other.
type Unit struct {
	Code     string
	Category string
	// Parent is the code of the unit directly above; "" for a department.
	Parent string
	// Level is 1 for a department, 2 for its station, …; 0 is read as the
	// level Parent implies, so a configuration without levels is all level 1.
	Level int
}

// Indicator is a rated aspect. Weight is already resolved (explicit or from
// [AHP]) and need not be normalised; auxiliary indicators are reported on
// their own and their Weight is not used.
type Indicator struct {
	Code      string
	Weight    float64
	Auxiliary bool
}

// Option is one answer of the scale. Excluded options (不了解) count as not
// rated; their Score is not used.
type Option struct {
	Code      string
	Score     float64
	Satisfied bool
	Excluded  bool
}

// Group is a respondent group. MinSample is the group's resolved min_sample.
// A group with Weight 0 is reported but never counted in an index.
type Group struct {
	Code      string
	Weight    float64
	MinSample int
}

// Storage limits: unit indices are kept as uint16 and option indices as one
// byte per indicator, which keeps a large campaign in tens of megabytes.
const (
	maxUnits       = 1 << 16
	maxIndicators  = 255
	maxOptions     = 255
	maxTieDecimals = 15
)

// Magnitude limits. Real weights and scores are far inside them (a design
// weight of 10¹² would stand for more people than exist); within them no
// sum, product or square in the computation can overflow or lose itself in
// subnormal numbers, so a published number is always finite and accurate.
const (
	maxMagnitude    = 1e12 // weights, |scores|
	minDesignWeight = 1e-12
)
