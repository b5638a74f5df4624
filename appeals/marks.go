package appeals

import "time"

// rateMarks are the moments (microseconds since 1970) a case entered each
// rate's numerator and denominator, nil for never or unknown. A rate as of
// T counts the marks at or before T. They are derived from the milestones
// on every write and never set by hand.
type rateMarks struct {
	ReceivedUs        int64
	AssignedUs        *int64
	ResponseDenUs     *int64
	ResponseNumUs     *int64
	OnTimeDenUs       *int64
	OnTimeNumUs       *int64
	ResolutionDenUs   *int64
	ResolutionNumUs   *int64
	CallbackUs        *int64
	CallbackScore     *int // 0 not reached, 1 不满意, 2 满意 or 基本满意
	PrevCallbackUs    *int64
	PrevCallbackScore *int
	SettledDenUs      *int64
	SettledNumUs      *int64
	// FinalUs is the latest of the marks above: from then on the case adds
	// the same to every rate, Pattern (see pattern.go), so the rates as of
	// a later moment count such cases by pattern instead of comparing each
	// of their marks.
	FinalUs int64
	Pattern int
}

// milestones are what the marks derive from.
type milestones struct {
	received, assigned, acceptBy, accepted *time.Time
	deadline, extendedTo                   *time.Time // extendedTo only once approved
	firstReplied                           *time.Time
	firstResolved                          *bool
	callback, prevCallback                 *string
	callbackAt, prevCallbackAt             *time.Time
	review1SettleBy, review2               *time.Time
	unknown                                int
}

func us(t *time.Time) *int64 {
	if t == nil {
		return nil
	}
	v := t.UnixMicro()
	return &v
}

func earlier(a, b *time.Time) *time.Time {
	switch {
	case a == nil:
		return b
	case b == nil || a.Before(*b):
		return a
	}
	return b
}

// marks derives the rate marks. Each follows SPEC's definition:
//   - response: enters when accepted or when its acceptance fell due,
//     whichever is first; counts if accepted by then.
//   - on time: enters at the first reply or when the deadline in force
//     passed; counts if the first reply came by the deadline. The deadline
//     in force is the extended one: an extension is approved only before
//     the deadline passes and before the reply, so this is exact.
//   - resolution: enters at the first reply; counts if it was resolved.
//   - satisfaction: the latest two callbacks, each with its moment.
//   - settled: a case reviewed (复查) enters when it was raised to 复核,
//     not settled, or when the period to do so after the 复查 reply ended,
//     settled.
func (m milestones) marks() rateMarks {
	r := m.moments()
	r.FinalUs, r.Pattern = r.settled()
	return r
}

// moments derives the marks' moments; marks adds what they settle into.
func (m milestones) moments() rateMarks {
	r := rateMarks{ReceivedUs: m.received.UnixMicro(), AssignedUs: us(m.assigned)}
	if m.assigned == nil {
		return r
	}
	if m.unknown&unknownAccepted == 0 {
		r.ResponseDenUs = us(earlier(m.accepted, m.acceptBy))
		if m.accepted != nil && !m.accepted.After(*m.acceptBy) {
			r.ResponseNumUs = us(m.accepted)
		}
	}
	due := m.deadline
	if m.extendedTo != nil {
		due = m.extendedTo
	}
	if m.unknown&unknownReplied == 0 {
		r.OnTimeDenUs = us(earlier(m.firstReplied, due))
		if m.firstReplied != nil && due != nil && !m.firstReplied.After(*due) {
			r.OnTimeNumUs = us(m.firstReplied)
		}
		if m.unknown&unknownResolved == 0 && m.firstReplied != nil {
			r.ResolutionDenUs = us(m.firstReplied)
			if m.firstResolved != nil && *m.firstResolved {
				r.ResolutionNumUs = r.ResolutionDenUs
			}
		}
	}
	if m.unknown&unknownCallback == 0 {
		r.CallbackUs, r.CallbackScore = us(m.callbackAt), callbackScore(m.callback)
		r.PrevCallbackUs, r.PrevCallbackScore = us(m.prevCallbackAt), callbackScore(m.prevCallback)
	}
	switch {
	case m.review2 != nil:
		r.SettledDenUs = us(m.review2)
	case m.review1SettleBy != nil:
		r.SettledDenUs, r.SettledNumUs = us(m.review1SettleBy), us(m.review1SettleBy)
	}
	return r
}

func callbackScore(c *string) *int {
	if c == nil {
		return nil
	}
	switch *c {
	case Satisfied, Basic:
		return ptr(2)
	case Dissatisfied:
		return ptr(1)
	}
	return ptr(0)
}

func (c *caseRow) setMarks() {
	var ext *time.Time
	if c.Extension != nil && *c.Extension == ExtensionApproved {
		ext = c.ExtensionTo
	}
	c.Marks = milestones{received: &c.ReceivedAt, assigned: c.AssignedAt, acceptBy: c.AcceptBy,
		accepted: c.AcceptedAt, deadline: c.Deadline, extendedTo: ext, firstReplied: c.FirstRepliedAt,
		firstResolved: c.FirstResolved, callback: c.Callback, prevCallback: c.PrevCallback,
		callbackAt: c.CallbackAt, prevCallbackAt: c.PrevCallbackAt, review1SettleBy: c.Review1SettleBy,
		review2: c.Review2At, unknown: c.UnknownStages}.marks()
}

func (c *importedCase) setMarks() {
	c.Marks = milestones{received: &c.ReceivedAt, assigned: c.AssignedAt, acceptBy: c.AcceptBy,
		accepted: c.AcceptedAt, deadline: c.Deadline, extendedTo: c.ExtensionTo, firstReplied: c.FirstRepliedAt,
		firstResolved: c.FirstResolved, callback: c.Callback, callbackAt: c.CallbackAt,
		unknown: c.UnknownStages}.marks()
}
