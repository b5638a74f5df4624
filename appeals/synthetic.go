package appeals

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/i18n"
)

// SyntheticLedger describes a made-up ledger for the demo.
type SyntheticLedger struct {
	Units []string  // the units cases go to, by code
	Year  int       // cases are received from 1 January of this year
	Cases int       // how many
	Seed  uint64    // the same seed gives the same ledger
	Now   time.Time // the ledger as of this moment: no case or stage after it
}

// Generate writes a synthetic ledger: cases over the year for the given
// units, most accepted and replied in time, some late, overdue, extended,
// reviewed (复查, a few 复核), a callback for most. Cases carry no contact
// and no password. It writes rows and their histories directly, in
// batches, with one audit entry, rather than walking thousands of cases
// through the workflow one transaction per stage.
func (s *Store) Generate(ctx context.Context, spec SyntheticLedger, actor audit.Actor) (int, error) {
	if len(spec.Units) == 0 || spec.Cases <= 0 {
		return 0, fault.Invalidf("a synthetic ledger needs units and a number of cases")
	}
	days, err := s.days(ctx)
	if err != nil {
		return 0, err
	}
	start := time.Date(spec.Year, 1, 1, 0, 0, 0, 0, i18n.China).UTC()
	end := earliest(start.AddDate(1, 0, 0), spec.Now)
	if !end.After(start) {
		return 0, fault.Invalidf("the synthetic ledger's year has not begun")
	}
	g := generator{s: s, days: days, rng: rand.New(rand.NewPCG(spec.Seed, uint64(spec.Year))), now: spec.Now, numbers: map[string]bool{}}
	cases := make([]caseRow, 0, spec.Cases)
	histories := make([][]event, 0, spec.Cases)
	for i := 0; i < spec.Cases; i++ {
		received := start.Add(time.Duration(g.rng.Int64N(int64(end.Sub(start))))).Truncate(time.Second)
		c, h := g.walk(received, spec.Units[g.rng.IntN(len(spec.Units))], spec.Year)
		cases, histories = append(cases, c), append(histories, h)
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.CreateInBatches(&cases, s.db.RowsPerInsert(70)).Error; err != nil {
			return err
		}
		brought := totalsDelta{}
		for _, c := range cases {
			brought.add(c.Unit, c.ReceivedMonth, c.Marks.Pattern, 1)
		}
		if err := s.writeTotals(ctx, tx, brought); err != nil {
			return err
		}
		var events []event
		for i, h := range histories {
			for _, e := range h {
				e.CaseID = cases[i].ID
				events = append(events, e)
			}
		}
		if err := tx.CreateInBatches(&events, s.db.RowsPerInsert(8)).Error; err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "appeal.synthetic",
			Object: fmt.Sprintf("appeals:%d", spec.Year), Detail: map[string]any{"cases": len(cases), "seed": spec.Seed}})
	})
	if err != nil {
		return 0, err
	}
	return len(cases), nil
}

type generator struct {
	s       *Store
	days    WorkingDays
	rng     *rand.Rand
	now     time.Time
	numbers map[string]bool
}

func (g *generator) between(a, b time.Time) time.Time {
	if !b.After(a) {
		return a
	}
	return a.Add(time.Duration(g.rng.Int64N(int64(b.Sub(a))))).Truncate(time.Second)
}

func (g *generator) chance(p float64) bool { return g.rng.Float64() < p }

// walk makes one case and its history, stopping at the first stage after now.
func (g *generator) walk(received time.Time, unit string, year int) (c caseRow, h []event) {
	kinds := []string{Consult, Consult, Help, Complaint, Complaint, Complaint, Suggest}
	number := fmt.Sprintf("%d%08d", year, g.rng.IntN(100_000_000))
	for g.numbers[number] {
		number = fmt.Sprintf("%d%08d", year, g.rng.IntN(100_000_000))
	}
	g.numbers[number] = true
	c = caseRow{Number: &number, Source: "", SourceNo: number, Channel: []string{"hotline", "hotline", "web", "window", "letter"}[g.rng.IntN(5)],
		Kind: kinds[g.rng.IntN(len(kinds))], Complexity: Simple, Content: "（演示数据）", Status: StatusReceived,
		ReceivedAt: received, ReceivedMonth: month(received), PublicListed: g.chance(0.3), CreatedAt: received}
	if g.chance(0.15) {
		c.Complexity = Complex
	}
	stage := func(at time.Time, name string, value, note *string) bool {
		if at.After(g.now) {
			return false
		}
		h = append(h, event{At: at, Stage: name, Actor: "synthetic", Unit: &unit, Value: value, Note: note})
		c.UpdatedAt = at
		return true
	}
	defer func() { c.setMarks() }()
	stage(received, "receive", nil, nil)
	assigned := received.Add(time.Duration(10+g.rng.IntN(240)) * time.Minute)
	if !stage(assigned, "assign", nil, nil) {
		return c, h
	}
	acceptBy, p1 := g.days.AddWorkingDays(assigned, 1)
	deadline, p2 := g.days.AddWorkingDays(assigned, g.s.replyDays(c.Complexity))
	c.Unit, c.Status, c.AssignedAt, c.AcceptBy, c.Deadline, c.DeadlineProvisional = &unit, StatusAssigned, &assigned, &acceptBy, &deadline, p1 || p2
	var accepted time.Time
	switch r := g.rng.Float64(); {
	case r < 0.03:
		return c, h // never accepted: overdue once its deadline passes
	case r < 0.12:
		accepted = acceptBy.Add(time.Duration(1+g.rng.IntN(30)) * time.Hour)
	default:
		accepted = g.between(assigned, earliest(acceptBy, assigned.Add(20*time.Hour)))
	}
	if !stage(accepted, "accept", nil, nil) {
		return c, h
	}
	c.Status, c.AcceptedAt = StatusAccepted, &accepted
	due := deadline
	if g.chance(0.08) && accepted.Add(2*time.Hour).Before(deadline) {
		to, _ := g.days.AddWorkingDays(deadline.Add(-time.Hour), 5)
		reason := "需协调多个部门"
		if stage(accepted.Add(time.Hour), "extension", ptr(ExtensionRequested), &reason) {
			c.Extension, c.ExtensionTo, c.ExtensionReason = ptr(ExtensionRequested), &to, &reason
			if stage(accepted.Add(2*time.Hour), "extension", ptr(ExtensionApproved), nil) {
				c.Extension, c.ExtensionAt, due = ptr(ExtensionApproved), ptr(accepted.Add(2*time.Hour)), to
			}
		}
	}
	var replied time.Time
	switch r := g.rng.Float64(); {
	case r < 0.04:
		return c, h // never replied: overdue
	case r < 0.14:
		replied = due.Add(time.Duration(1+g.rng.IntN(120)) * time.Hour)
	default:
		replied = g.between(accepted.Add(time.Hour), due)
	}
	if !g.reply(&c, stage, replied, g.chance(0.82)) {
		return c, h
	}
	for level := 1; level <= 2; level++ {
		dissatisfied := g.callback(&c, stage)
		// Dissatisfied people ask for a review more often, and who asked once is likelier to ask again.
		odds := map[int]map[bool]float64{1: {true: 0.35, false: 0.02}, 2: {true: 0.6, false: 0.1}}
		if !g.chance(odds[level][dissatisfied]) {
			return c, h
		}
		asked := g.between(c.RepliedAt.Add(24*time.Hour), c.ReviewUntil.Add(-time.Hour))
		if !stage(asked, "review", ptr(reviewName(level)), nil) {
			return c, h
		}
		c.ReviewLevel, c.Status = level, StatusAccepted
		if level == 1 {
			c.Review1At = &asked
		} else {
			c.Review2At = &asked
		}
		reviewDue, _ := g.days.AddWorkingDays(asked, g.s.replyDays(c.Complexity))
		c.ReviewDeadline = &reviewDue
		if !g.reply(&c, stage, g.between(asked.Add(time.Hour), reviewDue), g.chance(0.6)) {
			return c, h
		}
	}
	g.callback(&c, stage)
	return c, h
}

func (g *generator) reply(c *caseRow, stage func(time.Time, string, *string, *string) bool, at time.Time, resolved bool) bool {
	text := "已办理并答复（演示数据）"
	if !stage(at, "reply", ptr(yesNo(resolved)), &text) {
		return false
	}
	if c.FirstRepliedAt == nil {
		c.FirstRepliedAt, c.FirstResolved = &at, &resolved
	}
	until, _ := g.days.PeriodEnd(at, g.s.cfg.ReviewDays)
	c.Status, c.RepliedAt, c.Resolved, c.Reply, c.ReviewUntil, c.ReviewDeadline = StatusReplied, &at, &resolved, &text, &until, nil
	if c.ReviewLevel == 1 && c.Review1RepliedAt == nil {
		c.Review1RepliedAt, c.Review1SettleBy = &at, &until
	}
	return true
}

// callback calls most replied cases back and says whether the person was dissatisfied.
func (g *generator) callback(c *caseRow, stage func(time.Time, string, *string, *string) bool) bool {
	if !g.chance(0.9) {
		return false
	}
	var result string
	switch r := g.rng.Float64(); {
	case r < 0.68:
		result = Satisfied
	case r < 0.84:
		result = Basic
	case r < 0.93:
		result = Dissatisfied
	default:
		result = Unreached
	}
	at := c.RepliedAt.Add(time.Duration(1+g.rng.IntN(72)) * time.Hour)
	if !stage(at, "callback", &result, nil) {
		return false
	}
	c.PrevCallback, c.PrevCallbackAt = c.Callback, c.CallbackAt
	c.Callback, c.CallbackAt = &result, &at
	return result == Dissatisfied
}

func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
