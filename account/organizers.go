package account

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/organizer"
)

// membership ties an account to one organiser it belongs to.
type membership struct {
	UserID        int64
	OrganizerCode string
}

// TableName ties membership to the user_organizers table.
func (membership) TableName() string { return "user_organizers" }

// Sees reports whether the account covers an organiser's campaigns: its
// own organisers' and those under them.
func (u User) Sees(organizerCode string) bool { return slices.Contains(u.Covers, organizerCode) }

// BelongsTo reports whether the account is one of an organiser's own (its
// committee, for a committee member), not only above it.
func (u User) BelongsTo(organizerCode string) bool {
	return slices.Contains(u.Organizers, organizerCode)
}

// withOrganizers fills in the organisers of accounts read from q.
func withOrganizers(q *gorm.DB, users []User) error {
	if len(users) == 0 {
		return nil
	}
	ids := make([]int64, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	var rows []membership
	if err := q.Where("user_id IN ?", ids).Order("organizer_code").Find(&rows).Error; err != nil {
		return err
	}
	tree, err := organizer.ReadTree(q)
	if err != nil {
		return err
	}
	of := map[int64][]string{}
	for _, m := range rows {
		of[m.UserID] = append(of[m.UserID], m.OrganizerCode)
	}
	for i := range users {
		users[i].Organizers = of[users[i].ID]
		users[i].Covers = tree.Covered(users[i].Organizers)
	}
	return nil
}

// organizersOf is what a new account belongs to: the organisers asked
// for, all of them existing and, when an administrator rather than the
// command line creates it, all covered by that administrator's account;
// with none asked, the administrator's own, or "default".
func (s *Store) organizersOf(tx *gorm.DB, asked []string, actor audit.Actor) ([]string, error) {
	var creator *User
	if actor.ID != 0 {
		creator = &User{ID: actor.ID}
		users := []User{*creator}
		if err := withOrganizers(tx, users); err != nil {
			return nil, err
		}
		creator = &users[0]
	}
	if len(asked) == 0 {
		if creator != nil && len(creator.Organizers) > 0 {
			return creator.Organizers, nil
		}
		return []string{organizer.Default}, nil
	}
	missing, err := organizer.Missing(tx, asked)
	if err != nil {
		return nil, err
	}
	var problems []fault.Problem
	for i, code := range asked {
		path := fmt.Sprintf("organizers[%d]", i)
		switch {
		case slices.Contains(missing, code):
			problems = append(problems, fault.P(path, "no organiser %q (create it with pingyi organizer add, or with a campaign of its own)", code))
		case creator != nil && !creator.Sees(code):
			problems = append(problems, fault.P(path, "organiser %q is not one of yours to give", code))
		}
	}
	if len(problems) > 0 {
		return nil, fault.WithProblems(problems, "the account has problems")
	}
	return asked, nil
}

// joinOrganizers records the organisers a new account belongs to.
func joinOrganizers(tx *gorm.DB, userID int64, codes []string) error {
	rows := make([]membership, 0, len(codes))
	for _, c := range codes {
		if !slices.ContainsFunc(rows, func(m membership) bool { return m.OrganizerCode == c }) {
			rows = append(rows, membership{UserID: userID, OrganizerCode: c})
		}
	}
	return tx.Create(&rows).Error
}

// orgContext returns the accounts with their organisers, read in ctx.
func (s *Store) orgContext(ctx context.Context, users []User) error {
	return withOrganizers(s.db.WithContext(ctx), users)
}
