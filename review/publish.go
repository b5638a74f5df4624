package review

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"pingyi/account"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/results"
	"pingyi/survey"
)

// PublishRequest is what a committee member submits to publish a run.
type PublishRequest struct {
	Run        int64  `json:"run"`
	ChangeNote string `json:"change_note"`
}

const maxChangeNote = 4000

// Publish publishes an approved score run as the next version of its
// campaign's publication. Version 1 needs the campaign under review; a
// later version is a correction of a published campaign and needs a change
// note and a run not published before. In one transaction, under the
// campaign's row lock (which exclusions take too), it checks the quorum,
// checks that the run's inputs are still the data's and that its stored
// results match their digest, freezes the content with the digest chain,
// marks the campaign published and records the digest in the audit log.
func (s *Store) Publish(ctx context.Context, code string, in PublishRequest, by audit.Actor) (*Publication, error) {
	note := strings.TrimSpace(in.ChangeNote)
	if utf8.RuneCountInString(note) > maxChangeNote {
		return nil, fault.WithProblems([]fault.Problem{fault.P("change_note", "the change note is longer than %d characters", maxChangeNote)},
			"the publication has problems")
	}
	st, err := s.survey.Structure(ctx, code)
	if err != nil {
		return nil, err
	}
	run, err := s.runs.Get(ctx, code, in.Run)
	if err != nil {
		return nil, err
	}
	units, err := run.UnitResults()
	if err != nil {
		return nil, err
	}
	cfg, err := run.ScoringConfig(st)
	if err != nil {
		return nil, err
	}
	// Only the campaign's organiser's committee publishes it: a city's
	// member, who sees the county's campaign, neither approves nor
	// publishes it.
	if err := s.activeCommittee(ctx, by, st.Campaign.OrganizerCode); err != nil {
		return nil, err
	}
	members, err := s.committee(ctx, st.Campaign.OrganizerCode)
	if err != nil {
		return nil, err
	}
	_, prevPub, prevContent, err := s.Previous(ctx, st.Campaign)
	if err != nil {
		return nil, err
	}
	var rates *PhoneRates
	if s.rates != nil {
		if rates, err = s.rates.PhoneRates(ctx, code); err != nil {
			return nil, err
		}
	}
	draw, err := s.drawFiles(ctx, code)
	if err != nil {
		return nil, err
	}
	// What the approvals recorded, read before the transaction: an
	// approval added meanwhile recorded the same digest or fails below.
	approved, err := s.approvalsRecorded(ctx)
	if err != nil {
		return nil, err
	}
	var pub *Publication
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		c, err := s.survey.LockCampaign(tx, code)
		if err != nil {
			return err
		}
		st.Campaign = c
		var last Publication
		err = tx.Omit("content").Where("campaign_id = ?", c.ID).Order("version DESC").Limit(1).Find(&last).Error
		if err != nil {
			return err
		}
		version := last.Version + 1
		switch {
		case version == 1 && c.Status != survey.Review:
			return fault.Conflictf("campaign %q is %s: it must be under review to be published", code, c.Status)
		case version > 1 && note == "":
			return fault.WithProblems([]fault.Problem{fault.P("change_note", "a correction needs a note saying what changed and why")},
				"the publication has problems")
		}
		if err := s.checkUnpublished(tx, c.ID, run.ID); err != nil {
			return err
		}
		set, err := settingsOf(tx, c.ID)
		if err != nil {
			return err
		}
		tally, approvers, err := s.tally(tx, run.ID, set.Quorum, members)
		if err != nil {
			return err
		}
		if !tally.Met {
			return fault.Conflictf("run %d has %d of the %d approvals it needs", run.ID, tally.Approvals, tally.Required)
		}
		if err := approvedAsStored(run, approved[approvalKey(code, run.ID)]); err != nil {
			return err
		}
		if err := s.checkCurrent(tx, st, run); err != nil {
			return err
		}
		sum, err := s.responses.CountedSummaryTx(tx, st)
		if err != nil {
			return err
		}
		now := s.db.Now()
		content := Content{Format: ContentFormat, Version: version, PublishedAt: now,
			Campaign: CampaignInfo{Code: c.Code, Name: c.Name, Organizer: c.Organizer, Year: c.Year, Period: c.Period, OpenedAt: c.OpenedAt, ClosedAt: c.ClosedAt},
			Run: RunInfo{ID: run.ID, CreatedAt: run.CreatedAt, InputDigest: run.InputDigest, ResultDigest: run.ResultDigest,
				Responses: run.Responses, Excluded: run.Excluded, Ratings: run.Ratings},
			Approval: ApprovalInfo{Quorum: tally.Required, Approvals: tally.Approvals, Committee: tally.Members},
			Method:   methodOf(st, sum), Tiers: set.Tiers, Units: publishedUnits(st, units, set, prevContent)}
		content.Method.PhoneRates = rates
		if version > 1 {
			content.ChangeNote, content.PreviousDigest = &note, &last.Digest
		}
		content.Comparison = comparisonOf(prevPub, prevContent)
		for _, cat := range st.Categories {
			content.Categories = append(content.Categories, CategoryInfo{Code: cat.Code, Name: cat.Name})
		}
		files, err := s.attachPublicData(tx, st, cfg, draw, &content)
		if err != nil {
			return err
		}
		raw, err := Encode(&content)
		if err != nil {
			return err
		}
		pub = &Publication{CampaignID: c.ID, Version: version, RunID: run.ID, PublishedAt: now, PublishedBy: by.Login,
			ChangeNote: content.ChangeNote, Content: raw, Digest: Digest(raw), PreviousDigest: content.PreviousDigest}
		if err := tx.Create(pub).Error; err != nil {
			return err
		}
		if err := s.storeFiles(tx, st.Campaign.OrganizerCode, pub, files); err != nil {
			return err
		}
		if err := survey.MarkPublished(tx, c.ID, now); err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: by, Action: "publication.publish", Object: PublicationObject(code, version),
			Detail: map[string]any{"campaign": code, "version": version, "run": run.ID, "digest": pub.Digest,
				"previous_digest": pub.PreviousDigest, "approvers": approvers, "quorum": tally.Required}})
	})
	return pub, err
}

// tally counts a run's approvals inside tx and names the approvers whose
// approvals count.
func (s *Store) tally(tx *gorm.DB, runID int64, quorum int, members []account.User) (Tally, []string, error) {
	var ids []int64
	err := tx.Model(&Approval{}).Where("run_id = ? AND withdrawn_at IS NULL", runID).Order("approved_at, id").Pluck("user_id", &ids).Error
	var logins []string
	for _, id := range ids {
		for _, u := range members {
			if u.ID == id {
				logins = append(logins, u.Login)
			}
		}
	}
	return Count(quorum, userIDs(members), ids), logins, err
}

// Encode writes content as the publication document: indented JSON, one
// trailing newline.
func Encode(c *Content) ([]byte, error) {
	raw, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(raw, '\n'), nil
}

// Digest is the lowercase hex SHA-256 of a publication document; a score
// run's result digest is the same function of its stored units.
func Digest(raw []byte) string {
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}

// PublicationObject names a published version in the audit log.
func PublicationObject(code string, version int) string {
	return "publication:" + code + "/v" + strconv.Itoa(version)
}

// RunOf returns the score run a publication was made from.
func (s *Store) RunOf(ctx context.Context, code string, p *Publication) (*results.Run, error) {
	return s.runs.Get(ctx, code, p.RunID)
}
