package phone

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/sampling"
	"pingyi/secret"
)

// maxWitness bounds the witness: digits typed by a supervisor or a lottery
// result, far below sampling's limit of 1,024 bytes.
const maxWitness = 200

// WitnessInput is a witness and the public event it names: a lottery
// result and when it was drawn, or digits a special supervisor called out
// in front of others and when.
type WitnessInput struct {
	Value   string    `json:"witness"`
	EventAt time.Time `json:"witness_event_at"`
}

// witnessClockSkew is how far in the future an event may seem to be: the
// clock of whoever reads a lottery result is not the server's.
const witnessClockSkew = 5 * time.Minute

// Witness fixes the draw's witness: a value nobody could know when the seed
// was committed, such as digits a special supervisor types in or a later
// public lottery result. It can be fixed once, and only with an event
// dated after the draw was planned and not after now.
func (s *Store) Witness(ctx context.Context, code string, in WitnessInput, actor audit.Actor) (Draw, error) {
	witness := strings.TrimSpace(in.Value)
	var problems []fault.Problem
	if witness == "" || utf8.RuneCountInString(witness) > maxWitness {
		problems = append(problems, fault.P("witness", "the witness must have between 1 and %d characters", maxWitness))
	}
	if in.EventAt.IsZero() {
		problems = append(problems, fault.P("witness_event_at", "name when the public event took place: it must be after the draw was planned"))
	} else if now := s.db.Now(); in.EventAt.After(now.Add(witnessClockSkew)) {
		problems = append(problems, fault.P("witness_event_at", "the event of %s has not taken place yet: a witness is the result of an event that is over", chinaTime(in.EventAt)))
	}
	if len(problems) > 0 {
		return Draw{}, fault.WithProblems(problems, "the witness cannot be used")
	}
	eventAt := in.EventAt.UTC().Truncate(time.Microsecond)
	c, err := s.campaign(ctx, code)
	if err != nil {
		return Draw{}, err
	}
	var d Draw
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if d, err = s.drawOf(tx, c); err != nil {
			return err
		}
		if !eventAt.After(d.PlannedAt) {
			return fault.WithProblems([]fault.Problem{fault.P("witness_event_at",
				"the event of %s is not after the draw was planned (%s): its result could have been known when the seed was committed", chinaTime(eventAt), chinaTime(d.PlannedAt))},
				"the witness cannot be used")
		}
		now := s.db.Now()
		res := tx.Model(&Draw{}).Where("id = ? AND status = ?", d.ID, Planned).
			Updates(map[string]any{"status": Witnessed, "witness": witness, "witnessed_by": actor.Login, "witnessed_at": now, "witness_event_at": eventAt})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return fault.Conflictf("the witness of this draw is already fixed")
		}
		d.Status, d.Witness, d.WitnessedBy, d.WitnessedAt, d.WitnessEventAt = Witnessed, &witness, &actor.Login, &now, &eventAt
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "phone.draw.witness", Object: "campaign:" + code,
			Detail: map[string]any{"draw": d.ID, "witness": witness, "witness_event_at": eventAt, "commitment": d.Commitment}})
	})
	return d, err
}

// Execute runs the draw from the sealed seed and the witness over the
// frozen frame, stores the sample in priority order with each case's
// replicate, and reveals the seed. It refuses if the frame no longer has
// the digest published at planning.
func (s *Store) Execute(ctx context.Context, code string, actor audit.Actor) (Draw, error) {
	c, err := s.campaign(ctx, code)
	if err != nil {
		return Draw{}, err
	}
	d, err := s.drawOf(s.db.WithContext(ctx), c)
	if err != nil {
		return Draw{}, err
	}
	if d.Status != Witnessed {
		return Draw{}, fault.Conflictf("the draw can be executed only once its witness is fixed (it is %s)", d.Status)
	}
	raw, err := s.keys.Open(secret.Draw, d.SeedSealed)
	if err != nil {
		return Draw{}, err
	}
	var seed sampling.Seed
	copy(seed[:], raw)
	strata, err := strataOf(s.db.WithContext(ctx), d.ID)
	if err != nil {
		return Draw{}, err
	}
	alloc := sampling.Allocation{}
	batch := map[string]int{}
	for _, st := range strata {
		alloc[st.Stratum] = st.Drawn
		batch[st.Stratum] = st.BatchSize
	}
	// The frame is frozen: reading it outside the write transaction keeps
	// SQLite's writers waiting only for the inserts.
	res, err := sampling.Draw(sampling.DrawParams{Seed: seed, Witness: *d.Witness, Allocation: alloc}, drawFrame(s.db.WithContext(ctx), d.FrameID, d.Design))
	if errors.Is(err, sampling.ErrStratumTooSmall) || errors.Is(err, sampling.ErrFrameOrder) || errors.Is(err, sampling.ErrEntry) {
		// Planning digested this frame in order and allocated no stratum
		// more than it held: only a frame changed since can be refused.
		return Draw{}, fault.Conflictf("the frame changed after the draw was planned: the draw cannot run")
	}
	if err != nil {
		return Draw{}, err
	}
	if res.Record.FrameDigest != d.FrameDigest || res.Record.FrameEntries != d.FrameEntries {
		return Draw{}, fault.Conflictf("the frame changed after the draw was planned (digest %s, planned %s): the draw cannot run", res.Record.FrameDigest, d.FrameDigest)
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		now := s.db.Now()
		upd := tx.Model(&Draw{}).Where("id = ? AND status = ?", d.ID, Witnessed).Updates(map[string]any{
			"status": Executed, "version": res.Record.Version, "seed": seed.Hex(), "sample_digest": res.Record.SampleDigest,
			"executed_by": actor.Login, "executed_at": now})
		if upd.Error != nil {
			return upd.Error
		}
		if upd.RowsAffected != 1 {
			return fault.Conflictf("the draw was executed already")
		}
		if err := s.storeSample(tx, d, res.Strata, batch); err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "phone.draw.execute", Object: "campaign:" + code,
			Detail: map[string]any{"draw": d.ID, "seed": seed.Hex(), "witness": *d.Witness, "frame_digest": d.FrameDigest,
				"sample_digest": res.Record.SampleDigest}})
	})
	if err != nil {
		return Draw{}, err
	}
	return s.drawOf(s.db.WithContext(ctx), c)
}

// caseColumns are those a new case has; the rest start empty.
var caseColumns = []string{"campaign_id", "draw_id", "entry_id", "stratum", "unit", "draw_key", "match_hash", "position", "replicate", "status", "priority"}

// storeSample inserts the drawn cases, pending until their replicate is
// released, each linked to its frame entry for the sealed number. Cases go
// in a thousand at a time across strata: their entries are found one
// stratum at a time, and they are inserted in as few statements as the
// driver does well with.
func (s *Store) storeSample(tx *gorm.DB, d Draw, strata []sampling.StratumSample, batch map[string]int) error {
	const chunk = 1000
	rows := make([]phoneCase, 0, chunk)
	flush := func() error {
		if len(rows) == 0 {
			return nil
		}
		keys := make([]entryKey, len(rows))
		for i, r := range rows {
			keys[i] = entryOf(r.Stratum, r.DrawKey)
		}
		found, err := entriesByKey(tx, d.FrameID, keys, "id, stratum, phone_key, match_hash")
		if err != nil {
			return err
		}
		for i := range rows {
			e, ok := found[keys[i]]
			if !ok {
				return fault.Conflictf("a drawn case is missing from the frame: the draw cannot be stored")
			}
			rows[i].EntryID, rows[i].Unit, rows[i].MatchHash = e.ID, e.Stratum, e.MatchHash
		}
		err = tx.Select(caseColumns).CreateInBatches(&rows, s.insertBatch(len(caseColumns))).Error
		rows = rows[:0]
		return err
	}
	for _, st := range strata {
		position := 0
		for r, cases := range sampling.Replicates(st.Cases, batch[st.Stratum]) {
			for _, c := range cases {
				position++
				rows = append(rows, phoneCase{CampaignID: d.CampaignID, DrawID: d.ID, Stratum: st.Stratum, DrawKey: c.Key,
					Position: position, Replicate: r + 1, Status: Pending, Priority: 1})
				if len(rows) == chunk {
					if err := flush(); err != nil {
						return err
					}
				}
			}
		}
	}
	return flush()
}

// chinaTime is a time as the people who plan and witness a draw read it.
func chinaTime(t time.Time) string { return t.In(i18n.China).Format("2006-01-02 15:04:05 (UTC+8)") }

// ParseEventTime reads when a witness's event took place, as a form or a
// client writes it: RFC 3339, or a date and time in China time such as
// 2026-12-05T21:15 (what a datetime-local field sends). "" is the zero
// time, which Witness refuses naming the field.
func ParseEventTime(text string) (time.Time, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, text); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02 15:04:05"} {
		if t, err := time.ParseInLocation(layout, text, i18n.China); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fault.WithProblems([]fault.Problem{fault.P("witness_event_at",
		"the time of the event must read like 2026-12-05 21:15 (China time) or 2026-12-05T21:15:00+08:00")}, "the witness cannot be used")
}
