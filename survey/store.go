package survey

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"sync"

	"github.com/go-playground/validator/v10"
	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/organizer"
	"pingyi/scoring"
	"pingyi/storage"
)

// Store keeps campaigns and their structure in the database.
type Store struct {
	db       *storage.DB
	audit    *audit.Log
	validate *validator.Validate

	// structures caches loaded campaign structures by id. An entry is valid
	// while the campaign's structure_version is unchanged, which every read
	// checks against the database, so several serve processes never serve a
	// stale structure: the cache saves the five queries, not the check.
	mu         sync.Mutex
	structures map[int64]*Structure

	// statusChecks may refuse a status change (see AddStatusCheck).
	statusChecks []StatusCheck
}

// NewStore returns the survey store of db.
func NewStore(db *storage.DB, log *audit.Log, v *validator.Validate) *Store {
	return &Store{db: db, audit: log, validate: v, structures: map[int64]*Structure{}}
}

// Create validates a definition and stores it as a new draft campaign.
func (s *Store) Create(ctx context.Context, d Definition, actor audit.Actor) (*Structure, error) {
	if err := Validate(s.validate, &d); err != nil {
		return nil, err
	}
	if err := resolveAHP(&d, nil); err != nil {
		return nil, err
	}
	now := s.db.Now()
	c := Campaign{Code: d.Code, Status: Draft, StructureVersion: 1, CreatedAt: now, UpdatedAt: now}
	applyCampaignFields(&c, &d)
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := organizer.Ensure(tx, c.OrganizerCode, c.Organizer, now); err != nil {
			return err
		}
		if err := tx.Create(&c).Error; err != nil {
			if storage.IsDuplicate(err) {
				return fault.Conflictf("a campaign with code %q exists", d.Code)
			}
			return err
		}
		if err := syncStructure(tx, c.ID, nil, &d); err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "campaign.create", Object: "campaign:" + c.Code,
			Detail: map[string]int{"units": len(d.Units), "groups": len(d.Groups), "indicators": len(d.Indicators)}})
	})
	if err != nil {
		return nil, err
	}
	return s.Structure(ctx, c.Code)
}

// applyCampaignFields copies the campaign-level fields of a definition,
// filling in scoring defaults; a missing seed is drawn once and stored, so
// every later run of the campaign uses the same one.
func applyCampaignFields(c *Campaign, d *Definition) {
	c.Name, c.Organizer, c.Year, c.Period = d.Name, d.Organizer.Name, d.Year, d.Period
	c.OrganizerCode, c.Series = d.Organizer.CodeOr(), d.SeriesOf()
	c.Description = nil
	if d.Description != "" {
		c.Description = &d.Description
	}
	c.MinSample = intOr(d.Scoring.MinSample, DefaultMinSample)
	c.Bootstrap = intOr(d.Scoring.Bootstrap, DefaultBootstrap)
	c.TieDecimals = intOr(d.Scoring.TieDecimals, DefaultTieDecimals)
	if d.Scoring.Seed != nil {
		c.Seed = int64(*d.Scoring.Seed)
	} else if c.Seed == 0 {
		var b [8]byte
		rand.Read(b[:])
		c.Seed = int64(binary.BigEndian.Uint64(b[:]) >> 1)
	}
	c.AHP = nil
	if d.AHP != nil {
		m, _ := json.Marshal(d.AHP)
		ahp := string(m)
		c.AHP = &ahp
	}
	c.Components, c.Hotline = jsonOrNil(d.Components, d.Components == nil), jsonOrNil(d.Hotline, d.Hotline == nil)
}

// jsonOrNil is v as stored JSON, or nil when absent.
func jsonOrNil(v any, absent bool) *string {
	if absent {
		return nil
	}
	b, _ := json.Marshal(v)
	s := string(b)
	return &s
}

func intOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}

// Campaign returns a campaign row by code.
func (s *Store) Campaign(ctx context.Context, code string) (Campaign, error) {
	var c Campaign
	err := s.db.WithContext(ctx).Where("code = ?", code).Take(&c).Error
	if storage.IsNotFound(err) {
		return c, fault.NotFoundf("no campaign %q", code)
	}
	return c, err
}

// Campaigns lists campaigns, newest first, optionally only those in the
// given statuses.
func (s *Store) Campaigns(ctx context.Context, statuses ...Status) ([]Campaign, error) {
	q := s.db.WithContext(ctx).Order("year DESC, id DESC")
	if len(statuses) > 0 {
		q = q.Where("status IN ?", statuses)
	}
	var out []Campaign
	return out, q.Find(&out).Error
}

// Structure returns a campaign with its whole structure.
func (s *Store) Structure(ctx context.Context, code string) (*Structure, error) {
	c, err := s.Campaign(ctx, code)
	if err != nil {
		return nil, err
	}
	return s.StructureOf(ctx, s.db.WithContext(ctx), c)
}

// StructureOf returns the whole structure of a campaign row already read,
// reading through q (the caller's transaction, when it has one).
func (s *Store) StructureOf(ctx context.Context, q *gorm.DB, c Campaign) (*Structure, error) {
	s.mu.Lock()
	cached := s.structures[c.ID]
	s.mu.Unlock()
	if cached != nil && cached.Campaign.StructureVersion == c.StructureVersion {
		fresh := *cached // shares the read-only slices and maps
		fresh.Campaign = c
		return &fresh, nil
	}
	st, err := loadStructure(q, c)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.structures[c.ID] = st
	s.mu.Unlock()
	return st, nil
}

func loadStructure(q *gorm.DB, c Campaign) (*Structure, error) {
	st := &Structure{Campaign: c}
	for _, rows := range []any{&st.Categories, &st.Units, &st.Indicators, &st.Scale, &st.Groups} {
		if err := q.Where("campaign_id = ?", c.ID).Order("position").Find(rows).Error; err != nil {
			return nil, err
		}
	}
	st.index()
	for _, ind := range st.Indicators {
		if !ind.Auxiliary && ind.Weight != nil {
			st.MainWeights = append(st.MainWeights, *ind.Weight)
		}
	}
	if m := c.AHPMatrix(); m != nil {
		// Shown to people only; the weights used are the stored ones.
		res, _ := scoring.AHP(m)
		st.AHPCR = res.CR
	}
	return st, nil
}

// StructureByID returns a campaign with its whole structure, by id: the
// tables of other packages refer to campaigns by id.
func (s *Store) StructureByID(ctx context.Context, id int64) (*Structure, error) {
	var c Campaign
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&c).Error
	if storage.IsNotFound(err) {
		return nil, fault.NotFoundf("no campaign %d", id)
	}
	if err != nil {
		return nil, err
	}
	return s.StructureOf(ctx, s.db.WithContext(ctx), c)
}
