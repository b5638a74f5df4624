package survey

import (
	"context"
	"reflect"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/organizer"
	"pingyi/storage"
)

// Update changes a campaign through change, which edits its definition
// document in place. Every edit (a replaced document, a renamed unit, a
// bulk unit import) goes through here, so one set of rules holds for all:
// the whole document is validated again, structure may change only in
// draft, names and labels until publication, and the stored rows are
// synced in one transaction.
func (s *Store) Update(ctx context.Context, code string, actor audit.Actor, action string, change func(*Definition) error) (*Structure, error) {
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		c, err := s.lockCampaign(tx, code, storage.ForUpdate)
		if err != nil {
			return err
		}
		if c.Status == Published {
			return fault.Conflictf("campaign %q is published and can no longer change", code)
		}
		old, err := loadStructure(tx, c)
		if err != nil {
			return err
		}
		before := old.Definition()
		d := old.Definition()
		if err := change(&d); err != nil {
			return err
		}
		if d.Code != c.Code {
			return fault.WithProblems([]fault.Problem{fault.P("code", "a campaign's code cannot change (it is %q)", c.Code)},
				"the campaign definition has %d problems", 1)
		}
		if err := Validate(s.validate, &d); err != nil {
			return err
		}
		structural := !reflect.DeepEqual(structureOnly(before), structureOnly(d))
		if structural && c.Status != Draft {
			return fault.Conflictf("campaign %q is %s: its structure (codes, weights, scores, units, groups, scoring parameters) is frozen; only names and labels can change", code, c.Status)
		}
		var keep []float64
		if reflect.DeepEqual(before.AHP, d.AHP) {
			keep = old.MainWeights
		}
		if err := resolveAHP(&d, keep); err != nil {
			return err
		}
		applyCampaignFields(&c, &d)
		if err := organizer.Ensure(tx, c.OrganizerCode, c.Organizer, s.db.Now()); err != nil {
			return err
		}
		// Every edit, renames included, gets a new version: cached
		// structures in every serve process notice it on their next read.
		c.StructureVersion++
		c.UpdatedAt = s.db.Now()
		if err := tx.Save(&c).Error; err != nil {
			return err
		}
		if err := syncStructure(tx, c.ID, old, &d); err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: action, Object: "campaign:" + code,
			Detail: map[string]any{"structural": structural}})
	})
	if err != nil {
		return nil, err
	}
	return s.Structure(ctx, code)
}

// LockCampaign reads a campaign row for update inside tx: changes that
// must not interleave with each other or with a publication checking its
// inputs (edits, exclusions, approvals, publication) take it.
func (s *Store) LockCampaign(tx *gorm.DB, code string) (Campaign, error) {
	return s.lockCampaign(tx, code, storage.ForUpdate)
}

// HoldCampaign reads a campaign row inside tx so that its status cannot
// change until tx ends, while others may hold it too: submissions and
// imports take it. An open campaign is also passed through its gate, so
// that a close through another node of a cluster cannot slip in under tx;
// one whose close is announced reads as closed.
func (s *Store) HoldCampaign(tx *gorm.DB, code string) (Campaign, error) {
	c, err := s.lockCampaign(tx, code, storage.ForShare)
	if err != nil || c.Status != Open {
		return c, err
	}
	if announced, err := closing(tx, c.ID); err != nil || announced {
		c.Status = Closed
		return c, err
	}
	return c, passGate(tx, c.ID)
}

// lockCampaign reads a campaign row under a row lock: ForUpdate for edits,
// so two edits of one campaign from two serve processes take turns instead
// of overwriting each other; ForShare for submissions, which may run
// together but not while the campaign's status changes.
func (s *Store) lockCampaign(tx *gorm.DB, code string, lock storage.Lock) (Campaign, error) {
	var c Campaign
	err := s.db.Locked(tx.Where("code = ?", code), lock).Take(&c).Error
	if storage.IsNotFound(err) {
		return c, fault.NotFoundf("no campaign %q", code)
	}
	return c, err
}

// structureOnly blanks what may change after a campaign opens (names,
// labels, descriptions), leaving what stored answers and scores rest on.
func structureOnly(d Definition) Definition {
	// The organiser's code and the series stay: they decide who sees the
	// campaign and what it is compared with, which a published ranking
	// rests on.
	d.Name, d.Organizer.Name, d.Description = "", "", ""
	d.Categories = mapSlice(d.Categories, func(x CategoryDef) CategoryDef { x.Name = ""; return x })
	d.Units = mapSlice(d.Units, func(x UnitDef) UnitDef { x.Name = ""; return x })
	d.Indicators = mapSlice(d.Indicators, func(x IndicatorDef) IndicatorDef { x.Name = ""; return x })
	d.Scale = mapSlice(d.Scale, func(x OptionDef) OptionDef { x.Label = ""; return x })
	d.Groups = mapSlice(d.Groups, func(x GroupDef) GroupDef { x.Name = ""; return x })
	return d
}

func mapSlice[T any](in []T, f func(T) T) []T {
	out := make([]T, len(in))
	for i, x := range in {
		out[i] = f(x)
	}
	return out
}
