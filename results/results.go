// Package results keeps score runs: the immutable record of a campaign's
// computed indices, intervals and ranks, with everything needed to show it
// was computed from exactly these data, this configuration and this seed.
package results

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/scoring"
	"pingyi/storage"
	"pingyi/survey"
)

// Run is a stored score run. Units holds the units' results as JSON in
// SPEC's shape, exactly as published from it.
type Run struct {
	ID           int64
	CampaignID   int64
	CreatedAt    time.Time
	CreatedBy    string
	Config       string
	Seed         int64
	InputDigest  string
	Responses    int
	Excluded     int
	Ratings      int64
	Units        []byte
	ResultDigest string
}

// TableName ties Run to the score_runs table.
func (Run) TableName() string { return "score_runs" }

// Store computes and keeps score runs.
type Store struct {
	db        *storage.DB
	audit     *audit.Log
	campaigns *survey.Store
	responses *responses.Store
	appeals   AppealCounts
}

// NewStore returns the score-run store.
func NewStore(db *storage.DB, log *audit.Log, campaigns *survey.Store, answers *responses.Store) *Store {
	return &Store{db: db, audit: log, campaigns: campaigns, responses: answers}
}

// Create computes a score run of a campaign from its counted responses and
// stores it. The computation reads the responses in one query and runs
// outside any transaction; only the finished run is written.
func (s *Store) Create(ctx context.Context, code string, actor audit.Actor) (*Run, *scoring.Result, error) {
	st, err := s.campaigns.Structure(ctx, code)
	if err != nil {
		return nil, nil, err
	}
	if st.Campaign.Status == survey.Draft {
		return nil, nil, fault.Conflictf("campaign %q is a draft: there is nothing to score yet", code)
	}
	cfg := st.ScoringConfig()
	asOf, err := s.hotline(ctx, st, &cfg)
	if err != nil {
		return nil, nil, err
	}
	excluded := 0
	res, err := scoring.Run(cfg, s.responses.CountedResponses(ctx, st, &excluded))
	if err != nil {
		return nil, nil, err
	}
	units, err := json.Marshal(res.Units)
	if err != nil {
		return nil, nil, err
	}
	config, _ := json.Marshal(storedConfig{Config: cfg, HotlineAsOf: asOf})
	sum := sha256.Sum256(units)
	run := &Run{CampaignID: st.Campaign.ID, CreatedAt: s.db.Now(), CreatedBy: actor.Login, Config: string(config),
		Seed: st.Campaign.Seed, InputDigest: res.InputDigest, Responses: res.Responses, Excluded: excluded,
		Ratings: int64(res.Ratings), Units: units, ResultDigest: hex.EncodeToString(sum[:])}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(run).Error; err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "score_run.create", Object: "campaign:" + code,
			Detail: runDetail(run, asOf)})
	})
	if err != nil {
		return nil, nil, err
	}
	return run, res, nil
}

// Get returns a run of a campaign.
func (s *Store) Get(ctx context.Context, code string, id int64) (*Run, error) {
	c, err := s.campaigns.Campaign(ctx, code)
	if err != nil {
		return nil, err
	}
	var run Run
	err = s.db.WithContext(ctx).Where("id = ? AND campaign_id = ?", id, c.ID).Take(&run).Error
	if storage.IsNotFound(err) {
		return nil, fault.NotFoundf("campaign %q has no score run %d", code, id)
	}
	return &run, err
}

// List returns a campaign's runs, newest first, without their results.
func (s *Store) List(ctx context.Context, code string) ([]Run, error) {
	c, err := s.campaigns.Campaign(ctx, code)
	if err != nil {
		return nil, err
	}
	var runs []Run
	err = s.db.WithContext(ctx).Omit("units", "config").Where("campaign_id = ?", c.ID).Order("id DESC").Find(&runs).Error
	return runs, err
}

// Document is a run in SPEC's "Score results" shape.
type Document struct {
	Campaign string          `json:"campaign"`
	Run      int64           `json:"run"`
	Units    json.RawMessage `json:"units"`
}

// Document returns the run as SPEC's JSON object.
func (r *Run) Document(code string) Document {
	return Document{Campaign: code, Run: r.ID, Units: r.Units}
}
