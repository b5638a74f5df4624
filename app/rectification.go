package app

import (
	"context"
	"math"
	"time"

	"pingyi/appeals"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/rectification"
	"pingyi/review"
	"pingyi/survey"
)

// Rectification is the tasks store as the pages and the API use it: the
// store itself, fed by the review's publications (proposals, last year's
// campaign), the campaigns' unit names and the appeals ledger (a comment
// turned into a case), so that none of those packages imports another.
type Rectification struct {
	*rectification.Store
	review  *review.Store
	survey  *survey.Store
	appeals *appeals.Store
}

// RectificationDesk is the rectification side the HTTP handlers call.
func (a *App) RectificationDesk() *Rectification {
	return &Rectification{Store: a.Rectification, review: a.Review, survey: a.Survey, appeals: a.Appeals}
}

// PublicationOf is what proposals are made from: a published version's
// tiers, units and their main (not auxiliary) indicator scores.
func PublicationOf(c *review.Content) rectification.Publication {
	pub := rectification.Publication{Campaign: c.Campaign.Code, Version: c.Version}
	for _, t := range c.Tiers {
		pub.Tiers = append(pub.Tiers, t.Name)
	}
	main := map[string]bool{}
	for _, ind := range c.Method.Indicators {
		if !ind.Auxiliary {
			main[ind.Code] = true
		}
	}
	for _, u := range c.Units {
		pu := rectification.PublishedUnit{Code: u.UnitCode, Category: u.Category, Index: u.Index, Rank: u.Rank, Tier: u.Tier,
			Indicators: map[string]float64{}}
		for code, v := range u.Indicators {
			if main[code] && v != nil && !math.IsNaN(*v) {
				pu.Indicators[code] = *v
			}
		}
		pub.Units = append(pub.Units, pu)
	}
	return pub
}

// Published returns a campaign's published version (0: the latest).
func (r *Rectification) Published(ctx context.Context, code string, version int) (*review.Content, error) {
	_, c, err := r.review.Get(ctx, code, version)
	return c, err
}

// ProposeFrom stores the proposals of a published version under the
// committee's rules.
func (r *Rectification) ProposeFrom(ctx context.Context, actor audit.Actor, code string, version int, rules rectification.Rules) ([]rectification.Proposal, error) {
	c, err := r.Published(ctx, code, version)
	if err != nil {
		return nil, err
	}
	return r.Propose(ctx, actor, PublicationOf(c), rules)
}

// Units names a campaign's units by code, with the campaign.
func (r *Rectification) Units(ctx context.Context, code string) (survey.Campaign, map[string]string, error) {
	st, err := r.survey.Structure(ctx, code)
	if err != nil {
		return survey.Campaign{}, nil, err
	}
	names := make(map[string]string, len(st.Units))
	for _, u := range st.Units {
		names[u.Code] = u.Name
	}
	return st.Campaign, names, nil
}

// TasksOfUnit lists a unit's tasks of every campaign the liaison sees
// (sees: its organisers'; another organiser's unit may share the code),
// newest campaign first.
func (r *Rectification) TasksOfUnit(ctx context.Context, unit string, sees func(organizer string) bool) ([]rectification.Task, error) {
	if unit == "" {
		return nil, fault.Forbiddenf("your account is not a unit's liaison")
	}
	list, err := r.survey.Campaigns(ctx)
	if err != nil {
		return nil, err
	}
	var out []rectification.Task
	for _, c := range list {
		if !sees(c.OrganizerCode) {
			continue
		}
		tasks, err := r.UnitTasks(ctx, c.Code, unit)
		if err != nil {
			return nil, err
		}
		out = append(out, tasks...)
	}
	return out, nil
}

// LastYear is how the tasks of the campaign a campaign is compared with
// (same series, the latest earlier year) ended, per unit, as of now; nil
// when there is no such campaign.
func (r *Rectification) LastYear(ctx context.Context, code string) (*survey.Campaign, map[string]rectification.Rates, error) {
	c, err := r.survey.Campaign(ctx, code)
	if err != nil {
		return nil, nil, err
	}
	prev, _, _, err := r.review.Previous(ctx, c)
	if err != nil || prev == nil {
		return nil, nil, err
	}
	ended, err := r.Ended(ctx, prev.Code, time.Now())
	return prev, ended, err
}

// CaseFromComment receives a respondent's comment as an appeal case of
// the survey channel: the comment's text only, nothing that identifies
// the respondent, for the dispatcher to assign.
func (r *Rectification) CaseFromComment(ctx context.Context, actor audit.Actor, kind, text string) (appeals.Received, error) {
	return r.appeals.Receive(ctx, appeals.Intake{Channel: "survey", Kind: kind, Content: text}, actor)
}

// Structure is a campaign with its units, for the forms that name one.
func (r *Rectification) Structure(ctx context.Context, code string) (*survey.Structure, error) {
	return r.survey.Structure(ctx, code)
}
