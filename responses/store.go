// Package responses keeps what respondents answered: submission and its
// receipts, paper imports, exports, the committee's exclusions, progress,
// and what score runs and the review read of the answers. It owns the
// responses, response_comments and exclusions tables; campaigns and their
// structure are survey's.
package responses

import (
	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/survey"
)

// Store keeps the responses of campaigns in the database.
type Store struct {
	db       *storage.DB
	audit    *audit.Log
	surveys  *survey.Store
	progress progressCache
	cases    DrawnCases // the phone draw's cases, for imports naming them
	groups   groupQueue // submissions waiting to share a commit
}

// NewStore returns the responses store of db, for the campaigns of
// surveys. It tells surveys that a campaign with responses cannot go back
// to draft: the structure its stored answers refer to would change.
func NewStore(db *storage.DB, log *audit.Log, surveys *survey.Store) *Store {
	s := &Store{db: db, audit: log, surveys: surveys}
	surveys.AddStatusCheck(s.refuseDraftWithResponses)
	return s
}

func (s *Store) refuseDraftWithResponses(tx *gorm.DB, c survey.Campaign, to survey.Status) error {
	if to != survey.Draft {
		return nil
	}
	var n int64
	if err := tx.Model(&Response{}).Where("campaign_id = ?", c.ID).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return fault.Conflictf("campaign %q has %d responses and cannot go back to draft", c.Code, n)
	}
	return nil
}
