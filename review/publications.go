package review

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"pingyi/fault"
	"pingyi/storage"
	"pingyi/survey"
)

// Publication is one published version of a campaign's result. Rows are
// only ever inserted; a correction is a new version.
type Publication struct {
	ID             int64
	CampaignID     int64
	Version        int
	RunID          int64
	PublishedAt    time.Time
	PublishedBy    string
	ChangeNote     *string
	Content        []byte
	Digest         string
	PreviousDigest *string
}

// TableName ties Publication to the publications table.
func (Publication) TableName() string { return "publications" }

// Decode parses the stored content.
func (p *Publication) Decode() (*Content, error) {
	var c Content
	if err := json.Unmarshal(p.Content, &c); err != nil {
		return nil, fmt.Errorf("publication %d: %w", p.ID, err)
	}
	return &c, nil
}

// Versions lists a campaign's published versions, oldest first, without
// their content.
func (s *Store) Versions(ctx context.Context, code string) ([]Publication, error) {
	c, err := s.survey.Campaign(ctx, code)
	if err != nil {
		return nil, err
	}
	var out []Publication
	err = s.db.WithContext(ctx).Omit("content").Where("campaign_id = ?", c.ID).Order("version").Find(&out).Error
	return out, err
}

// Head returns a version of a campaign's publication without its content
// (version 0: the latest), which is all a conditional request needs.
func (s *Store) Head(ctx context.Context, code string, version int) (*Publication, error) {
	return s.find(ctx, code, version, true)
}

// Get returns a version of a campaign's publication (version 0: the
// latest) with its decoded content.
func (s *Store) Get(ctx context.Context, code string, version int) (*Publication, *Content, error) {
	p, err := s.find(ctx, code, version, false)
	if err != nil {
		return nil, nil, err
	}
	content, err := p.Decode()
	return p, content, err
}

func (s *Store) find(ctx context.Context, code string, version int, head bool) (*Publication, error) {
	c, err := s.survey.Campaign(ctx, code)
	if err != nil {
		return nil, err
	}
	q := s.db.WithContext(ctx).Where("campaign_id = ?", c.ID)
	if head {
		q = q.Omit("content")
	}
	if version > 0 {
		q = q.Where("version = ?", version)
	} else {
		q = q.Order("version DESC")
	}
	var p Publication
	err = q.Take(&p).Error
	if storage.IsNotFound(err) {
		if version > 0 {
			return nil, fault.NotFoundf("campaign %q has no published version %d", code, version)
		}
		return nil, fault.NotFoundf("campaign %q has not been published", code)
	}
	return &p, err
}

// Previous returns the campaign a campaign is compared with — the
// published campaign of the same series with the latest year before its
// own — and that campaign's latest publication, or nils when there is
// none. Only the series links campaigns: a county's campaign of the same
// year and period, whose units may share the city's codes, is never
// "last year" for the city's.
func (s *Store) Previous(ctx context.Context, c survey.Campaign) (*survey.Campaign, *Publication, *Content, error) {
	list, err := s.survey.Campaigns(ctx, survey.Published)
	if err != nil {
		return nil, nil, nil, err
	}
	var prev *survey.Campaign
	for i := range list { // newest year first
		if x := list[i]; x.Series == c.Series && x.Year < c.Year && x.ID != c.ID {
			prev = &list[i]
			break
		}
	}
	if prev == nil {
		return nil, nil, nil, nil
	}
	p, content, err := s.Get(ctx, prev.Code, 0)
	if fault.Is(err, fault.NotFound) {
		return nil, nil, nil, nil
	}
	if err != nil {
		return nil, nil, nil, err
	}
	return prev, p, content, nil
}
