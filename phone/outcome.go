package phone

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/sampling"
	"pingyi/storage"
	"pingyi/survey"
)

// Outcome is what an operator records after a call that did not end in an
// interview.
type Outcome struct {
	Disposition string `json:"disposition" form:"disposition"` // an AAPOR code, "3.13"
	// Appointment is when the person asked to be called back, China time
	// ("2026-11-05T14:30", as a datetime-local field sends it); only with
	// a temporary disposition.
	Appointment string `json:"appointment" form:"appointment"`
}

// Recorded says what became of the case.
type Recorded struct {
	CaseID      int64  `json:"case"`
	Attempt     int    `json:"attempt"`
	Disposition string `json:"disposition"` // the case's disposition now
	Final       bool   `json:"final"`
}

const (
	codeComplete     = "1.1"
	codePartial      = "1.2"
	codeQuotaFilled  = "4.80"
	codeNotAttempted = "3.11"
	// maxAppointment is how far ahead a call-back may be booked.
	maxAppointment = 60 * 24 * time.Hour
)

// appointmentLayout is what an HTML datetime-local field sends.
const appointmentLayout = "2006-01-02T15:04"

// Record records one call attempt on the case the operator holds. A final
// disposition closes the case; a temporary one sends it back to the queue
// after the minimum interval, or at the appointment, and becomes final when
// the attempt limit is reached (Disposition.FinalAt). A case whose unit has
// meanwhile reached its quota closes as quota filled (4.80) instead of
// going back.
func (s *Store) Record(ctx context.Context, code string, op audit.Actor, caseID int64, o Outcome) (Recorded, error) {
	operatorID := op.ID
	d, ok := sampling.LookupDisposition(strings.TrimSpace(o.Disposition))
	switch {
	case !ok:
		return Recorded{}, fault.WithProblems([]fault.Problem{fault.P("disposition", "unknown disposition %q", o.Disposition)}, "the outcome cannot be recorded")
	case d.Code == codeComplete || d.Code == codePartial:
		return Recorded{}, fault.WithProblems([]fault.Problem{fault.P("disposition", "an interview is recorded by submitting its questionnaire")}, "the outcome cannot be recorded")
	case d.Code == codeQuotaFilled:
		return Recorded{}, fault.WithProblems([]fault.Problem{fault.P("disposition", "quota filled is set by the system when a unit has its completes")}, "the outcome cannot be recorded")
	}
	c, err := s.campaign(ctx, code)
	if err != nil {
		return Recorded{}, err
	}
	set, err := s.settingsOf(s.db.WithContext(ctx), c.ID)
	if err != nil {
		return Recorded{}, err
	}
	now := s.db.Now()
	appointment, err := parseAppointment(o.Appointment, d, set, now)
	if err != nil {
		return Recorded{}, err
	}
	var out Recorded
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		pc, st, err := s.heldCase(tx, c, operatorID, caseID, false)
		if err != nil {
			return err
		}
		out, err = s.attempt(tx, pc, st, d, appointment, set, operatorID, now)
		return err
	})
	return out, err
}

// heldCase locks a case the operator holds, with its stratum: shared for
// reading the quota, exclusive for counting a complete, so that recording
// calls on one unit never waits for another call, only for an interview
// that may fill the quota. An expired hold still counts as long as nobody
// else took the case.
func (s *Store) heldCase(tx *gorm.DB, c survey.Campaign, operatorID, caseID int64, complete bool) (phoneCase, Stratum, error) {
	var pc phoneCase
	err := s.forUpdate(tx.Where("id = ? AND campaign_id = ?", caseID, c.ID)).Take(&pc).Error
	if storage.IsNotFound(err) {
		return pc, Stratum{}, fault.NotFoundf("no case %d in campaign %q", caseID, c.Code)
	}
	if err != nil {
		return pc, Stratum{}, err
	}
	if pc.LeaseOwner == nil || *pc.LeaseOwner != operatorID {
		return pc, Stratum{}, fault.Conflictf("you do not hold this case: your hold may have expired and another operator taken it")
	}
	if pc.Status != Open {
		return pc, Stratum{}, fault.Conflictf("this case is already closed")
	}
	var st Stratum
	lock := storage.ForShare
	if complete {
		lock = storage.ForUpdate
	}
	err = s.db.Locked(tx.Where("draw_id = ? AND stratum = ?", pc.DrawID, pc.Stratum), lock).Take(&st).Error
	return pc, st, err
}

// attempt stores the attempt and moves the case on.
func (s *Store) attempt(tx *gorm.DB, pc phoneCase, st Stratum, d sampling.Disposition, appointment *time.Time,
	set Settings, operatorID int64, now time.Time) (Recorded, error) {
	number := pc.Attempts + 1
	started := now
	if pc.LeasedAt != nil {
		started = *pc.LeasedAt
	}
	a := Attempt{CaseID: pc.ID, CampaignID: pc.CampaignID, OperatorID: operatorID, Number: number,
		Disposition: d.Code, AppointmentAt: appointment, StartedAt: started, RecordedAt: now}
	if err := tx.Create(&a).Error; err != nil {
		return Recorded{}, err
	}
	out := Recorded{CaseID: pc.ID, Attempt: number, Disposition: d.Code, Final: d.FinalAt(number, set.MaxAttempts)}
	if !out.Final && st.Completes >= st.Quota {
		out.Disposition, out.Final = codeQuotaFilled, true
	}
	upd := map[string]any{"attempts": number, "disposition": out.Disposition, "last_operator_id": operatorID,
		"last_attempt_at": now, "lease_owner": nil, "lease_expires_at": nil, "leased_at": nil}
	if out.Final {
		upd["status"], upd["closed_at"], upd["appointment_at"] = Closed, now, nil
	} else if appointment != nil {
		upd["priority"], upd["queue_at"], upd["appointment_at"] = 0, *appointment, *appointment
	} else {
		upd["priority"], upd["queue_at"], upd["appointment_at"] = 1, now.Add(set.MinInterval), nil
	}
	return out, tx.Model(&phoneCase{}).Where("id = ?", pc.ID).Updates(upd).Error
}

// parseAppointment reads a call-back time: China time, in the future,
// within maxAppointment and within calling hours.
func parseAppointment(raw string, d sampling.Disposition, set Settings, now time.Time) (*time.Time, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, nil
	}
	bad := func(p fault.Problem) error {
		return fault.WithProblems([]fault.Problem{p}, "the outcome cannot be recorded")
	}
	if !d.Interim {
		return nil, bad(fault.P("appointment", "an appointment needs a temporary outcome, such as 2.21 (respondent not available)"))
	}
	t, err := time.ParseInLocation(appointmentLayout, raw, i18n.China)
	switch {
	case err != nil:
		return nil, bad(fault.P("appointment", "the appointment must be a date and time such as 2026-11-05T14:30"))
	case !t.After(now):
		return nil, bad(fault.P("appointment", "the appointment must be in the future"))
	case t.Sub(now) > maxAppointment:
		return nil, bad(fault.P("appointment", "the appointment may be at most %d days ahead", int(maxAppointment/(24*time.Hour))))
	case !set.Hours.Allows(t):
		return nil, bad(fault.P("appointment", "the appointment must be within calling hours (%s)", set.Hours))
	}
	t = t.UTC()
	return &t, nil
}
