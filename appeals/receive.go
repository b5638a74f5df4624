package appeals

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
)

// Intake is a case as a dispatcher or the public form receives it.
type Intake struct {
	Channel      string // hotline, web, window, letter, supervisor, survey
	Kind         string // consult, help, complaint, report, suggest (or 咨询 …)
	Content      string
	Contact      string // sealed; never shown whole, logged or exported
	Complexity   string // simple (default) or complex
	ConcernsUnit string // for a report (举报): the unit it is about
	Password     string // optional, chosen by the person to follow the case at /q
	Public       bool   // listed in the Open311 read API
}

// Received is what the person is given: the number to follow the case by.
type Received struct {
	ID     int64
	Number string
}

const maxContent = 5000

func (s *Store) checkIntake(in *Intake, us *units) error {
	var problems []fault.Problem
	if !channels[in.Channel] || in.Channel == "import" {
		problems = append(problems, fault.P("channel", "unknown channel %q", in.Channel))
	}
	kind, ok := kindNames[in.Kind]
	if !ok {
		problems = append(problems, fault.P("kind", "the type must be one of 咨询, 求助, 投诉, 举报, 建议"))
	}
	in.Kind = kind
	in.Content = strings.TrimSpace(in.Content)
	if in.Content == "" {
		problems = append(problems, fault.P("content", "say what the matter is"))
	} else if utf8.RuneCountInString(in.Content) > maxContent {
		problems = append(problems, fault.P("content", "the content is longer than %d characters", maxContent))
	}
	if in.Complexity == "" {
		in.Complexity = Simple
	}
	if in.Complexity != Simple && in.Complexity != Complex {
		problems = append(problems, fault.P("complexity", "the complexity must be simple or complex"))
	}
	if utf8.RuneCountInString(in.Contact) > 100 {
		problems = append(problems, fault.P("contact", "the contact is longer than %d characters", 100))
	}
	if kind == Report {
		if in.ConcernsUnit == "" {
			problems = append(problems, fault.P("concerns_unit", "a report (举报) must name the unit it concerns"))
		} else if code, ok := us.find(in.ConcernsUnit); !ok {
			problems = append(problems, fault.P("concerns_unit", "no unit in the register has the code or name %q", in.ConcernsUnit))
		} else {
			in.ConcernsUnit = code
		}
	} else {
		in.ConcernsUnit = ""
	}
	if in.Password != "" {
		if err := checkCasePassword(in.Password); err != nil {
			e, _ := fault.As(err)
			problems = append(problems, fault.Problem{Path: "password", Reason: e.Message})
		}
	}
	if len(problems) > 0 {
		return fault.WithProblems(problems, "the case cannot be received")
	}
	return nil
}

// Receive records a new case and gives its public number.
func (s *Store) Receive(ctx context.Context, in Intake, actor audit.Actor) (Received, error) {
	us, err := s.units(ctx)
	if err != nil {
		return Received{}, err
	}
	if err := s.checkIntake(&in, us); err != nil {
		return Received{}, err
	}
	return s.receive(ctx, in, actor, "", nil)
}

// receive writes a checked case. sourceNo, when not "", identifies the
// submission (see ReceiveOnline) in place of the number; inTx runs in the
// transaction that creates the case.
func (s *Store) receive(ctx context.Context, in Intake, actor audit.Actor, sourceNo string, inTx func(tx *gorm.DB) error) (Received, error) {
	var hash *string
	if in.Password != "" {
		hash = ptr(hashCasePassword(in.Password)) // outside the transaction: it takes a few ms
	}
	var out Received
	for attempt := 0; ; attempt++ {
		err := s.db.Tx(ctx, func(tx *gorm.DB) error {
			now := s.db.Now()
			year := now.Year()
			c := caseRow{Source: "", Channel: in.Channel, Kind: in.Kind, Complexity: in.Complexity,
				Content: in.Content, PasswordHash: hash, PublicListed: in.Public, Status: StatusReceived,
				ReceivedAt: now, ReceivedMonth: month(now), CreatedAt: now, UpdatedAt: now}
			number := newNumber(year)
			c.Number, c.SourceNo = &number, number
			if sourceNo != "" {
				c.SourceNo = sourceNo
			}
			if inTx != nil {
				if err := inTx(tx); err != nil {
					return err
				}
			}
			if in.ConcernsUnit != "" {
				c.ConcernsUnit = ptr(in.ConcernsUnit)
			}
			if in.Contact != "" {
				dk, err := s.yearKey(tx, year)
				if err != nil {
					return err
				}
				c.ContactYear, c.ContactSealed = ptr(year), dk.Seal([]byte(in.Contact))
			}
			c.setMarks()
			if err := tx.Create(&c).Error; err != nil {
				return err
			}
			brought := totalsDelta{}
			brought.add(c.Unit, c.ReceivedMonth, c.Marks.Pattern, 1)
			if err := s.writeTotals(ctx, tx, brought); err != nil {
				return err
			}
			out = Received{ID: c.ID, Number: number}
			return s.record(tx, c, actor, now, step{stage: "receive",
				detail: map[string]any{"channel": c.Channel, "kind": c.Kind, "complexity": c.Complexity}})
		})
		if storage.IsDuplicate(err) && sourceNo != "" {
			if r, ok, ferr := s.receivedAs(ctx, sourceNo); ferr != nil || ok {
				return r, ferr // the same submission again: its case
			}
		}
		if storage.IsDuplicate(err) && attempt < 5 {
			continue // a number drawn twice: draw again
		}
		return out, err
	}
}

// newNumber is a public case number: the year and eight random digits, so
// that numbers say nothing about how many cases came before.
func newNumber(year int) string {
	n, _ := rand.Int(rand.Reader, big.NewInt(100_000_000))
	return fmt.Sprintf("%d%08d", year, n.Int64())
}
