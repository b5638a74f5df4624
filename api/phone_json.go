package api

import (
	"time"

	"pingyi/phone"
	"pingyi/sampling"
)

// drawJSON is a draw as it is published: everything needed to check it,
// with the seed only once revealed.
type drawJSON struct {
	ID                int64               `json:"id"`
	Status            phone.DrawStatus    `json:"status"`
	Version           string              `json:"version"`
	Design            string              `json:"design"`
	Method            string              `json:"method"`
	Completes         int                 `json:"completes"`
	Minimum           int                 `json:"minimum"`
	ResponseRate      float64             `json:"response_rate"`
	Replicates        int                 `json:"replicates"`
	ContactedMonths   int                 `json:"contacted_months"`
	ExcludedDNC       int                 `json:"excluded_do_not_call"`
	ExcludedContacted int                 `json:"excluded_contacted"`
	FrameDigest       string              `json:"frame_digest"`
	FrameEntries      int64               `json:"frame_entries"`
	Commitment        string              `json:"commitment"`
	Witness           *string             `json:"witness"`
	Seed              *string             `json:"seed"`
	SampleDigest      *string             `json:"sample_digest"`
	PlannedAt         time.Time           `json:"planned_at"`
	WitnessedAt       *time.Time          `json:"witnessed_at"`
	WitnessEventAt    *time.Time          `json:"witness_event_at"`
	ExecutedAt        *time.Time          `json:"executed_at"`
	Strata            []stratumJSON       `json:"strata,omitempty"`
	Allocation        sampling.Allocation `json:"allocation,omitempty"`
}

type stratumJSON struct {
	Unit      string  `json:"unit"`
	FrameSize int     `json:"frame_size"`
	Quota     int     `json:"quota"`
	Drawn     int     `json:"drawn"`
	Released  int     `json:"released"`
	Completes int     `json:"completes"`
	Pending   int     `json:"pending"`
	Open      int     `json:"open"`
	Closed    int     `json:"closed"`
	Weight    float64 `json:"weight"`
}

func toDrawJSON(d phone.Draw, units []phone.UnitProgress) drawJSON {
	out := drawJSON{ID: d.ID, Status: d.Status, Version: d.Version, Design: d.Design, Method: d.Method, Completes: d.Completes, Minimum: d.Minimum,
		ResponseRate: d.ResponseRate, Replicates: d.Replicates, ContactedMonths: d.ContactedMonths,
		ExcludedDNC: d.ExcludedDNC, ExcludedContacted: d.ExcludedContacted, FrameDigest: d.FrameDigest,
		FrameEntries: d.FrameEntries, Commitment: d.Commitment, Witness: d.Witness, Seed: d.Seed,
		SampleDigest: d.SampleDigest, PlannedAt: d.PlannedAt, WitnessedAt: d.WitnessedAt, WitnessEventAt: d.WitnessEventAt, ExecutedAt: d.ExecutedAt,
		Allocation: sampling.Allocation{}}
	for _, u := range units {
		out.Strata = append(out.Strata, stratumJSON{Unit: u.Stratum.Stratum, FrameSize: u.FrameSize, Quota: u.Quota,
			Drawn: u.Drawn, Released: u.Released, Completes: u.Completes, Pending: u.Pending, Open: u.Open,
			Closed: u.Closed, Weight: u.Weight()})
		out.Allocation[u.Stratum.Stratum] = u.Drawn
	}
	return out
}

// tallyJSON is a set of cases' counts and rates; an undefined rate is null.
type tallyJSON struct {
	Key    string              `json:"key,omitempty"`
	Name   string              `json:"name,omitempty"`
	Cases  int                 `json:"cases"`
	Counts map[string]float64  `json:"counts"`
	Rates  map[string]*float64 `json:"rates"`
}

func toTallyJSON(t phone.Tally, name string) tallyJSON {
	return tallyJSON{Key: t.Key, Name: name, Cases: t.Cases, Rates: t.Rates.Values(), Counts: t.Counts.Values()}
}

type productivityJSON struct {
	Operator         string    `json:"operator"`
	Attempts         int       `json:"attempts"`
	Completes        int       `json:"completes"`
	Partials         int       `json:"partials"`
	ActiveHours      int       `json:"active_hours"`
	AttemptsPerHour  float64   `json:"attempts_per_hour"`
	CompletesPerHour float64   `json:"completes_per_hour"`
	First            time.Time `json:"first"`
	Last             time.Time `json:"last"`
}

// caseJSON is the held case, for the operator who holds it: the one
// answer that carries a number unmasked.
type caseJSON struct {
	ID             int64         `json:"id"`
	Unit           string        `json:"unit"`
	Phone          string        `json:"phone"`
	Name           string        `json:"name,omitempty"`
	ServiceDate    string        `json:"service_date,omitempty"`
	District       string        `json:"district,omitempty"`
	Attempts       []attemptJSON `json:"attempts"`
	AppointmentAt  *time.Time    `json:"appointment_at"`
	LeaseExpiresAt time.Time     `json:"lease_expires_at"`
}

type attemptJSON struct {
	Number      int       `json:"number"`
	Disposition string    `json:"disposition"`
	RecordedAt  time.Time `json:"recorded_at"`
}

func toCaseJSON(v *phone.Case) caseJSON {
	out := caseJSON{ID: v.ID, Unit: v.Unit, Phone: v.Phone.Canonical, Name: v.Name, ServiceDate: v.ServiceDate,
		District: v.District, AppointmentAt: v.AppointmentAt, LeaseExpiresAt: v.LeaseExpiresAt, Attempts: []attemptJSON{}}
	for _, a := range v.Attempts {
		out.Attempts = append(out.Attempts, attemptJSON{Number: a.Number, Disposition: a.Disposition, RecordedAt: a.RecordedAt})
	}
	return out
}
