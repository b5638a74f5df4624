package appeals

import (
	"context"
	"time"

	"pingyi/audit"
	"pingyi/secret"
	"pingyi/storage"
)

// WorkingDays is the calendar the ledger counts deadlines in; package
// calendar's *Days satisfies it.
type WorkingDays interface {
	IsWorkingDay(t time.Time) bool
	// AddWorkingDays is 24:00 China time of the n-th working day after the day of t.
	AddWorkingDays(t time.Time, n int) (at time.Time, provisional bool)
	// PeriodEnd is the end of calendar day t+days, moved to the next working day's end if that is not one.
	PeriodEnd(t time.Time, days int) (at time.Time, provisional bool)
}

// Unit is one unit of the organiser's register. Parent is "" for a
// department; stations nest up to four levels.
type Unit struct {
	Code, Name, Parent string
}

// Register lists the units cases may go to: all of them, or only those of
// codes when any are given (a code it does not hold is left out).
type Register interface {
	Units(ctx context.Context, codes ...string) ([]Unit, error)
}

// Config holds the ledger's rules that an organiser may change.
type Config struct {
	SimpleDays  int // working days to reply to a simple case (3)
	ComplexDays int // and to a complex one (15)
	ReviewDays  int // calendar days after a reply in which the person may ask for a review (30)
	// Wrong /q guesses admitted per hour, per address and per case.
	GuessesPerAddress int
	GuessesPerCase    int
	// Cases filed on the public form per hour from one address (0: no limit).
	FilingsPerAddress int
}

// DefaultConfig is SPEC's rules.
var DefaultConfig = Config{SimpleDays: 3, ComplexDays: 15, ReviewDays: 30, GuessesPerAddress: 30, GuessesPerCase: 10,
	FilingsPerAddress: 20}

// Store keeps the ledger in the database.
type Store struct {
	db       *storage.DB
	keys     *secret.Keys
	audit    *audit.Log
	days     func(ctx context.Context) (WorkingDays, error)
	register Register
	cfg      Config
	hashing  chan struct{} // admits a few case-password checks at a time, bounding their memory
}

// NewStore returns the ledger of db.
func NewStore(db *storage.DB, keys *secret.Keys, log *audit.Log, days func(ctx context.Context) (WorkingDays, error), register Register, cfg Config) *Store {
	return &Store{db: db, keys: keys, audit: log, days: days, register: register, cfg: cfg,
		hashing: make(chan struct{}, concurrentPasswordChecks())}
}
