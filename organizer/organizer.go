// Package organizer holds the organisers campaigns and accounts belong to:
// a city's office, its counties' and townships' (issue 11). A county's
// parent is its city: an account of the city covers the county's
// campaigns too. survey (campaigns) and account (accounts) both refer to
// organisers by code; this package owns their table.
package organizer

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/validation"
)

// Default is the organiser of every campaign and account until others
// exist, and of a definition whose organizer is a plain name.
const Default = "default"

// Organizer is one organiser as stored.
type Organizer struct {
	Code       string `gorm:"primaryKey"`
	Name       string
	ParentCode *string
	CreatedAt  time.Time
}

// TableName ties Organizer to the organizers table.
func (Organizer) TableName() string { return "organizers" }

// Ensure creates the organiser code, named name, unless it exists: a
// campaign definition naming a new organiser creates it. An existing
// organiser keeps its name and parent.
func Ensure(tx *gorm.DB, code, name string, now time.Time) error {
	var n int64
	if err := tx.Model(&Organizer{}).Where("code = ?", code).Count(&n).Error; err != nil || n > 0 {
		return err
	}
	err := tx.Create(&Organizer{Code: code, Name: name, CreatedAt: now}).Error
	if storage.IsDuplicate(err) {
		return nil // created meanwhile by another process
	}
	return err
}

// Missing returns the codes among codes that name no organiser.
func Missing(q *gorm.DB, codes []string) ([]string, error) {
	var found []string
	if err := q.Model(&Organizer{}).Where("code IN ?", codes).Pluck("code", &found).Error; err != nil {
		return nil, err
	}
	var out []string
	for _, c := range codes {
		if !slices.Contains(found, c) && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out, nil
}

// Covered returns codes with every organiser under them, at any depth:
// the organisers whose campaigns an account of codes sees.
func Covered(q *gorm.DB, codes []string) ([]string, error) {
	t, err := ReadTree(q)
	if err != nil {
		return nil, err
	}
	return t.Covered(codes), nil
}

// Tree is every organiser, read once to answer Covered for many accounts.
type Tree []Organizer

// ReadTree reads the organisers.
func ReadTree(q *gorm.DB) (Tree, error) {
	var all Tree
	return all, q.Find(&all).Error
}

// Covered returns codes with every organiser under them, at any depth.
func (t Tree) Covered(codes []string) []string {
	out := slices.Clone(codes)
	for grew := true; grew; { // a few levels deep: city, county, township
		grew = false
		for _, o := range t {
			if o.ParentCode != nil && slices.Contains(out, *o.ParentCode) && !slices.Contains(out, o.Code) {
				out, grew = append(out, o.Code), true
			}
		}
	}
	return out
}

// Store adds and lists organisers.
type Store struct {
	db    *storage.DB
	audit *audit.Log
}

// NewStore returns the organiser store of db.
func NewStore(db *storage.DB, log *audit.Log) *Store { return &Store{db: db, audit: log} }

// List returns every organiser by code.
func (s *Store) List(ctx context.Context) ([]Organizer, error) {
	var out []Organizer
	return out, s.db.WithContext(ctx).Order("code").Find(&out).Error
}

// Put creates an organiser, or renames one and sets its parent: how a
// county comes under its city. parent "" means none.
func (s *Store) Put(ctx context.Context, code, name, parent string, actor audit.Actor) error {
	if !validation.IsCode(code) {
		return fault.WithProblems([]fault.Problem{fault.P("code", "an organiser's code is 1 to 64 letters, digits, '.', '-' or '_'")}, "the organiser has problems")
	}
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		o := Organizer{Code: code, Name: name, CreatedAt: s.db.Now()}
		if parent != "" {
			if err := checkParent(tx, code, parent); err != nil {
				return err
			}
			o.ParentCode = &parent
		}
		var old Organizer
		err := tx.Where("code = ?", code).Take(&old).Error
		switch {
		case storage.IsNotFound(err):
			err = tx.Create(&o).Error
		case err == nil:
			err = tx.Model(&old).Updates(map[string]any{"name": name, "parent_code": o.ParentCode}).Error
		}
		if err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "organizer.put", Object: "organizer:" + code,
			Detail: map[string]any{"name": name, "parent": parent}})
	})
}

// checkParent refuses an unknown parent, and one under code itself, which
// would make a loop that covers nothing above it.
func checkParent(tx *gorm.DB, code, parent string) error {
	if missing, err := Missing(tx, []string{parent}); err != nil || len(missing) > 0 {
		if err != nil {
			return err
		}
		return fault.WithProblems([]fault.Problem{fault.P("parent", "no organiser %q", parent)}, "the organiser has problems")
	}
	under, err := Covered(tx, []string{code})
	if err != nil {
		return err
	}
	if slices.Contains(under, parent) {
		return fault.WithProblems([]fault.Problem{fault.P("parent", "organiser %q is under %q: it cannot also be above it", parent, code)}, "the organiser has problems")
	}
	return nil
}
