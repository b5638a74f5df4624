package responses

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/survey"
)

// Exclusion is the committee's decision that a response does not count: it
// never deletes the response, names who decided, when and why, and can be
// revoked (with a reason) as openly as it was made.
type Exclusion struct {
	ID           int64
	CampaignID   int64
	ResponseID   int64
	Reason       string
	Batch        *string // ties the exclusions of one decision, e.g. one flagged burst
	CreatedBy    int64
	CreatedAt    time.Time
	RevokedBy    *int64
	RevokedAt    *time.Time
	RevokeReason *string
}

// TableName ties Exclusion to the exclusions table.
func (Exclusion) TableName() string { return "exclusions" }

// Active reports whether the exclusion still removes its response.
func (e Exclusion) Active() bool { return e.RevokedAt == nil }

// ExclusionRecord is an exclusion with the ref of its response.
type ExclusionRecord struct {
	Exclusion
	Ref string
}

// ExclusionRequest is what a committee member submits to exclude responses.
type ExclusionRequest struct {
	Refs   []string `json:"refs"`
	Reason string   `json:"reason"`
	Batch  string   `json:"batch"`
}

// ExclusionResult says what an exclusion did: how many responses it
// excluded, and which of those asked for were excluded already.
type ExclusionResult struct {
	Excluded int      `json:"excluded"`
	Already  []string `json:"already_excluded"`
}

// Limits of what an exclusion carries.
const (
	maxReason        = 2000
	maxBatch         = 64
	maxExclusionRefs = 10000
	// refsPerQuery keeps IN lists well inside both databases' limits.
	refsPerQuery = 500
)

// Exclude excludes the responses named by ref, as one decision with one
// reason and an optional batch label. Responses already excluded are left
// as they are and reported. An unknown ref refuses the whole request. The
// exclusion and its audit entry are written in one transaction, under the
// campaign's row lock, so a publication checking its inputs never races it.
func (s *Store) Exclude(ctx context.Context, code string, in ExclusionRequest, by audit.Actor) (ExclusionResult, error) {
	var res ExclusionResult
	refs, reason, batch, err := checkExclusion(in)
	if err != nil {
		return res, err
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		res = ExclusionResult{} // a retried transaction starts over
		c, err := s.surveys.LockCampaign(tx, code)
		if err != nil {
			return err
		}
		if c.Status == survey.Draft {
			return fault.Conflictf("campaign %q is a draft: it has no responses to exclude", code)
		}
		ids, err := responseIDs(tx, c.ID, refs)
		if err != nil {
			return err
		}
		active, err := activelyExcluded(tx, c.ID)
		if err != nil {
			return err
		}
		now := s.db.Now()
		var rows []Exclusion
		var added []string
		for _, ref := range refs {
			if active[ids[ref]] {
				res.Already = append(res.Already, ref)
				continue
			}
			rows = append(rows, Exclusion{CampaignID: c.ID, ResponseID: ids[ref], Reason: reason, Batch: batch,
				CreatedBy: by.ID, CreatedAt: now})
			added = append(added, ref)
		}
		if len(rows) == 0 {
			return fault.Conflictf("every one of these responses is already excluded")
		}
		if err := tx.CreateInBatches(rows, s.db.RowsPerInsert(9)).Error; err != nil {
			return err
		}
		res.Excluded = len(rows)
		return s.audit.Append(tx, audit.Entry{Actor: by, Action: "exclusion.add", Object: "campaign:" + code,
			Detail: map[string]any{"refs": added, "reason": reason, "batch": batch, "already_excluded": len(res.Already)}})
	})
	return res, err
}

// checkExclusion trims and checks a request, reporting every problem.
func checkExclusion(in ExclusionRequest) (refs []string, reason string, batch *string, err error) {
	var problems []fault.Problem
	seen := map[string]bool{}
	for _, ref := range in.Refs {
		if ref = strings.TrimSpace(ref); ref != "" && !seen[ref] {
			seen[ref] = true
			refs = append(refs, ref)
		}
	}
	switch {
	case len(refs) == 0:
		problems = append(problems, fault.P("refs", "name at least one response"))
	case len(refs) > maxExclusionRefs:
		problems = append(problems, fault.P("refs", "at most %d responses can be excluded at once", maxExclusionRefs))
	}
	reason = strings.TrimSpace(in.Reason)
	if reason == "" {
		problems = append(problems, fault.P("reason", "an exclusion needs a written reason"))
	} else if utf8.RuneCountInString(reason) > maxReason {
		problems = append(problems, fault.P("reason", "the reason is longer than %d characters", maxReason))
	}
	if b := strings.TrimSpace(in.Batch); b != "" {
		if len(b) > maxBatch {
			problems = append(problems, fault.P("batch", "the batch label is longer than %d bytes", maxBatch))
		}
		batch = &b
	}
	if len(problems) > 0 {
		return nil, "", nil, fault.WithProblems(problems, "the exclusion has problems")
	}
	return refs, reason, batch, nil
}

// responseIDs maps each ref to its response's id, refusing unknown refs.
func responseIDs(tx *gorm.DB, campaignID int64, refs []string) (map[string]int64, error) {
	ids := make(map[string]int64, len(refs))
	for start := 0; start < len(refs); start += refsPerQuery {
		var found []struct {
			ID  int64
			Ref string
		}
		chunk := refs[start:min(start+refsPerQuery, len(refs))]
		if err := tx.Model(&Response{}).Select("id, ref").Where("campaign_id = ? AND ref IN ?", campaignID, chunk).
			Find(&found).Error; err != nil {
			return nil, err
		}
		for _, f := range found {
			ids[f.Ref] = f.ID
		}
	}
	var problems []fault.Problem
	for i, ref := range refs {
		if _, ok := ids[ref]; !ok {
			problems = append(problems, fault.P(fmt.Sprintf("refs[%d]", i), "no response %q in this campaign", ref))
		}
	}
	if len(problems) > 0 {
		return nil, fault.WithProblems(problems, "%d of the responses named do not exist", len(problems))
	}
	return ids, nil
}

func activelyExcluded(tx *gorm.DB, campaignID int64) (map[int64]bool, error) {
	var ids []int64
	err := tx.Model(&Exclusion{}).Where("campaign_id = ? AND revoked_at IS NULL", campaignID).Pluck("response_id", &ids).Error
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, err
}

// RevokeExclusion reinstates the response of one exclusion.
func (s *Store) RevokeExclusion(ctx context.Context, code string, id int64, reason string, by audit.Actor) error {
	_, err := s.revoke(ctx, code, reason, by, func(q *gorm.DB) *gorm.DB { return q.Where("exclusions.id = ?", id) },
		fault.NotFoundf("campaign %q has no active exclusion %d", code, id))
	return err
}

// RevokeBatch reinstates every response still excluded under a batch label
// and returns how many.
func (s *Store) RevokeBatch(ctx context.Context, code, batch, reason string, by audit.Actor) (int, error) {
	return s.revoke(ctx, code, reason, by, func(q *gorm.DB) *gorm.DB { return q.Where("exclusions.batch = ?", batch) },
		fault.NotFoundf("campaign %q has no active exclusion in batch %q", code, batch))
}

// revoke ends the active exclusions that pick selects, with one reason and
// one audit entry, or returns none when there is nothing to revoke.
func (s *Store) revoke(ctx context.Context, code, reason string, by audit.Actor, pick func(*gorm.DB) *gorm.DB, none error) (int, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return 0, fault.WithProblems([]fault.Problem{fault.P("reason", "revoking an exclusion needs a written reason")},
			"the revocation has problems")
	}
	if utf8.RuneCountInString(reason) > maxReason {
		return 0, fault.WithProblems([]fault.Problem{fault.P("reason", "the reason is longer than %d characters", maxReason)},
			"the revocation has problems")
	}
	var n int
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		c, err := s.surveys.LockCampaign(tx, code)
		if err != nil {
			return err
		}
		var found []ExclusionRecord
		q := tx.Table("exclusions").Select("exclusions.*, responses.ref").
			Joins("JOIN responses ON responses.id = exclusions.response_id").
			Where("exclusions.campaign_id = ? AND exclusions.revoked_at IS NULL", c.ID)
		if err := pick(q).Order("exclusions.id").Find(&found).Error; err != nil {
			return err
		}
		if len(found) == 0 {
			return none
		}
		ids := make([]int64, len(found))
		refs := make([]string, len(found))
		for i, e := range found {
			ids[i], refs[i] = e.ID, e.Ref
		}
		now := s.db.Now()
		if err := tx.Model(&Exclusion{}).Where("id IN ?", ids).
			Updates(map[string]any{"revoked_by": by.ID, "revoked_at": now, "revoke_reason": reason}).Error; err != nil {
			return err
		}
		n = len(found)
		return s.audit.Append(tx, audit.Entry{Actor: by, Action: "exclusion.revoke", Object: "campaign:" + code,
			Detail: map[string]any{"exclusions": ids, "refs": refs, "reason": reason}})
	})
	return n, err
}

// Exclusions lists a campaign's exclusions, active and revoked, newest
// first.
func (s *Store) Exclusions(ctx context.Context, code string) ([]ExclusionRecord, error) {
	c, err := s.surveys.Campaign(ctx, code)
	if err != nil {
		return nil, err
	}
	var out []ExclusionRecord
	err = s.db.WithContext(ctx).Table("exclusions").Select("exclusions.*, responses.ref").
		Joins("JOIN responses ON responses.id = exclusions.response_id").
		Where("exclusions.campaign_id = ?", c.ID).Order("exclusions.id DESC").Find(&out).Error
	return out, err
}
