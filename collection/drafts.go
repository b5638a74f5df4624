package collection

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"pingyi/fault"
	"pingyi/responses"
	"pingyi/storage"
	"pingyi/survey"
)

// Draft is a respondent's form as far as they have filled it in.
type Draft struct {
	ID           int64
	CampaignID   int64
	InvitationID *int64
	DeviceHash   *string
	PhoneHash    *string // set once the phone is verified
	Answers      []byte  // survey.EncodeAnswers
	Comments     *string // JSON: unit code → text
	Page         int     // where the respondent was going when they last saved
	StartedAt    time.Time
	UpdatedAt    time.Time
	ResponseID   *int64 // set in the transaction that submits it
	// Screened is a screened respondent's choice of units (screen.go).
	Screened *string
}

// TableName ties Draft to the drafts table.
func (Draft) TableName() string { return "drafts" }

// DraftKey names whose draft it is: an invitation's, or (open link) a
// device's.
type DraftKey struct {
	CampaignID   int64
	InvitationID int64
	DeviceHash   string
}

func (k DraftKey) where(q *gorm.DB) *gorm.DB {
	if k.InvitationID != 0 {
		return q.Where("invitation_id = ?", k.InvitationID)
	}
	return q.Where("campaign_id = ? AND device_hash = ?", k.CampaignID, k.DeviceHash)
}

// ErrSubmitted is the answer to saving or submitting a form that has
// already been submitted.
var ErrSubmitted = fault.Conflictf("this form has already been submitted")

// Draft returns the draft of key, or nil when there is none.
func (s *Service) Draft(ctx context.Context, key DraftKey) (*Draft, error) {
	var d Draft
	err := key.where(s.db.WithContext(ctx)).Take(&d).Error
	if storage.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// StartDraft returns the draft of key, creating it (the form's start time)
// if there is none. Starting forms on the open link counts against the
// address's hourly allowance, at ten times the submission limit: enough
// for the honest people behind one carrier address, not for a script
// filling the table.
func (s *Service) StartDraft(ctx context.Context, key DraftKey, ipHash string) (*Draft, error) {
	if d, err := s.Draft(ctx, key); d != nil || err != nil {
		return d, err
	}
	now := s.db.Now()
	d := Draft{CampaignID: key.CampaignID, Page: 1, StartedAt: now, UpdatedAt: now}
	if key.InvitationID != 0 {
		d.InvitationID = &key.InvitationID
	} else {
		d.DeviceHash = &key.DeviceHash
	}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		if key.InvitationID == 0 {
			set, err := s.settings(tx, key.CampaignID)
			if err != nil {
				return err
			}
			if limit := set.limit(s.limits) * 10; limit > 0 && ipHash != "" {
				if err := s.count(tx, "start", key.CampaignID, ipHash, limit); err != nil {
					return err
				}
			}
		}
		return tx.Create(&d).Error
	})
	if storage.IsDuplicate(err) { // another tab of the same respondent got there first
		return s.Draft(ctx, key)
	}
	if err != nil {
		return nil, err
	}
	s.sweep(ctx)
	return &d, nil
}

// Cell is one (unit, indicator) place on the form, by position.
type Cell struct{ Unit, Indicator int }

// Content is what a draft holds: options by cell and comments by unit,
// by position in the campaign's structure.
type Content struct {
	Ratings  map[Cell]int
	Comments map[int]string
}

// Content decodes a draft's answers.
func (d *Draft) Content(st *survey.Structure) (Content, error) {
	c := Content{Ratings: map[Cell]int{}, Comments: map[int]string{}}
	if len(d.Answers) > 0 {
		ratings, err := responses.DecodeAnswers(d.Answers, nil)
		if err != nil {
			return c, err
		}
		for _, r := range ratings {
			c.Ratings[Cell{r.Unit, r.Indicator}] = r.Option
		}
	}
	if d.Comments != nil {
		var byCode map[string]string
		if err := json.Unmarshal([]byte(*d.Comments), &byCode); err != nil {
			return c, err
		}
		for code, body := range byCode {
			if u, ok := st.UnitIndex(code); ok {
				c.Comments[u] = body
			}
		}
	}
	return c, nil
}

func (c Content) encode(st *survey.Structure) ([]byte, *string, error) {
	ratings := make([]responses.Rating, 0, len(c.Ratings))
	for cell, opt := range c.Ratings {
		ratings = append(ratings, responses.Rating{Unit: cell.Unit, Indicator: cell.Indicator, Option: opt})
	}
	answers, err := responses.EncodeAnswers(ratings, len(st.Indicators))
	if err != nil {
		return nil, nil, err
	}
	if len(c.Comments) == 0 {
		return answers, nil, nil
	}
	byCode := map[string]string{}
	for u, body := range c.Comments {
		byCode[st.Units[u].Code] = body
	}
	raw, err := json.Marshal(byCode)
	text := string(raw)
	return answers, &text, err
}

// Submission turns a draft's content into what responses.Submit takes, in
// form order.
func (c Content) Submission(st *survey.Structure) responses.Submission {
	cells := make([]Cell, 0, len(c.Ratings))
	for cell := range c.Ratings {
		cells = append(cells, cell)
	}
	slices.SortFunc(cells, func(a, b Cell) int {
		if a.Unit != b.Unit {
			return a.Unit - b.Unit
		}
		return a.Indicator - b.Indicator
	})
	sub := responses.Submission{Answers: make([]responses.Answer, len(cells)), Comments: map[string]string{}}
	for i, cell := range cells {
		sub.Answers[i] = responses.Answer{Unit: st.Units[cell.Unit].Code, Indicator: st.Indicators[cell.Indicator].Code,
			Option: st.Scale[c.Ratings[cell]].Code}
	}
	for u, body := range c.Comments {
		sub.Comments[st.Units[u].Code] = body
	}
	return sub
}

// SavePage replaces a draft's answers to the units of one form page with
// what the page sent, and records the page the respondent goes to next,
// which is where they resume.
func (s *Service) SavePage(ctx context.Context, draftID int64, st *survey.Structure, units []int, page Content, next int) error {
	return s.changeDraft(ctx, draftID, st, func(c *Content) {
		onPage := map[int]bool{}
		for _, u := range units {
			onPage[u] = true
			delete(c.Comments, u)
		}
		for cell := range c.Ratings {
			if onPage[cell.Unit] {
				delete(c.Ratings, cell)
			}
		}
		for cell, opt := range page.Ratings {
			if onPage[cell.Unit] {
				c.Ratings[cell] = opt
			}
		}
		for u, body := range page.Comments {
			if onPage[u] && body != "" {
				c.Comments[u] = body
			}
		}
	}, map[string]any{"page": next})
}

// changeDraft changes a draft's content under its row lock and stores it,
// with the other columns of set; a submitted draft refuses.
func (s *Service) changeDraft(ctx context.Context, draftID int64, st *survey.Structure, change func(*Content), set map[string]any) error {
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		var d Draft
		if err := s.db.Locked(tx.Where("id = ?", draftID), storage.ForUpdate).Take(&d).Error; err != nil {
			return err
		}
		if d.ResponseID != nil {
			return ErrSubmitted
		}
		c, err := d.Content(st)
		if err != nil {
			return err
		}
		change(&c)
		answers, comments, err := c.encode(st)
		if err != nil {
			return err
		}
		updates := map[string]any{"answers": answers, "comments": comments, "updated_at": s.db.Now()}
		for k, v := range set {
			updates[k] = v
		}
		return tx.Model(&Draft{}).Where("id = ?", d.ID).Updates(updates).Error
	})
}

// claimDraft marks a draft submitted by a response, inside the response's
// transaction; a draft submitted already refuses.
func claimDraft(id int64) func(tx *gorm.DB, responseID int64) error {
	return func(tx *gorm.DB, responseID int64) error {
		return claimDraftWhere(tx.Where("id = ?", id), responseID)
	}
}

// claimDevice holds the open link to one response per device when a
// response comes without a draft (through the API): the device's draft
// row, made if need be, takes the response or refuses it.
func claimDevice(campaignID int64, deviceHash string, now time.Time) func(tx *gorm.DB, responseID int64) error {
	return func(tx *gorm.DB, responseID int64) error {
		d := Draft{CampaignID: campaignID, DeviceHash: &deviceHash, Page: 1, StartedAt: now, UpdatedAt: now}
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&d).Error; err != nil {
			return err
		}
		return claimDraftWhere(DraftKey{CampaignID: campaignID, DeviceHash: deviceHash}.where(tx), responseID)
	}
}

// claimDraftWhere gives the draft q selects to a response unless it has
// one already: of two submissions racing for one draft, the second finds
// it taken.
func claimDraftWhere(q *gorm.DB, responseID int64) error {
	res := q.Model(&Draft{}).Where("response_id IS NULL").Update("response_id", responseID)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return ErrSubmitted
	}
	return nil
}
