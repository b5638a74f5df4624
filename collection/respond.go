// Package collection is the respondents' side of a campaign: invitation
// links, the web form's drafts, the open link's defences (one response per
// device, per-IP limits, optional phone verification) and the rules of who
// may submit what. Responses themselves are stored by package responses,
// through its one submission path; collection adds, inside that
// transaction, what a response uses up.
package collection

import (
	"log/slog"

	"pingyi/audit"
	"pingyi/responses"
	"pingyi/secret"
	"pingyi/storage"
	"pingyi/survey"
)

// Limits are the server-wide defaults of the open link's defences; a
// campaign's collection settings may override them.
type Limits struct {
	// SubmissionsPerIPHour caps the responses one network address may send
	// to one campaign's open link in a clock hour; 0 means no cap. Carrier
	// NAT puts many honest people behind one address, so it is generous.
	SubmissionsPerIPHour int
}

// DefaultLimits are the defaults when nothing is configured.
var DefaultLimits = Limits{SubmissionsPerIPHour: 30}

// Service holds the respondents' tables.
type Service struct {
	db        *storage.DB
	survey    *survey.Store
	responses *responses.Store
	audit     *audit.Log
	keys      *secret.Keys
	sender    Sender
	log       *slog.Logger
	limits    Limits
}

// New returns the service; sender delivers phone verification codes.
func New(db *storage.DB, surveys *survey.Store, answers *responses.Store, log *audit.Log, keys *secret.Keys, sender Sender, logger *slog.Logger, limits Limits) *Service {
	return &Service{db: db, survey: surveys, responses: answers, audit: log, keys: keys, sender: sender, log: logger, limits: limits}
}
