package review

import "pingyi/scoring"

// baseline is the compared publication's units by code: what a unit's
// change "since last year" is measured against.
type baseline map[string]PublishedUnit

func baselineOf(previous *Content) baseline {
	b := baseline{}
	if previous != nil {
		for _, u := range previous.Units {
			b[u.UnitCode] = u
		}
	}
	return b
}

// changeOf is a unit's standing in the baseline and the change since;
// nil when the unit was not published then.
func (b baseline) changeOf(u scoring.UnitResult) *PreviousUnit {
	before, ok := b[u.UnitCode]
	if !ok {
		return nil
	}
	rank := before.Rank
	if before.Category != u.Category {
		rank = nil // ranks are within a category: another category's rank is no comparison
	}
	return Change(before.Index, rank, u.Index, u.Rank)
}

// comparisonOf names the compared publication; nil when there is none.
func comparisonOf(p *Publication, c *Content) *Comparison {
	if p == nil || c == nil {
		return nil
	}
	return &Comparison{Campaign: c.Campaign.Code, Name: c.Campaign.Name, Year: c.Campaign.Year, Version: p.Version, Digest: p.Digest}
}
