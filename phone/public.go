package phone

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"time"

	"pingyi/fault"
	"pingyi/storage"
)

// PublicDraw is a campaign's draw as anyone may see it (issue 17, item 6):
// from the plan on, the commitment, the frame digest and the allocation;
// once witnessed, the witness and its event; once executed, the seed and
// the sample digest. Nothing in it is personal, nor who did what.
type PublicDraw struct {
	Campaign       string          `json:"campaign"`
	Status         DrawStatus      `json:"status"`
	Version        string          `json:"version"`
	Design         string          `json:"design"`
	Method         string          `json:"method"`
	Commitment     string          `json:"commitment"`
	PlannedAt      time.Time       `json:"planned_at"`
	FrameDigest    string          `json:"frame_digest"`
	FrameEntries   int64           `json:"frame_entries"`
	Allocation     []PublicStratum `json:"allocation"`
	Witness        *string         `json:"witness"`
	WitnessEventAt *time.Time      `json:"witness_event_at"`
	WitnessedAt    *time.Time      `json:"witnessed_at"`
	Seed           *string         `json:"seed"`
	SampleDigest   *string         `json:"sample_digest"`
	ExecutedAt     *time.Time      `json:"executed_at"`
}

// PublicStratum is a stratum's part of the published allocation: its
// frame size N_h and the cases drawn.
type PublicStratum struct {
	Stratum   string `json:"stratum"`
	FrameSize int    `json:"frame_size"`
	Drawn     int    `json:"drawn"`
}

// PublicDraw returns the campaign's draw as published; found is false
// while none is planned.
func (s *Store) PublicDraw(ctx context.Context, code string) (p PublicDraw, found bool, err error) {
	c, err := s.campaign(ctx, code)
	if err != nil {
		return p, false, err
	}
	q := s.db.WithContext(ctx)
	var d Draw
	if err := q.Where("campaign_id = ?", c.ID).Take(&d).Error; storage.IsNotFound(err) {
		return p, false, nil
	} else if err != nil {
		return p, false, err
	}
	strata, err := strataOf(q, d.ID)
	if err != nil {
		return p, false, err
	}
	p = PublicDraw{Campaign: code, Status: d.Status, Version: d.Version, Design: d.Design, Method: d.Method,
		Commitment: d.Commitment, PlannedAt: d.PlannedAt, FrameDigest: d.FrameDigest, FrameEntries: d.FrameEntries,
		Allocation: make([]PublicStratum, len(strata)), Witness: d.Witness, WitnessEventAt: d.WitnessEventAt,
		WitnessedAt: d.WitnessedAt, Seed: d.Seed, SampleDigest: d.SampleDigest, ExecutedAt: d.ExecutedAt}
	for i, st := range strata {
		p.Allocation[i] = PublicStratum{Stratum: st.Stratum, FrameSize: st.FrameSize, Drawn: st.Drawn}
	}
	return p, true, nil
}

// SampleManifestHeader is the header of sample.csv.
var SampleManifestHeader = []string{"stratum", "position", "replicate", "entry_digest"}

// WriteSampleManifest writes the executed draw's sample as sample.csv: per
// case, its stratum, its position (priority) and replicate in the
// stratum, and its entry digest — the key the draw ranked, an HMAC-SHA256
// of the number under the campaign's frame key, so no number and nothing
// a reader could turn back into one. sampling.SampleDigest over the
// strata's digests in position order is the record's sample digest.
func (s *Store) WriteSampleManifest(ctx context.Context, code string, out io.Writer) error {
	c, err := s.campaign(ctx, code)
	if err != nil {
		return err
	}
	q := s.db.WithContext(ctx)
	var d Draw
	if err := q.Where("campaign_id = ?", c.ID).Take(&d).Error; storage.IsNotFound(err) || err == nil && d.Status != Executed {
		return fault.NotFoundf("campaign %q has no executed draw", code)
	} else if err != nil {
		return err
	}
	rows, err := q.Model(&phoneCase{}).Select("stratum, position, replicate, draw_key").
		Where("draw_id = ?", d.ID).Order("stratum, position").Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	w := csv.NewWriter(out)
	if err := w.Write(SampleManifestHeader); err != nil {
		return err
	}
	for rows.Next() {
		var stratum, key string
		var position, replicate int
		if err := rows.Scan(&stratum, &position, &replicate, &key); err != nil {
			return err
		}
		if err := w.Write([]string{stratum, strconv.Itoa(position), strconv.Itoa(replicate), key}); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	w.Flush()
	return w.Error()
}

// WaitingCase is a released case that has no interview yet.
type WaitingCase struct {
	ID   int64
	Unit string
}

// WaitingCases lists the released cases without an interview, in case
// order: what an import of interviews done elsewhere (a contracted call
// centre, the demo) may name.
func (s *Store) WaitingCases(ctx context.Context, code string) ([]WaitingCase, error) {
	c, err := s.campaign(ctx, code)
	if err != nil {
		return nil, err
	}
	var out []WaitingCase
	err = s.db.WithContext(ctx).Model(&phoneCase{}).Select("id, unit").
		Where("campaign_id = ? AND status = ? AND response_id IS NULL", c.ID, Open).Order("id").Scan(&out).Error
	return out, err
}
