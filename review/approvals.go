package review

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/results"
	"pingyi/scoring"
	"pingyi/storage"
	"pingyi/survey"
)

// Approval is a committee member's approval of one exact score run.
type Approval struct {
	ID          int64
	CampaignID  int64
	RunID       int64
	UserID      int64
	ApprovedAt  time.Time
	WithdrawnAt *time.Time
}

// TableName ties Approval to the run_approvals table.
func (Approval) TableName() string { return "run_approvals" }

// Approve records by's approval of a run. The campaign must be under
// review (or published, for a correction), the approver an active
// committee member, and the run's inputs must still be the data's: an
// approval of a run the data have moved away from would approve nothing.
func (s *Store) Approve(ctx context.Context, code string, runID int64, by audit.Actor) error {
	st, err := s.survey.Structure(ctx, code)
	if err != nil {
		return err
	}
	if err := s.activeCommittee(ctx, by, st.Campaign.OrganizerCode); err != nil {
		return err
	}
	run, err := s.runs.Get(ctx, code, runID)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		c, err := s.survey.LockCampaign(tx, code)
		if err != nil {
			return err
		}
		if c.Status != survey.Review && c.Status != survey.Published {
			return fault.Conflictf("campaign %q is %s: runs are approved while it is under review", code, c.Status)
		}
		if err := s.checkUnpublished(tx, c.ID, run.ID); err != nil {
			return err
		}
		if err := s.checkCurrent(tx, st, run); err != nil {
			return err
		}
		var a Approval
		err = tx.Where("run_id = ? AND user_id = ?", run.ID, by.ID).Take(&a).Error
		now := s.db.Now()
		switch {
		case err == nil && a.WithdrawnAt == nil:
			return fault.Conflictf("you have already approved run %d", run.ID)
		case err == nil:
			err = tx.Model(&a).Updates(map[string]any{"approved_at": now, "withdrawn_at": nil}).Error
		case storage.IsNotFound(err):
			err = tx.Create(&Approval{CampaignID: c.ID, RunID: run.ID, UserID: by.ID, ApprovedAt: now}).Error
			if storage.IsDuplicate(err) {
				return fault.Conflictf("you have already approved run %d", run.ID)
			}
		}
		if err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: by, Action: "run.approve", Object: "campaign:" + code,
			Detail: map[string]any{"run": run.ID, "input_digest": run.InputDigest, "result_digest": run.ResultDigest}})
	})
}

// Withdraw takes back by's approval of a run that is not yet published.
func (s *Store) Withdraw(ctx context.Context, code string, runID int64, by audit.Actor) error {
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		c, err := s.survey.LockCampaign(tx, code)
		if err != nil {
			return err
		}
		if err := s.checkUnpublished(tx, c.ID, runID); err != nil {
			return err
		}
		res := tx.Model(&Approval{}).Where("campaign_id = ? AND run_id = ? AND user_id = ? AND withdrawn_at IS NULL", c.ID, runID, by.ID).
			Update("withdrawn_at", s.db.Now())
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return fault.NotFoundf("you have not approved run %d", runID)
		}
		return s.audit.Append(tx, audit.Entry{Actor: by, Action: "run.withdraw", Object: "campaign:" + code,
			Detail: map[string]any{"run": runID}})
	})
}

// checkUnpublished refuses to change the approvals of a published run:
// they are part of the record of its publication.
func (s *Store) checkUnpublished(tx *gorm.DB, campaignID, runID int64) error {
	version, err := publishedAs(tx, campaignID, runID)
	if err == nil && version > 0 {
		return fault.Conflictf("run %d is published as version %d; a correction needs a new run", runID, version)
	}
	return err
}

// publishedAs returns the version a run was published as, or 0.
func publishedAs(q *gorm.DB, campaignID, runID int64) (int, error) {
	var p Publication
	err := q.Omit("content").Where("campaign_id = ? AND run_id = ?", campaignID, runID).Take(&p).Error
	if storage.IsNotFound(err) {
		return 0, nil
	}
	return p.Version, err
}

// checkCurrent refuses a run whose inputs are no longer the data's.
func (s *Store) checkCurrent(tx *gorm.DB, st *survey.Structure, run *results.Run) error {
	current, err := s.current(tx, st, run)
	if err == nil && !current {
		return fault.Conflictf("the data changed after run %d was computed (responses were excluded or reinstated): create a new score run and approve that", run.ID)
	}
	return err
}

// current reports whether a run's input digest is that of the responses
// that count now, as q sees them. A run's appeal counts (step 8) are
// those it stored, taken as of its moment: the ledger moving on later
// does not make it stale.
func (s *Store) current(q *gorm.DB, st *survey.Structure, run *results.Run) (bool, error) {
	cfg, err := run.ScoringConfig(st)
	if err != nil {
		return false, err
	}
	digest, err := scoring.InputDigest(cfg, s.responses.CountedResponsesTx(q, st))
	return digest == run.InputDigest, err
}

// Approver is an approval as the console shows it.
type Approver struct {
	UserID     int64     `json:"-"`
	Login      string    `json:"login"`
	Name       string    `json:"name"`
	ApprovedAt time.Time `json:"approved_at"`
	Counts     bool      `json:"counts"` // by a committee member active now
}

// RunStatus is where a score run stands in the review.
type RunStatus struct {
	Approvers []Approver `json:"approvers"`
	Tally     Tally      `json:"tally"`
	// Current says whether the run's inputs are still the data's; only a
	// current run can be approved and published.
	Current bool `json:"current"`
	// Published is the version the run was published as, or 0.
	Published int `json:"published_version"`
}

// Status reports a run's approvals against the quorum, whether its inputs
// are current, and whether it is published.
func (s *Store) Status(ctx context.Context, code string, run *results.Run) (*RunStatus, error) {
	st, set, err := s.campaign(ctx, code)
	if err != nil {
		return nil, err
	}
	var approvals []Approval
	if err := s.db.WithContext(ctx).Where("run_id = ? AND withdrawn_at IS NULL", run.ID).Order("approved_at, id").Find(&approvals).Error; err != nil {
		return nil, err
	}
	// Every account, not only the committee: an approver who has left it
	// is still named.
	users, err := s.members.List(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]account.User{}
	for _, u := range users {
		byID[u.ID] = u
	}
	members := userIDs(activeCommittee(users, st.Campaign.OrganizerCode))
	out := &RunStatus{}
	ids := make([]int64, len(approvals))
	for i, a := range approvals {
		ids[i] = a.UserID
		u := byID[a.UserID]
		out.Approvers = append(out.Approvers, Approver{UserID: a.UserID, Login: u.Login, Name: u.DisplayName, ApprovedAt: a.ApprovedAt,
			Counts: slices.Contains(members, a.UserID)})
	}
	out.Tally = Count(set.Quorum, members, ids)
	q := s.db.WithContext(ctx)
	if out.Published, err = publishedAs(q, st.Campaign.ID, run.ID); err != nil {
		return nil, err
	}
	if out.Current, err = s.current(q, st, run); err != nil {
		return nil, err
	}
	return out, nil
}

// committee returns an organiser's committee accounts active now.
func (s *Store) committee(ctx context.Context, organizer string) ([]account.User, error) {
	users, err := s.members.List(ctx)
	if err != nil {
		return nil, err
	}
	return activeCommittee(users, organizer), nil
}

// activeCommittee is an organiser's committee: the committee accounts
// that belong to it, active now. A city's member, who sees a county's
// campaigns, is not on the county's committee: quorum counts the
// campaign's organiser's own members only.
func activeCommittee(users []account.User, organizer string) []account.User {
	var out []account.User
	for _, u := range users {
		if u.Role == account.Committee && u.Active() && u.BelongsTo(organizer) {
			out = append(out, u)
		}
	}
	return out
}

func userIDs(users []account.User) []int64 {
	ids := make([]int64, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	return ids
}

// activeCommittee refuses by unless its account is an active member of
// the committee of the campaign's organiser now: the one check before an
// approval and before publishing.
func (s *Store) activeCommittee(ctx context.Context, by audit.Actor, organizer string) error {
	if by.Role != string(account.Committee) {
		return fault.Forbiddenf("only committee members approve score runs")
	}
	users, err := s.members.List(ctx)
	if err != nil {
		return err
	}
	for _, u := range activeCommittee(users, organizer) {
		if u.ID == by.ID {
			return nil
		}
	}
	return fault.Forbiddenf("only members of the committee of organiser %q approve its campaigns' score runs", organizer)
}
