package phone

import (
	"time"

	"pingyi/sampling"
)

// Frame is a campaign's sampling frame.
type Frame struct {
	ID         int64
	CampaignID int64
	Entries    int64
	CreatedAt  time.Time
	FrozenAt   *time.Time // set when a draw is planned: the frame no longer changes
	ErasedAt   *time.Time // set when its numbers and names were destroyed
}

func (Frame) TableName() string { return "phone_frames" }

// ImportRecord records one file imported into a frame.
type ImportRecord struct {
	ID         int64
	FrameID    int64
	FileName   string
	RowsRead   int
	Added      int
	Duplicates int
	DoNotCall  int
	Invalid    int
	ImportedBy string
	ImportedAt time.Time
}

func (ImportRecord) TableName() string { return "phone_frame_imports" }

// entry is one contact of a frame. PhoneSealed and NameSealed are nil once
// erased.
type entry struct {
	ID          int64
	FrameID     int64
	ImportID    int64
	Line        int
	Stratum     string
	PhoneKey    string
	MatchHash   string
	PhoneSealed []byte
	NameSealed  []byte
	ServiceDate *string
	District    *string
}

func (entry) TableName() string { return "phone_frame_entries" }

type doNotCall struct {
	MatchHash string
	AddedBy   string
	AddedAt   time.Time
}

func (doNotCall) TableName() string { return "phone_do_not_call" }

// DrawStatus is where a draw stands in the protocol of sampling.Seed.
type DrawStatus string

const (
	Planned   DrawStatus = "planned"   // frame frozen, allocation fixed, seed committed
	Witnessed DrawStatus = "witnessed" // the witness is fixed
	Executed  DrawStatus = "executed"  // the sample is stored and the seed revealed
)

// Draw is a draw as stored. SeedSealed never leaves this package; Seed is
// set only once the draw is executed.
type Draw struct {
	ID                int64
	CampaignID        int64
	FrameID           int64
	Status            DrawStatus
	Version           string // sampling's encoding version, "pingyi/draw/v1"
	Design            string // stratified or simple
	Method            string
	Completes         int
	Minimum           int
	ResponseRate      float64
	Replicates        int
	ContactedMonths   int
	ExcludedDNC       int `gorm:"column:excluded_dnc"`
	ExcludedContacted int
	FrameDigest       string
	FrameEntries      int64
	Commitment        string
	SeedSealed        []byte `json:"-"`
	Seed              *string
	Witness           *string
	SampleDigest      *string
	PlannedBy         string
	PlannedAt         time.Time
	WitnessedBy       *string
	WitnessedAt       *time.Time
	// WitnessEventAt is when the public event the witness names took
	// place: after PlannedAt.
	WitnessEventAt *time.Time
	ExecutedBy     *string
	ExecutedAt     *time.Time
}

func (Draw) TableName() string { return "phone_draws" }

// Stratum is one stratum of a draw: a unit, or in a simple random draw the
// whole frame, "*".
type Stratum struct {
	DrawID             int64
	Stratum            string
	FrameSize          int      // N_h
	SD                 *float64 `gorm:"column:sd"`
	Quota              int      // completes wanted
	Drawn              int      // cases drawn: the published allocation
	BatchSize          int      // cases per replicate
	Released           int      // cases released so far: n_h of the design weight
	ReleasedReplicates int
	Completes          int
}

func (Stratum) TableName() string { return "phone_draw_strata" }

// Weight is the design weight of the stratum's respondents now.
func (s Stratum) Weight() float64 { return sampling.DesignWeight(s.FrameSize, s.Released) }

// CaseStatus is where a case stands in the queue.
type CaseStatus string

const (
	Pending CaseStatus = "pending" // drawn, its replicate not released
	Open    CaseStatus = "open"    // released; may be called
	Closed  CaseStatus = "closed"  // has its final disposition
)

// phoneCase is a drawn case as stored.
type phoneCase struct {
	ID             int64
	CampaignID     int64
	DrawID         int64
	EntryID        int64
	Stratum        string
	Unit           string // the unit the person was served by, rated in the interview
	DrawKey        string // the key the draw ranked (see keyOf)
	MatchHash      string
	Position       int
	Replicate      int
	Status         CaseStatus
	Priority       int
	QueueAt        *time.Time
	AppointmentAt  *time.Time
	Attempts       int
	Disposition    *string
	LastOperatorID *int64
	LastAttemptAt  *time.Time
	LeaseOwner     *int64
	LeasedAt       *time.Time
	LeaseExpiresAt *time.Time
	ResponseID     *int64
	ReleasedAt     *time.Time
	ClosedAt       *time.Time
}

func (phoneCase) TableName() string { return "phone_cases" }

// Attempt is one call attempt.
type Attempt struct {
	ID            int64
	CaseID        int64
	CampaignID    int64
	OperatorID    int64
	Number        int
	Disposition   string
	AppointmentAt *time.Time
	StartedAt     time.Time
	RecordedAt    time.Time
}

func (Attempt) TableName() string { return "phone_attempts" }
