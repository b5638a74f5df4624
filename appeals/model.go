package appeals

import "time"

// Kinds of appeal (诉求类型), stored as these codes.
const (
	Consult   = "consult"   // 咨询
	Help      = "help"      // 求助
	Complaint = "complaint" // 投诉
	Report    = "report"    // 举报: never assigned to, shown to or counted for the unit it concerns
	Suggest   = "suggest"   // 建议
)

// Channels a case arrives by.
var channels = map[string]bool{"hotline": true, "web": true, "window": true, "letter": true,
	"supervisor": true, "survey": true, "import": true}

// kindNames maps every accepted spelling, Chinese or code, to the code.
var kindNames = map[string]string{
	"咨询": Consult, "求助": Help, "投诉": Complaint, "举报": Report, "建议": Suggest,
	Consult: Consult, Help: Help, Complaint: Complaint, Report: Report, Suggest: Suggest,
}

// Complexity decides the deadline: simple 3 working days, complex 15 (by default).
const (
	Simple  = "simple"
	Complex = "complex"
)

// Callback results (回访结果).
const (
	Satisfied    = "satisfied"    // 满意
	Basic        = "basic"        // 基本满意
	Dissatisfied = "dissatisfied" // 不满意
	Unreached    = "unreached"    // 未联系上
)

var callbackNames = map[string]string{
	"满意": Satisfied, "基本满意": Basic, "不满意": Dissatisfied, "未联系上": Unreached,
	Satisfied: Satisfied, Basic: Basic, Dissatisfied: Dissatisfied, Unreached: Unreached,
	"not reached": Unreached,
}

// Status is where a case stands now.
const (
	StatusReceived = "received" // waiting for the dispatcher (new, or returned by a unit)
	StatusAssigned = "assigned" // with a unit, not yet accepted
	StatusAccepted = "accepted" // accepted, being handled (also a case reopened by a review)
	StatusReplied  = "replied"  // the unit replied
)

// Extension states.
const (
	ExtensionRequested = "requested"
	ExtensionApproved  = "approved"
	ExtensionRefused   = "refused"
)

// Stages an imported file may leave unknown (bits of unknown_stages).
const (
	unknownAccepted = 1 << iota
	unknownReplied
	unknownResolved
	unknownCallback
)

// caseRow is the stored case.
type caseRow struct {
	ID                  int64
	Number              *string
	Source              string
	SourceNo            string
	Channel             string
	Kind                string
	Complexity          string
	Content             string
	ContactYear         *int
	ContactSealed       []byte
	ConcernsUnit        *string
	PasswordHash        *string
	PublicListed        bool
	Status              string
	ReceivedAt          time.Time
	ReceivedMonth       int
	Unit                *string
	AssignedAt          *time.Time
	AcceptBy            *time.Time
	AcceptedAt          *time.Time
	Deadline            *time.Time
	DeadlineProvisional bool
	Extension           *string
	ExtensionTo         *time.Time
	ExtensionReason     *string
	ExtensionAt         *time.Time
	FirstRepliedAt      *time.Time
	FirstResolved       *bool
	RepliedAt           *time.Time
	Resolved            *bool
	Reply               *string
	ReviewUntil         *time.Time
	Callback            *string
	CallbackAt          *time.Time
	PrevCallback        *string
	PrevCallbackAt      *time.Time
	ReviewLevel         int
	Review1At           *time.Time
	Review1RepliedAt    *time.Time
	Review1SettleBy     *time.Time
	Review2At           *time.Time
	ReviewDeadline      *time.Time
	UnknownStages       int
	Marks               rateMarks `gorm:"embedded"`
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

func (caseRow) TableName() string { return "appeal_cases" }

// ref names a case to staff: its public number, or for an imported case
// its source and the platform's number.
func (c caseRow) ref() string {
	if c.Number != nil {
		return *c.Number
	}
	return c.Source + "/" + c.SourceNo
}

// event is one stage in a case's history.
type event struct {
	ID     int64
	CaseID int64
	At     time.Time
	Stage  string
	Actor  string
	Unit   *string
	Value  *string
	Note   *string
}

func (event) TableName() string { return "appeal_events" }

// Case is what staff see of a case: everything but the contact in clear,
// which is masked.
type Case struct {
	ID                  int64
	Number              string // the public number; "" for an imported case
	Source, SourceNo    string
	Channel, Kind       string
	Complexity          string
	Content             string
	Contact             string // masked, e.g. 138****1234
	ConcernsUnit        string
	HasPassword         bool
	Public              bool
	Status              string
	ReceivedAt          time.Time
	Unit                string
	AssignedAt          *time.Time
	AcceptBy            *time.Time
	AcceptedAt          *time.Time
	Deadline            *time.Time // the extended one once approved
	DeadlineProvisional bool
	Extension           string
	ExtensionTo         *time.Time
	RepliedAt           *time.Time
	Resolved            *bool
	Reply               string
	ReviewUntil         *time.Time
	Callback            string
	ReviewLevel         int
	Overdue             bool
	Settled             bool // 息诉息访: replied and not raised again in time, or replied after 复核
}

func ptr[T any](v T) *T { return &v }

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
