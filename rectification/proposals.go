package rectification

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/storage"
)

// Publication is what proposals are made from: one published version's
// units, as the review's publication content holds them (the lead feeds it
// from review.Content and the run's indicator scores).
type Publication struct {
	Campaign string
	Version  int
	// Tiers are the publication's tier names, highest first; the last is
	// the lowest tier, the one whose units are proposed.
	Tiers []string
	Units []PublishedUnit
}

// PublishedUnit is one unit as published.
type PublishedUnit struct {
	Code     string
	Category string
	Level    string // empty when the campaign has no levels
	Index    *float64
	Rank     *int
	Tier     string
	// Indicators are the unit's scores on the main (not auxiliary)
	// indicators, by code.
	Indicators map[string]float64
}

// Rules are what the committee sets for the proposals.
type Rules struct {
	// IndicatorBelow proposes every main indicator scored below it; nil
	// proposes none.
	IndicatorBelow *float64
	// Marked are the comments and appeal cases the committee marked.
	Marked []Marked
}

// Marked is a comment or an appeal case the committee wants a task for.
type Marked struct {
	Unit string
	Kind SourceKind // FromComment or FromAppeal
	Text string     // the comment's text (no name, contact or respondent id), or the case's matter
	Case string     // the appeal case number
}

// Proposal is a task the console proposes, until a member confirms or
// drops it.
type Proposal struct {
	ID        int64
	Campaign  string
	Version   int
	Unit      string
	Problem   string
	Source    Source
	State     string // proposed, confirmed, dropped
	DecidedBy string
	Reason    string // why it was dropped
	TaskID    *int64
}

type proposalRow struct {
	ID           int64
	CampaignCode string
	Version      int
	UnitCode     string
	Problem      string
	Source       sourceColumns `gorm:"embedded"`
	ProposalKey  string
	State        string
	CreatedAt    time.Time
	CreatedBy    string
	DecidedAt    *time.Time
	DecidedBy    *string
	DropReason   *string
	TaskID       *int64
}

func (proposalRow) TableName() string { return "rectification_proposals" }

// candidates are the proposals of a publication under the rules: every
// unit in the lowest tier, every main indicator below the threshold, every
// marked comment or case. Problems are worded in Chinese, the language
// the tasks are published in.
func candidates(pub Publication, rules Rules) ([]proposalRow, error) {
	known := map[string]bool{}
	lowest := ""
	if len(pub.Tiers) > 1 { // with one tier, every unit would be "lowest"
		lowest = pub.Tiers[len(pub.Tiers)-1]
	}
	var out []proposalRow
	add := func(unit, problem string, src Source) {
		out = append(out, proposalRow{CampaignCode: pub.Campaign, Version: pub.Version, UnitCode: unit, Problem: problem,
			Source: columnsOf(src)})
	}
	for _, u := range pub.Units {
		known[u.Code] = true
		if lowest != "" && u.Tier == lowest && u.Index != nil {
			add(u.Code, i18n.M("in the lowest tier (%s) of the published ranking, with an index of %.2f", lowest, *u.Index).In(i18n.ZH),
				Source{Kind: FromTier})
		}
		if rules.IndicatorBelow == nil {
			continue
		}
		codes := make([]string, 0, len(u.Indicators))
		for c := range u.Indicators {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		for _, c := range codes {
			if v := u.Indicators[c]; !math.IsNaN(v) && v < *rules.IndicatorBelow {
				add(u.Code, i18n.M("indicator %s scored %.2f, below the committee's threshold of %.2f", c, v, *rules.IndicatorBelow).In(i18n.ZH),
					Source{Kind: FromIndicator, Indicator: c})
			}
		}
	}
	var ps []fault.Problem
	for i, m := range rules.Marked {
		at := "marked[" + itoa(int64(i)) + "]"
		src := Source{Kind: m.Kind, Text: redact(strings.TrimSpace(m.Text)), Case: strings.TrimSpace(m.Case)}
		if !known[m.Unit] {
			ps = append(ps, fault.P(at+".unit", "unit %q is not in this publication", m.Unit))
			continue
		}
		switch {
		case m.Kind == FromComment && src.Text != "":
			add(m.Unit, i18n.M("a respondent's comment: %s", src.Text).In(i18n.ZH), src)
		case m.Kind == FromAppeal && src.Case != "":
			add(m.Unit, i18n.M("appeal case %s: %s", src.Case, src.Text).In(i18n.ZH), src)
		default:
			ps = append(ps, fault.P(at, "mark a comment with its text, or an appeal case with its number"))
		}
	}
	if len(ps) > 0 {
		return nil, fault.WithProblems(ps, "%d marked items cannot be proposed; nothing was proposed", len(ps))
	}
	for i := range out {
		r := &out[i]
		sum := sha256.Sum256([]byte(strings.Join([]string{r.CampaignCode, itoa(int64(r.Version)), r.UnitCode, r.Source.SourceKind,
			r.Source.SourceIndicator, r.Source.SourceCase, r.Source.SourceText}, "\x00")))
		r.ProposalKey = hex.EncodeToString(sum[:])
	}
	return out, nil
}

// Propose stores the proposals of a publication under the rules and
// returns the version's proposals. Proposing again adds only what is new,
// and a proposal once dropped stays dropped.
func (s *Store) Propose(ctx context.Context, actor audit.Actor, pub Publication, rules Rules) ([]Proposal, error) {
	if pub.Campaign == "" || pub.Version < 1 {
		return nil, fault.Invalidf("name the campaign and the published version to propose tasks from")
	}
	rows, err := candidates(pub, rules)
	if err != nil {
		return nil, err
	}
	for i, m := range rules.Marked {
		if m.Kind == FromAppeal {
			if err := s.checkCase(ctx, "marked["+itoa(int64(i))+"].case", strings.TrimSpace(m.Case)); err != nil {
				return nil, err
			}
		}
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		var have []string
		if err := tx.Model(&proposalRow{}).Where("campaign_code = ? AND version = ?", pub.Campaign, pub.Version).Pluck("proposal_key", &have).Error; err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, k := range have {
			seen[k] = true
		}
		added := 0
		for _, r := range rows {
			if seen[r.ProposalKey] {
				continue
			}
			seen[r.ProposalKey] = true
			r.State, r.CreatedAt, r.CreatedBy = "proposed", s.now(), actor.Login
			if err := tx.Create(&r).Error; err != nil {
				if storage.IsDuplicate(err) {
					return fault.Conflictf("another member proposed tasks from this version at the same moment; propose again")
				}
				return err
			}
			added++
		}
		return s.audit(tx, actor, "rectification.propose", "campaign:"+pub.Campaign,
			map[string]any{"version": pub.Version, "added": added, "indicator_below": rules.IndicatorBelow, "marked": len(rules.Marked)})
	})
	if err != nil {
		return nil, err
	}
	return s.Proposals(ctx, pub.Campaign, pub.Version)
}

// Proposals lists a version's proposals, by unit.
func (s *Store) Proposals(ctx context.Context, campaign string, version int) ([]Proposal, error) {
	var rows []proposalRow
	if err := s.db.WithContext(ctx).Where("campaign_code = ? AND version = ?", campaign, version).Order("unit_code, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Proposal, len(rows))
	for i, r := range rows {
		p := Proposal{ID: r.ID, Campaign: r.CampaignCode, Version: r.Version, Unit: r.UnitCode, Problem: r.Problem, State: r.State, TaskID: r.TaskID,
			Source: r.Source.source()}
		if r.DecidedBy != nil {
			p.DecidedBy = *r.DecidedBy
		}
		if r.DropReason != nil {
			p.Reason = *r.DropReason
		}
		out[i] = p
	}
	return out, nil
}

// Confirm turns a proposal into a task with the measures and deadline the
// member sets; problem, when not empty, rewords the proposal's.
func (s *Store) Confirm(ctx context.Context, actor audit.Actor, proposalID int64, problem, measures string, deadline Deadline) (int64, error) {
	var id int64
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		p, err := s.pendingProposal(tx, proposalID)
		if err != nil {
			return err
		}
		if strings.TrimSpace(problem) == "" {
			problem = p.Problem
		}
		id, err = s.open(ctx, tx, actor, NewTask{Campaign: p.CampaignCode, Version: p.Version, Unit: p.UnitCode, Problem: problem,
			Source:   p.Source.source(),
			Measures: measures, Deadline: deadline})
		if err != nil {
			return err
		}
		if err := tx.Model(&proposalRow{}).Where("id = ?", p.ID).Updates(map[string]any{"state": "confirmed", "task_id": id,
			"decided_at": s.now(), "decided_by": actor.Login}).Error; err != nil {
			return err
		}
		return s.audit(tx, actor, "rectification.confirm", "rectification-proposal:"+itoa(p.ID), map[string]any{"task": id, "unit": p.UnitCode})
	})
	return id, err
}

// Drop sets a proposal aside, with the reason.
func (s *Store) Drop(ctx context.Context, actor audit.Actor, proposalID int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if ps := textProblems("reason", reason); ps != nil {
		return fault.WithProblems(ps, "say why the proposal is dropped")
	}
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		p, err := s.pendingProposal(tx, proposalID)
		if err != nil {
			return err
		}
		if err := tx.Model(&proposalRow{}).Where("id = ?", p.ID).Updates(map[string]any{"state": "dropped", "drop_reason": reason,
			"decided_at": s.now(), "decided_by": actor.Login}).Error; err != nil {
			return err
		}
		return s.audit(tx, actor, "rectification.drop", "rectification-proposal:"+itoa(p.ID), map[string]any{"unit": p.UnitCode, "reason": reason})
	})
}

func (s *Store) pendingProposal(tx *gorm.DB, id int64) (proposalRow, error) {
	var p proposalRow
	if err := s.db.Locked(tx, storage.ForUpdate).Take(&p, id).Error; err != nil {
		if storage.IsNotFound(err) {
			return p, fault.NotFoundf("there is no proposal %d", id)
		}
		return p, err
	}
	if p.State != "proposed" {
		return p, fault.Conflictf("proposal %d was already decided", id)
	}
	return p, nil
}
