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
	return syncGroups(tx, campaignID, old.Groups, d.Groups, d.PublishData)
}

// syncRow is a stored row of a campaign's structure, matched by code.
type syncRow[T any] interface {
	key() string
	rowID() int64
	withID(int64) T
}

// upsert makes the stored rows old match wanted: it updates the rows that
// exist and differ (compared after normalize, apart from their ids),
// inserts the others, then deletes what was not wanted.
func upsert[T syncRow[T]](tx *gorm.DB, old, wanted []T, normalize func(T) T) error {
	existing := make(map[string]T, len(old))
	for _, e := range old {
		existing[e.key()] = e
	}
	var inserts []T
	for _, w := range wanted {
		e, ok := existing[w.key()]
		if !ok {
			inserts = append(inserts, w)
			continue
		}
		delete(existing, w.key())
		if !reflect.DeepEqual(normalize(e), normalize(w.withID(e.rowID()))) {
			if err := tx.Select("*").Omit("id", "campaign_id").Where("id = ?", e.rowID()).Updates(&w).Error; err != nil {
				return err
			}
		}
	}
	for _, e := range existing {
		if err := tx.Delete(&e, e.rowID()).Error; err != nil {
			if isForeignKey(err) {
				return fault.Conflictf("%q is still referred to (by responses, invitations or a sampling frame) and cannot be removed", e.key())
			}
			return err
		}
	}
	if len(inserts) > 0 {
		return tx.CreateInBatches(inserts, 500).Error
	}
	return nil
}

func same[T any](x T) T { return x }

func isForeignKey(err error) bool { return errors.Is(err, gorm.ErrForeignKeyViolated) }

func syncCategories(tx *gorm.DB, campaignID int64, old []Category, defs []CategoryDef) error {
	wanted := make([]Category, len(defs))
	for i, d := range defs {
		wanted[i] = Category{CampaignID: campaignID, Code: d.Code, Name: d.Name, Position: i}
	}
	return upsert(tx, old, wanted, same)
}

func syncIndicators(tx *gorm.DB, campaignID int64, old []Indicator, defs []IndicatorDef) error {
	wanted := make([]Indicator, len(defs))
	for i, d := range defs {
		wanted[i] = Indicator{CampaignID: campaignID, Code: d.Code, Name: d.Name, Weight: d.Weight, Auxiliary: d.Auxiliary, Position: i}
	}
	return upsert(tx, old, wanted, same)
}

func syncOptions(tx *gorm.DB, campaignID int64, old []Option, defs []OptionDef) error {
	wanted := make([]Option, len(defs))
	for i, d := range defs {
		wanted[i] = Option{CampaignID: campaignID, Code: d.Code, Label: d.Label, Score: d.Score, Satisfied: d.Satisfied, Excluded: d.Excluded, Position: i}
	}
	return upsert(tx, old, wanted, same)
}

func syncGroups(tx *gorm.DB, campaignID int64, old []Group, defs []GroupDef, campaignDefault string) error {
	anyOpen := false
	for _, d := range defs {
		anyOpen = anyOpen || d.OpenLink != nil
	}
	// Without open_link the first group answers through the open link,
	// unless its responses come only from a draw: then the first other.
	firstOpen := -1
	for i, d := range defs {
		if d.Source != SourceDraw {
			firstOpen = i
			break
		}
	}
	wanted := make([]Group, len(defs))
	for i, d := range defs {
		open := (d.OpenLink != nil && *d.OpenLink) || (!anyOpen && i == firstOpen)
		wanted[i] = Group{CampaignID: campaignID, Code: d.Code, Name: d.Name, Weight: *d.Weight, MinSample: d.MinSample, OpenLink: open, Position: i,
			PublishData: publishDataOf(campaignDefault, d), Source: d.Source, Units: scopeJSON(d.Units)}
	}
	return upsert(tx, old, wanted, same)
}

func (x Category) key() string              { return x.Code }
func (x Category) rowID() int64             { return x.ID }
func (x Category) withID(id int64) Category { x.ID = id; return x }
func (x Unit) key() string                  { return x.Code }
func (x Unit) rowID() int64                 { return x.ID }
func (x Unit) withID(id int64) Unit         { x.ID = id; return x }
func (x Indicator) key() string             { return x.Code }
func (x Indicator) rowID() int64            { return x.ID }
func (x Indicator) withID(id int64) Indicator {
	x.ID = id
	return x
}
func (x Option) key() string            { return x.Code }
func (x Option) rowID() int64           { return x.ID }
func (x Option) withID(id int64) Option { x.ID = id; return x }
func (x Group) key() string             { return x.Code }
func (x Group) rowID() int64            { return x.ID }
func (x Group) withID(id int64) Group   { x.ID = id; return x }
