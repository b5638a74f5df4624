package survey

import (
	"gorm.io/gorm"
)

// syncUnits matches units by code like the other lists, in three steps
// because units point at each other: first every unit is written without
// its parent, then the unwanted ones are deleted (nothing points at them
// any more), then parents and levels are set from the codes.
func syncUnits(tx *gorm.DB, campaignID int64, old []Unit, defs []UnitDef) error {
	categoryID, err := idsByCode(tx, "categories", campaignID)
	if err != nil {
		return err
	}
	if len(old) > 0 {
		if err := tx.Model(&Unit{}).Where("campaign_id = ?", campaignID).Update("parent_id", nil).Error; err != nil {
			return err
		}
	}
	levels := unitLevels(defs)
	wanted := make([]Unit, len(defs))
	for i, d := range defs {
		wanted[i] = Unit{CampaignID: campaignID, Code: d.Code, Name: d.Name, CategoryID: categoryID[d.Category], Level: levels[d.Code], Position: i}
	}
	// Parents were cleared above and are set below: compare without them.
	err = upsert(tx, old, wanted, func(u Unit) Unit { u.ParentID = nil; return u })
	if err != nil {
		return err
	}
	unitID, err := idsByCode(tx, "units", campaignID)
	if err != nil {
		return err
	}
	for _, d := range defs {
		if d.Parent == nil {
			continue
		}
		if err := tx.Model(&Unit{}).Where("id = ?", unitID[d.Code]).Update("parent_id", unitID[*d.Parent]).Error; err != nil {
			return err
		}
	}
	return nil
}

// unitLevels gives each unit its depth: 1 for a department, 2 for its
// stations and so on. Validation has ruled out cycles and unknown parents.
func unitLevels(defs []UnitDef) map[string]int {
	parent := map[string]*string{}
	for _, d := range defs {
		parent[d.Code] = d.Parent
	}
	levels := map[string]int{}
	for _, d := range defs {
		level := 1
		for p := d.Parent; p != nil; p = parent[*p] {
			level++
		}
		levels[d.Code] = level
	}
	return levels
}

func idsByCode(tx *gorm.DB, table string, campaignID int64) (map[string]int64, error) {
	var rows []struct {
		ID   int64
		Code string
	}
	if err := tx.Table(table).Select("id, code").Where("campaign_id = ?", campaignID).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(rows))
	for _, r := range rows {
		out[r.Code] = r.ID
	}
	return out, nil
}
