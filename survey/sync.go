package survey

import (
	"errors"
	"reflect"

	"gorm.io/gorm"

	"pingyi/fault"
)

// syncStructure makes the stored structure of a campaign match d: rows are
// matched by code, changed rows updated, new rows inserted, missing rows
// deleted. Ids of rows that persist never change, so invitations, frames and
// responses that refer to them stay valid. old is nil for a new campaign.
func syncStructure(tx *gorm.DB, campaignID int64, old *Structure, d *Definition) error {
	if old == nil {
		old = &Structure{}
	}
	if err := syncCategories(tx, campaignID, old.Categories, d.Categories); err != nil {
		return err
	}
	if err := syncUnits(tx, campaignID, old.Units, d.Units); err != nil {
		return err
	}
	if err := syncIndicators(tx, campaignID, old.Indicators, d.Indicators); err != nil {
		return err
	}
	if err := syncOptions(tx, campaignID, old.Scale, d.Scale); err != nil {
		return err
	}
	return syncGroups(tx, campaignID, old.Groups, d.Groups)
}

// upsert updates the row of each wanted item that exists, inserts the others,
// then deletes what was not wanted.
func upsert[T any](tx *gorm.DB, existing map[string]T, wanted []T, code func(T) string, id func(T) int64, changed func(old, new T) bool) error {
	var inserts []T
	for _, w := range wanted {
		e, ok := existing[code(w)]
		if !ok {
			inserts = append(inserts, w)
			continue
		}
		delete(existing, code(w))
		if changed(e, w) {
			if err := tx.Select("*").Omit("id", "campaign_id").Where("id = ?", id(e)).Updates(&w).Error; err != nil {
				return err
			}
		}
	}
	for _, e := range existing {
		if err := tx.Delete(&e, id(e)).Error; err != nil {
			if isForeignKey(err) {
				return fault.Conflictf("%q is still referred to (by responses, invitations or a sampling frame) and cannot be removed", code(e))
			}
			return err
		}
	}
	if len(inserts) > 0 {
		return tx.CreateInBatches(inserts, 500).Error
	}
	return nil
}

func isForeignKey(err error) bool { return errors.Is(err, gorm.ErrForeignKeyViolated) }

func syncCategories(tx *gorm.DB, campaignID int64, old []Category, defs []CategoryDef) error {
	existing := map[string]Category{}
	for _, c := range old {
		existing[c.Code] = c
	}
	wanted := make([]Category, len(defs))
	for i, d := range defs {
		wanted[i] = Category{CampaignID: campaignID, Code: d.Code, Name: d.Name, Position: i}
	}
	return upsert(tx, existing, wanted, func(c Category) string { return c.Code }, func(c Category) int64 { return c.ID },
		func(a, b Category) bool { return differs(a, b, func(x *Category, id int64) { x.ID = id }, a.ID) })
}

func syncIndicators(tx *gorm.DB, campaignID int64, old []Indicator, defs []IndicatorDef) error {
	existing := map[string]Indicator{}
	for _, x := range old {
		existing[x.Code] = x
	}
	wanted := make([]Indicator, len(defs))
	for i, d := range defs {
		wanted[i] = Indicator{CampaignID: campaignID, Code: d.Code, Name: d.Name, Weight: d.Weight, Auxiliary: d.Auxiliary, Position: i}
	}
	return upsert(tx, existing, wanted, func(x Indicator) string { return x.Code }, func(x Indicator) int64 { return x.ID },
		func(a, b Indicator) bool { return differs(a, b, func(x *Indicator, id int64) { x.ID = id }, a.ID) })
}

func syncOptions(tx *gorm.DB, campaignID int64, old []Option, defs []OptionDef) error {
	existing := map[string]Option{}
	for _, x := range old {
		existing[x.Code] = x
	}
	wanted := make([]Option, len(defs))
	for i, d := range defs {
		wanted[i] = Option{CampaignID: campaignID, Code: d.Code, Label: d.Label, Score: d.Score, Satisfied: d.Satisfied, Excluded: d.Excluded, Position: i}
	}
	return upsert(tx, existing, wanted, func(x Option) string { return x.Code }, func(x Option) int64 { return x.ID },
		func(a, b Option) bool { return differs(a, b, func(x *Option, id int64) { x.ID = id }, a.ID) })
}

func syncGroups(tx *gorm.DB, campaignID int64, old []Group, defs []GroupDef) error {
	existing := map[string]Group{}
	for _, x := range old {
		existing[x.Code] = x
	}
	wanted := make([]Group, len(defs))
	anyOpen := false
	for _, d := range defs {
		anyOpen = anyOpen || d.OpenLink != nil
	}
	for i, d := range defs {
		open := (d.OpenLink != nil && *d.OpenLink) || (!anyOpen && i == 0)
		wanted[i] = Group{CampaignID: campaignID, Code: d.Code, Name: d.Name, Weight: *d.Weight, MinSample: d.MinSample, OpenLink: open, Position: i}
	}
	return upsert(tx, existing, wanted, func(x Group) string { return x.Code }, func(x Group) int64 { return x.ID },
		func(a, b Group) bool { return differs(a, b, func(x *Group, id int64) { x.ID = id }, a.ID) })
}

// differs reports whether a wanted row differs from the stored one in
// anything but its id, which the wanted row does not have yet.
func differs[T any](stored, wanted T, setID func(*T, int64), id int64) bool {
	setID(&wanted, id)
	return !reflect.DeepEqual(stored, wanted)
}
