package appeals

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"pingyi/audit"
	"pingyi/fault"
)

// Assign gives a received or returned case to a unit, with its deadline.
func (s *Store) Assign(ctx context.Context, id int64, unit string, actor audit.Actor) error {
	return s.change(ctx, id, actor, func(c *caseRow, env stepEnv) (step, error) {
		code, err := env.units.mustFind(unit)
		if err != nil {
			return step{}, err
		}
		if c.Status != StatusReceived {
			return step{}, fault.Conflictf("case %s is already with a unit; it can be reassigned only after the unit returns it", c.ref())
		}
		if c.ConcernsUnit != nil && env.units.within(code, *c.ConcernsUnit) {
			return step{}, fault.Forbiddenf("case %s is a report about %s: it cannot go to that unit or its stations", c.ref(), *c.ConcernsUnit)
		}
		acceptBy, p1 := env.days.AddWorkingDays(env.now, 1)
		deadline, p2 := env.days.AddWorkingDays(env.now, s.replyDays(c.Complexity))
		c.Unit, c.Status = ptr(code), StatusAssigned
		c.AssignedAt, c.AcceptBy, c.AcceptedAt = ptr(env.now), ptr(acceptBy), nil
		c.Deadline, c.DeadlineProvisional = ptr(deadline), p1 || p2
		return step{stage: "assign", unit: ptr(code),
			detail: map[string]any{"unit": code, "deadline": deadline}}, nil
	})
}

// Accept is the unit's liaison signing for a case (签收).
func (s *Store) Accept(ctx context.Context, id int64, unit string, actor audit.Actor) error {
	return s.change(ctx, id, actor, func(c *caseRow, env stepEnv) (step, error) {
		if err := ownCase(c, unit); err != nil {
			return step{}, err
		}
		if c.Status != StatusAssigned {
			return step{}, fault.Conflictf("case %s is not waiting to be accepted", c.ref())
		}
		c.Status, c.AcceptedAt = StatusAccepted, ptr(env.now)
		return step{stage: "accept", unit: ptr(unit),
			detail: map[string]any{"unit": unit, "in_time": !env.now.After(*c.AcceptBy)}}, nil
	})
}

// Return hands a case back to the dispatcher: not this unit's matter.
func (s *Store) Return(ctx context.Context, id int64, unit, reason string, actor audit.Actor) error {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 500 {
		return fault.Invalidf("give the reason for returning the case (at most %d characters)", 500)
	}
	return s.change(ctx, id, actor, func(c *caseRow, env stepEnv) (step, error) {
		if err := ownCase(c, unit); err != nil {
			return step{}, err
		}
		if c.Status != StatusAssigned && c.Status != StatusAccepted || c.FirstRepliedAt != nil {
			return step{}, fault.Conflictf("case %s can no longer be returned: the unit has replied", c.ref())
		}
		// A returned case counts only for the unit it ends with: nothing of
		// this unit's assignment stays on the row.
		c.Status, c.Unit = StatusReceived, nil
		c.AssignedAt, c.AcceptBy, c.AcceptedAt, c.Deadline, c.DeadlineProvisional = nil, nil, nil, nil, false
		c.Extension, c.ExtensionTo, c.ExtensionReason, c.ExtensionAt = nil, nil, nil, nil
		return step{stage: "return", unit: ptr(unit), note: ptr(reason), detail: map[string]any{"unit": unit}}, nil
	})
}

// RequestExtension is the liaison asking, once, for a later deadline: the
// end of the working day to.
func (s *Store) RequestExtension(ctx context.Context, id int64, unit string, to time.Time, reason string, actor audit.Actor) error {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 500 {
		return fault.Invalidf("give the reason for the extension (at most %d characters)", 500)
	}
	return s.change(ctx, id, actor, func(c *caseRow, env stepEnv) (step, error) {
		if err := ownCase(c, unit); err != nil {
			return step{}, err
		}
		if c.Status != StatusAccepted || c.FirstRepliedAt != nil {
			return step{}, fault.Conflictf("an extension can be asked only for an accepted case not yet replied")
		}
		if c.Extension != nil {
			return step{}, fault.Conflictf("case %s has already had its one extension request", c.ref())
		}
		if !env.days.IsWorkingDay(to) {
			return step{}, fault.Invalidf("the new deadline %s is not a working day", to.Format("2006-01-02"))
		}
		end := endOfDay(to)
		if !end.After(*c.Deadline) {
			return step{}, fault.Invalidf("the new deadline must be later than the current one")
		}
		c.Extension, c.ExtensionTo, c.ExtensionReason = ptr(ExtensionRequested), ptr(end), ptr(reason)
		return step{stage: "extension", unit: ptr(unit), value: ptr(ExtensionRequested), note: ptr(reason),
			detail: map[string]any{"to": end}}, nil
	})
}

// DecideExtension is the dispatcher approving or refusing the request.
func (s *Store) DecideExtension(ctx context.Context, id int64, approve bool, actor audit.Actor) error {
	return s.change(ctx, id, actor, func(c *caseRow, env stepEnv) (step, error) {
		if c.Extension == nil || *c.Extension != ExtensionRequested {
			return step{}, fault.Conflictf("case %s has no extension request waiting", c.ref())
		}
		decision := ExtensionRefused
		if approve && (c.FirstRepliedAt != nil || env.now.After(*c.Deadline)) {
			// Approved late, an extension would rewrite whether the case was
			// on time after the fact.
			return step{}, fault.Conflictf("the deadline of case %s has passed or it was replied: the extension can no longer be approved", c.ref())
		}
		if approve {
			decision = ExtensionApproved
			c.ExtensionAt = ptr(env.now)
		}
		c.Extension = ptr(decision)
		return step{stage: "extension", value: ptr(decision), detail: map[string]any{"decision": decision}}, nil
	})
}

// Reply is the unit's answer (办结) and whether the problem was resolved.
func (s *Store) Reply(ctx context.Context, id int64, unit, text string, resolved bool, actor audit.Actor) error {
	text = strings.TrimSpace(text)
	if text == "" || utf8.RuneCountInString(text) > maxContent {
		return fault.Invalidf("write the reply (at most %d characters)", maxContent)
	}
	return s.change(ctx, id, actor, func(c *caseRow, env stepEnv) (step, error) {
		if err := ownCase(c, unit); err != nil {
			return step{}, err
		}
		if c.Status != StatusAccepted {
			return step{}, fault.Conflictf("case %s must be accepted before it is replied", c.ref())
		}
		if c.FirstRepliedAt == nil {
			c.FirstRepliedAt, c.FirstResolved = ptr(env.now), ptr(resolved)
		}
		until, _ := env.days.PeriodEnd(env.now, s.cfg.ReviewDays)
		c.Status, c.RepliedAt, c.Resolved, c.Reply, c.ReviewUntil = StatusReplied, ptr(env.now), ptr(resolved), ptr(text), ptr(until)
		if c.ReviewLevel == 1 && c.Review1RepliedAt == nil {
			c.Review1RepliedAt, c.Review1SettleBy = ptr(env.now), ptr(until)
		}
		c.ReviewDeadline = nil
		return step{stage: "reply", unit: ptr(unit), value: ptr(yesNo(resolved)), note: ptr(text),
			detail: map[string]any{"unit": unit, "resolved": resolved, "level": c.ReviewLevel}}, nil
	})
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// Callback records how the person judged the latest reply (回访): by the
// dispatcher's call, or by the person at /q.
func (s *Store) Callback(ctx context.Context, id int64, result string, actor audit.Actor) error {
	code, ok := callbackNames[result]
	if !ok {
		return fault.Invalidf("the callback result must be 满意, 基本满意, 不满意 or 未联系上")
	}
	return s.change(ctx, id, actor, func(c *caseRow, env stepEnv) (step, error) {
		if c.Status != StatusReplied {
			return step{}, fault.Conflictf("case %s has no reply to call back about", c.ref())
		}
		c.PrevCallback, c.PrevCallbackAt = c.Callback, c.CallbackAt
		c.Callback, c.CallbackAt = ptr(code), ptr(env.now)
		return step{stage: "callback", value: ptr(code), detail: map[string]any{"result": code}}, nil
	})
}

// Review is the person raising the case again within the review period of
// its reply: 复查 first, then 复核; after 复核 the case is final.
func (s *Store) Review(ctx context.Context, id int64, actor audit.Actor) error {
	return s.change(ctx, id, actor, func(c *caseRow, env stepEnv) (step, error) {
		if c.Status != StatusReplied {
			return step{}, fault.Conflictf("only a replied case can be reviewed")
		}
		if c.ReviewLevel >= 2 {
			return step{}, fault.Conflictf("case %s has had its second review (复核): it cannot be raised again", c.ref())
		}
		if env.now.After(*c.ReviewUntil) {
			return step{}, fault.Conflictf("a review had to be asked by %s", c.ReviewUntil.Format("2006-01-02"))
		}
		c.ReviewLevel++
		if c.ReviewLevel == 1 {
			c.Review1At = ptr(env.now)
		} else {
			c.Review2At = ptr(env.now)
		}
		due, _ := env.days.AddWorkingDays(env.now, s.replyDays(c.Complexity))
		c.Status, c.ReviewDeadline = StatusAccepted, ptr(due)
		return step{stage: "review", value: ptr(reviewName(c.ReviewLevel)),
			detail: map[string]any{"level": c.ReviewLevel}}, nil
	})
}

func reviewName(level int) string {
	if level == 1 {
		return "review"
	}
	return "second_review"
}

// SetPublic lists a case in (or withdraws it from) the Open311 read API.
func (s *Store) SetPublic(ctx context.Context, id int64, public bool, actor audit.Actor) error {
	return s.change(ctx, id, actor, func(c *caseRow, env stepEnv) (step, error) {
		c.PublicListed = public
		return step{stage: "publish", value: ptr(yesNo(public)), detail: map[string]any{"public": public}}, nil
	})
}
