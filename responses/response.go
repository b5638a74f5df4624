package responses

import "time"

// Channel is how a response reached Pingyi.
type Channel string

const (
	Web   Channel = "web"
	Phone Channel = "phone"
	Paper Channel = "paper"
)

// Channels lists the channels SPEC.md knows.
var Channels = []Channel{Web, Phone, Paper}

// Response is one respondent's form, as stored. IPHash and DeviceHash are
// keyed hashes (never the raw values): enough for the committee to see
// bursts from one device, useless to anyone who steals the database.
type Response struct {
	ID             int64
	CampaignID     int64
	Ref            string
	GroupID        int64
	Stratum        string
	Weight         float64
	Channel        Channel
	SubmittedAt    time.Time
	StartedAt      *time.Time
	IdempotencyKey *string
	IPHash         *string
	DeviceHash     *string
	Answers        []byte
	// SubmittedBy is the login of the member of staff who sent the
	// response through the API for someone (a kiosk, data entry), or nil.
	SubmittedBy *string
}

// TableName ties Response to the responses table.
func (Response) TableName() string { return "responses" }

// Comment is a respondent's free-text remark (意见建议) about a unit.
type Comment struct {
	ResponseID int64
	UnitID     int64
	Body       string
}

// TableName ties Comment to the response_comments table.
func (Comment) TableName() string { return "response_comments" }
