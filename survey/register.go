package survey

import "context"

// RegisteredUnit is a unit of the organiser's register: the units of all
// its campaigns, each code once, as its newest campaign defines it.
type RegisteredUnit struct {
	Code, Name string
	Parent     string // the parent's code; "" for a department
}

// RegisterUnits lists the register, or only the units of codes when any
// are given (unknown codes are left out). The appeals ledger sends cases
// to these units, so that it does not depend on any one campaign: a unit
// defined by last year's campaign and this year's is one unit, named as
// this year's names it.
func (s *Store) RegisterUnits(ctx context.Context, codes ...string) ([]RegisteredUnit, error) {
	var rows []struct {
		Code, Name string
		Parent     *string
		CampaignID int64
	}
	q := s.db.WithContext(ctx).Table("units AS u").
		Select("u.code, u.name, p.code AS parent, u.campaign_id").
		Joins("LEFT JOIN units AS p ON p.id = u.parent_id")
	if len(codes) > 0 {
		// A case names a few units: found through units_register, not
		// by reading every campaign's units.
		q = q.Where("u.code IN ?", codes)
	}
	err := q.Order("u.campaign_id DESC, u.position").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []RegisteredUnit
	for _, r := range rows {
		if seen[r.Code] {
			continue
		}
		seen[r.Code] = true
		u := RegisteredUnit{Code: r.Code, Name: r.Name}
		if r.Parent != nil {
			u.Parent = *r.Parent
		}
		out = append(out, u)
	}
	return out, nil
}
